import { afterEach, describe, expect, it } from "vitest";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { z } from "zod";
import { cosine, fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from "./openai-server.js";

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const chatModel = (f: FakeOpenAI, extra: Partial<ConstructorParameters<typeof ChatOpenAI>[0] & object> = {}) =>
  new ChatOpenAI({ model: "fake-model", apiKey: "test-key", configuration: { baseURL: f.baseURL }, maxRetries: 0, ...extra });

const Answer = z.object({
  found: z.boolean(),
  quotes: z.array(z.object({ text: z.string(), source: z.string() })),
});

describe("fake OpenAI with @langchain/openai", () => {
  it("answers a plain invoke with the default reply and checks the bearer key", async () => {
    fake = await startFakeOpenAI({ apiKey: "test-key" });
    const res = await chatModel(fake).invoke([new SystemMessage("只引用原文"), new HumanMessage("预算是多少？")]);
    expect(res.content).toBe("未找到");
    expect(res.usage_metadata?.total_tokens).toBeGreaterThan(0);

    const req = fake.chatRequests[0]!;
    expect(req).toMatchObject({ model: "fake-model", stream: false, lastUserText: "预算是多少？", systemText: "只引用原文" });
    expect(req.headers.authorization).toBe("Bearer test-key");
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions" });

    const wrong = chatModel(fake, { apiKey: "nope" });
    await expect(wrong.invoke("hi")).rejects.toMatchObject({ status: 401 });
  });

  it("serves withStructuredOutput(zod) through response_format json_schema", async () => {
    fake = await startFakeOpenAI();
    fake.onChat((req) => {
      expect(req.response_format?.type).toBe("json_schema");
      expect(req.response_format?.json_schema.name).toBe("extract");
      expect(Object.keys(req.response_format?.json_schema.schema.properties)).toEqual(["found", "quotes"]);
      return { json: { found: true, quotes: [{ text: "预算为100万元", source: "2024-03 会议纪要" }] } };
    });
    const out = await chatModel(fake).withStructuredOutput(Answer).invoke("预算是多少？");
    expect(out).toEqual({ found: true, quotes: [{ text: "预算为100万元", source: "2024-03 会议纪要" }] });
  });

  it("rejects strict schemas that real OpenAI rejects (zod .optional() fields)", async () => {
    fake = await startFakeOpenAI();
    const Loose = z.object({ answer: z.string(), note: z.string().optional() });
    const err = await chatModel(fake)
      .withStructuredOutput(Loose)
      .invoke("?")
      .catch((e: unknown) => e as { status?: number; message: string });
    expect(err).toMatchObject({ status: 400 });
    expect((err as { message: string }).message).toContain("Missing 'note'");
    expect(fake.chatRequests).toHaveLength(0); // rejected before the handler, and 400 is not retried
    expect(fake.requestsTo("/chat/completions")).toHaveLength(1);
    // .nullable() keeps the key required, which strict mode accepts
    fake.onChat(() => ({ json: { answer: "a", note: null } }));
    const ok = await chatModel(fake)
      .withStructuredOutput(z.object({ answer: z.string(), note: z.string().nullable() }))
      .invoke("?");
    expect(ok).toEqual({ answer: "a", note: null });
  });

  it("serves withStructuredOutput via function calling (tool call)", async () => {
    fake = await startFakeOpenAI();
    fake.onChat((req) => {
      expect(req.tools?.[0]?.function.name).toBe("answer");
      expect(req.tool_choice).toEqual({ type: "function", function: { name: "answer" } });
      return { toolCall: { name: "answer", arguments: { found: false, quotes: [] } } };
    });
    const out = await chatModel(fake).withStructuredOutput(Answer, { method: "functionCalling", name: "answer" }).invoke("?");
    expect(out).toEqual({ found: false, quotes: [] });
  });

  it("streams SSE chunks ending with [DONE]", async () => {
    fake = await startFakeOpenAI();
    fake.enqueueChat({ content: "根据纪要，预算为一百万元。" }, { content: "x", chunks: ["第一", "第二", "第三"] });
    const pieces: string[] = [];
    for await (const chunk of await chatModel(fake).stream("预算？")) pieces.push(String(chunk.content));
    expect(pieces.join("")).toBe("根据纪要，预算为一百万元。");
    expect(pieces.filter((p) => p !== "").length).toBeGreaterThan(1);
    expect(fake.chatRequests[0]!.stream).toBe(true);
    expect(fake.chatRequests[0]!.body.stream_options).toEqual({ include_usage: true });

    const exact: string[] = [];
    for await (const chunk of await chatModel(fake).stream("再来")) if (chunk.content) exact.push(String(chunk.content));
    expect(exact).toEqual(["第一", "第二", "第三"]);
  });

  it("scripts errors, invalid bodies and delays", async () => {
    fake = await startFakeOpenAI();
    fake.enqueueChat({ status: 500 }, { raw: "{not json" }, { content: "slow", delayMs: 1000 });
    await expect(chatModel(fake).invoke("a")).rejects.toMatchObject({ status: 500 });
    await expect(chatModel(fake).invoke("b")).rejects.toThrow();
    const t0 = Date.now();
    await expect(chatModel(fake, { timeout: 200 }).invoke("c")).rejects.toThrow(/timed out|timeout|abort/i);
    expect(Date.now() - t0).toBeLessThan(900);
  });

  it("embeds documents in batches (base64 on the wire) and retries a 500", async () => {
    fake = await startFakeOpenAI({ apiKey: "test-key" });
    fake.failEmbeddings(1, 500);
    const embeddings = new OpenAIEmbeddings({
      model: "text-embedding-3-small",
      apiKey: "test-key",
      batchSize: 2,
      configuration: { baseURL: fake.baseURL },
    });
    const docs = ["财政预算报告", "财政预算的报告", "天气晴朗", "会议纪要第三条", "散会"];
    const vectors = await embeddings.embedDocuments(docs);
    expect(vectors).toHaveLength(5);
    for (const [i, v] of vectors.entries()) {
      expect(v).toHaveLength(64);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
      const expected = fakeEmbedding(docs[i]!, 64);
      v.forEach((x, j) => expect(x).toBeCloseTo(expected[j]!, 6));
    }
    expect(cosine(vectors[0]!, vectors[1]!)).toBeGreaterThan(0.6);
    expect(cosine(vectors[0]!, vectors[1]!)).toBeGreaterThan(cosine(vectors[0]!, vectors[2]!) + 0.3);

    const calls = fake.requestsTo("/embeddings");
    expect(calls).toHaveLength(4); // 3 batches + 1 retry
    expect(calls.every((r) => (r.body as { encoding_format?: string }).encoding_format === "base64")).toBe(true);
    expect(calls.map((r) => (r.body as { input: string[] }).input.length).sort()).toEqual([1, 2, 2, 2]);

    const q = await embeddings.embedQuery("财政预算");
    expect(q).toHaveLength(64);
  }, 10_000);

  it("honours encoding_format float, dimensions and lists models", async () => {
    fake = await startFakeOpenAI();
    const r = await fetch(`${fake.baseURL}/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "m", input: "abc", dimensions: 8 }),
    });
    const body = (await r.json()) as { data: Array<{ embedding: number[] }> };
    expect(body.data[0]!.embedding).toEqual(fakeEmbedding("abc", 8));
    const models = (await (await fetch(`${fake.baseURL}/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toContain("fake-model");
    const missing = await fetch(`${fake.baseURL}/nope`, { method: "POST" });
    expect(missing.status).toBe(404);
  });
});
