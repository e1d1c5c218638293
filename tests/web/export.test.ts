import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDocx } from "../../src/minutes/readers/docx.js";
import { createApp } from "../../src/web/app.js";
import { memoryLogger, openTestEngine } from "./helpers.js";

const TOKEN = "test-export-token-41c2";
const AUTH = { Authorization: `Bearer ${TOKEN}` };
/** Answered from the internal fixture (枫林, item 四) for staff with the token. */
const INTERNAL_QUESTION = "城镇燃气安全专项整治强调了什么";

let t: Awaited<ReturnType<typeof openTestEngine>>;
let internalQuotes: string[];

beforeAll(async () => {
  t = await openTestEngine();
  const staff = await t.engine.ask(INTERNAL_QUESTION, { access: { internal: true } });
  internalQuotes = staff.citations.filter((c) => c.visibility === "internal").map((c) => c.quote);
});
afterAll(async () => {
  await t?.cleanup();
});

const app = () => createApp(t.engine, t.config({ WEB_API_TOKEN: TOKEN, WEB_RATE_LIMIT: "1000" }), { log: memoryLogger().log });
const docxText = async (res: Response) => (await readDocx(Buffer.from(await res.arrayBuffer()), "answer.docx")).text;
const q = (question: string, extra = "") => `?q=${encodeURIComponent(question)}${extra}`;

describe("GET /api/answer.docx", () => {
  it("returns a Word attachment with the question, the answer with markers and the numbered references, quotes exact", async () => {
    const res = await app().request(`/api/answer.docx${q("交通规划强调了什么")}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="answer.docx"; filename*=UTF-8''${encodeURIComponent("纪要问答-交通规划强调了什么.docx")}`,
    );
    const text = await docxText(res);
    const answer = await t.engine.ask("交通规划强调了什么");
    expect(text).toContain("问题：交通规划强调了什么");
    for (const line of answer.answer.split("\n")) expect(text).toContain(line.trim());
    for (const c of answer.citations) expect(text.split("\n")).toContain(`[${c.n}] ${c.reference}`);
  });

  it("never holds an internal quote for a public caller; staff with the token get it", async () => {
    expect(internalQuotes.length).toBeGreaterThan(0);
    const pub = await docxText(await app().request(`/api/answer.docx${q(INTERNAL_QUESTION)}`));
    for (const quote of internalQuotes) expect(pub).not.toContain(quote);
    expect(pub).not.toContain("枫林");
    const staff = await docxText(await app().request(`/api/answer.docx${q(INTERNAL_QUESTION)}`, { headers: AUTH }));
    expect(staff).toContain(internalQuotes[0]);
    expect(staff).toContain("《枫林市人民政府常务会议纪要》（〔2023〕4号，2023年2月15日）");
  });

  it("validates its parameters by name and refuses a wrong token", async () => {
    const missing = await app().request("/api/answer.docx");
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatchObject({ field: "q", message: "q is required" });
    const bad = await app().request(`/api/answer.docx${q("交通规划", "&quoteChars=2")}`);
    expect((await bad.json()).error).toMatchObject({ field: "quoteChars" });
    expect((await app().request(`/api/answer.docx${q("交通规划")}`, { headers: { Authorization: "Bearer wrong" } })).status).toBe(401);
  });
});

describe("POST /api/answer.docx", () => {
  it("exports a follow-up with the conversation it was asked in (the body of /api/ask)", async () => {
    const first = await t.engine.ask("交通规划强调了什么");
    const body = { question: "那住房规划呢？", history: [{ question: first.question, intent: first.intent, focus: first.focus, answer: first.answer }] };
    const res = await app().request("/api/answer.docx", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    const text = await docxText(res);
    expect(text).toContain("问题：那住房规划呢？");
    expect(text).toContain("第八项“审议《太仓市‘十四五’城镇住房发展规划》”");
    const bad = await app().request("/api/answer.docx", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ q: "x" }) });
    expect(bad.status).toBe(400);
  });
});

describe("GET /api/answer.md", () => {
  it("returns Markdown with the references, shortened only when asked", async () => {
    const full = await app().request(`/api/answer.md${q("交通规划强调了什么")}`);
    expect(full.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const md = await full.text();
    const answer = await t.engine.ask("交通规划强调了什么");
    expect(md).toContain("**问题**：交通规划强调了什么");
    for (const c of answer.citations) expect(md).toContain(`[${c.n}] ${c.reference}`);
    const short = await (await app().request(`/api/answer.md${q("交通规划强调了什么", "&quoteChars=20")}`)).text();
    expect(short).toContain("……");
    expect(short).toContain("（引文有删节）");
  });

  it("has no internal quote for a public caller", async () => {
    const md = await (await app().request(`/api/answer.md${q(INTERNAL_QUESTION)}`)).text();
    for (const quote of internalQuotes) expect(md).not.toContain(quote);
    const staff = await (await app().request(`/api/answer.md${q(INTERNAL_QUESTION)}`, { headers: AUTH })).text();
    expect(staff).toContain(internalQuotes[0]);
  });
});
