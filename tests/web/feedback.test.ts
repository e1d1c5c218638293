import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { memoryLogger, openTestEngine } from "./helpers.js";

let t: Awaited<ReturnType<typeof openTestEngine>>;
const dir = mkdtempSync(join(tmpdir(), "minutes-web-feedback-"));
const log = join(dir, "feedback.jsonl");

beforeAll(async () => {
  t = await openTestEngine();
});
afterAll(async () => {
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const app = () => createApp(t.engine, t.config({ WEB_RATE_LIMIT: "1000", FEEDBACK_LOG: log }), { log: memoryLogger().log });
const post = (body: unknown) => app().request("/api/feedback", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

describe("POST /api/feedback", () => {
  it("appends the vote, comment, question, answer, citations and index generation to FEEDBACK_LOG", async () => {
    const a = await (
      await app().request("/api/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ question: "交通规划强调了什么" }),
      })
    ).json();
    const citations = a.citations.map((c: Record<string, unknown>) => ({
      n: c.n,
      minutesId: c.minutesId,
      title: c.title,
      item: c.item,
      section: c.section,
      quote: c.quote,
      start: c.start,
      end: c.end,
    }));
    const res = await post({
      vote: "down",
      comment: " 第三条不相关 ",
      question: a.question,
      answer: a.answer,
      mode: a.mode,
      intent: a.intent,
      found: true,
      citations,
    });
    expect(res.status).toBe(201);
    const [entry] = readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(entry).toMatchObject({ vote: "down", comment: "第三条不相关", question: "交通规划强调了什么", channel: "web", chatType: "web", mode: "extractive" });
    expect(entry.citations).toEqual(citations);
    expect(entry.cited).toEqual(citations.map((c: { minutesId: string; start: number }) => `${c.minutesId}:${c.start}`));
    expect(entry.generation).toEqual({ indexedAt: t.engine.status().indexedAt, documents: t.engine.status().documents });
  });

  it("refuses a body that is not a vote, naming the field", async () => {
    const base = { vote: "up", question: "q", answer: "a", found: false, citations: [] };
    const cases: [unknown, string][] = [
      [{ ...base, vote: "maybe" }, "vote"],
      [{ ...base, comment: "x".repeat(501) }, "comment"],
      [{ ...base, question: "" }, "question"],
      [{ ...base, citations: [{ n: 1 }] }, "citations.0.minutesId"],
      [{ ...base, extra: 1 }, ""],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("input_invalid");
      if (field) expect(error.field).toBe(field);
    }
  });
});
