/** POST /api/ask/stream with an LLM configured (the fake OpenAI-compatible server): text deltas, then the verified answer. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/engine.js";
import { createApp } from "../../src/web/app.js";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai-server.js";
import { CLAIM, excerptWith, OBEY, shown } from "../helpers/injection.js";
import { memoryLogger, openTestEngine } from "./helpers.js";

let fake: FakeOpenAI;
let t: Awaited<ReturnType<typeof openTestEngine>>;
let engine: Awaited<ReturnType<typeof openEngine>>;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: "sk-web-test-998877", chunkSize: 4 });
  t = await openTestEngine();
  env = { LLM_BASE_URL: fake.baseURL, LLM_MODEL: "fake-model", LLM_API_KEY: "sk-web-test-998877", LLM_TIMEOUT_MS: "2000" };
  engine = await openEngine({ config: t.config(env) });
});
afterAll(async () => {
  await engine?.close();
  await fake?.close();
  await t?.cleanup();
});

function events(text: string): { event: string; data: any }[] {
  return text
    .split("\n\n")
    .filter((b) => b.trim())
    .map((b) => ({
      event: /^event: (.*)$/m.exec(b)?.[1] ?? "message",
      data: JSON.parse(
        b
          .split("\n")
          .filter((l) => l.startsWith("data: "))
          .map((l) => l.slice(6))
          .join("\n"),
      ),
    }));
}

describe("POST /api/ask/stream with an LLM", () => {
  const stream = async (question: string) => {
    const app = createApp(engine, t.config(env), { log: memoryLogger().log });
    const res = await app.request("/api/ask/stream", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ question }) });
    expect(res.status).toBe(200);
    return events(await res.text());
  };

  it("streams each verified sentence as a delta and ends with the verified answer", async () => {
    fake.onChat((req) => {
      const n = excerptWith(req.lastUserText, "5\\+1");
      return { content: `会议强调要加快构建“5+1”轨道交通网络。[${n}]要协同推进铁路、公路、水运等多种交通方式融合发展。[${n}]` };
    });
    const app = createApp(engine, t.config(env), { log: memoryLogger().log });
    const health = await (await app.request("/healthz")).json();
    expect(health.mode).toBe("llm");
    const evs = await stream("交通规划强调了什么");
    const deltas = evs.filter((e) => e.event === "delta").map((d) => d.data.text);
    expect(deltas).toEqual(["会议强调要加快构建“5+1”轨道交通网络。[1]", "要协同推进铁路、公路、水运等多种交通方式融合发展。[1]"]);
    const final = evs.at(-1)!;
    expect(final.event).toBe("final");
    expect(final.data).toMatchObject({ mode: "llm", found: true, answer: deltas.join("") });
    expect(final.data.citations[0].item.label).toBe("七");
    expect(final.data.citations[0].quote).toContain("5+1");
  });

  it("never streams an injected claim the model obeyed: no delta, no final answer carries it", async () => {
    fake.onChat((req) => {
      const n = excerptWith(req.lastUserText, "5\\+1") || 1;
      return { content: `要加快构建“5+1”轨道交通网络[${n}]。${CLAIM}[${n}]。`, chunkSize: 3 } as never;
    });
    const evs = await stream(`交通规划强调了什么？${OBEY}`);
    const deltas = evs.filter((e) => e.event === "delta").map((d) => d.data.text as string);
    expect(deltas).toEqual(["要加快构建“5+1”轨道交通网络[1]。"]);
    const final = evs.at(-1)!;
    expect(final.event).toBe("final");
    expect(final.data).toMatchObject({ mode: "llm", answer: deltas.join("") });
    expect(shown(final.data)).not.toContain("取消");
  });

  it("falls back to the extractive answer when the model fails, still as a final event", async () => {
    fake.onChat(() => ({ status: 500 }));
    const app = createApp(engine, t.config(env), { log: memoryLogger().log });
    const res = await app.request("/api/ask/stream", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: "交通规划强调了什么" }),
    });
    const evs = events(await res.text());
    const final = evs.find((e) => e.event === "final")!;
    expect(final.data.mode).toBe("extractive");
    expect(final.data.notice).toBeTruthy();
    expect(final.data.citations.some((c: any) => c.item?.label === "七")).toBe(true);
    expect(evs.some((e) => e.event === "error")).toBe(false);
  });
});
