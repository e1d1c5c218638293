import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MinutesQuestionSchema } from "../../src/answer/evaluate.js";
import { runCli } from "../../src/cli/run.js";

const dir = mkdtempSync(join(tmpdir(), "minutes-feedback-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const citation = (ordinal: number) => ({
  n: 1,
  minutesId: "m1",
  title: "太仓市人民政府常务会议纪要",
  item: { ordinal, label: "七", title: "审议《规划》" },
  section: "会议强调",
  quote: "（一）要……",
  start: 10,
  end: 20,
});
const ENTRIES = [
  { time: "2026-11-30T09:00:00.000Z", vote: "up", question: "旧问题", answer: "a", mode: "extractive", user: "u", chatType: "private", cited: ["m1:3"] },
  {
    time: "2026-12-02T10:00:00.000Z",
    vote: "up",
    question: "交通规划强调了什么",
    answer: "会议强调：…[1]",
    mode: "extractive",
    user: "",
    chatType: "web",
    cited: ["m1:10"],
    channel: "web",
    citations: [citation(7), { ...citation(7), n: 2 }],
    generation: { indexedAt: "2026-12-01T00:00:00.000Z", documents: 1 },
  },
  {
    time: "2026-12-03T10:00:00.000Z",
    vote: "down",
    question: "垃圾分类怎么安排",
    answer: "未找到",
    mode: "extractive",
    user: "",
    chatType: "web",
    cited: [],
    channel: "web",
    comment: "应该找到第三项",
    citations: [],
  },
  {
    time: "2026-12-04T10:00:00.000Z",
    vote: "up",
    question: "讨论了共享单车吗",
    answer: "未找到",
    mode: "extractive",
    user: "",
    chatType: "web",
    cited: [],
    citations: [],
  },
];
const log = join(dir, "feedback.jsonl");
writeFileSync(log, `${ENTRIES.map((e) => JSON.stringify(e)).join("\n")}\n`);

async function cli(argv: string[], env: Record<string, string> = { FEEDBACK_LOG: log }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s), env, isTTY: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("minutes feedback", () => {
  it("lists the votes as a table, newest filter by --since", async () => {
    const all = await cli(["feedback"]);
    expect(all.code).toBe(0);
    expect(all.out).toContain("交通规划强调了什么");
    expect(all.out).toContain("应该找到第三项");
    expect(all.out).toContain("(4 votes: 3 👍, 1 👎)");
    const recent = await cli(["feedback", "--since", "2026-12-01"]);
    expect(recent.out).not.toContain("旧问题");
    expect(recent.out).toContain("(3 votes");
  });

  it("passes the entries through as JSONL", async () => {
    const r = await cli(["feedback", "--format", "jsonl", "--since", "2026-12-02T00:00:00Z"]);
    const lines = r.out.split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(["交通规划强调了什么", "垃圾分类怎么安排", "讨论了共享单车吗"]);
    expect(lines[0].generation).toEqual({ indexedAt: "2026-12-01T00:00:00.000Z", documents: 1 });
  });

  it("exports eval cases that `minutes eval` reads: 👍 keeps the cited items, 👍 on a refusal is a negative, 👎 awaits review", async () => {
    const r = await cli(["feedback", "--format", "eval", "--since", "2026-12-01"]);
    const cases = r.out.split("\n").map((l) => JSON.parse(l));
    for (const c of cases) expect(MinutesQuestionSchema.safeParse(c).success).toBe(true);
    expect(cases[0]).toMatchObject({ q: "交通规划强调了什么", kind: "feedback", items: [7], must: [] });
    expect(cases[1]).toMatchObject({ q: "垃圾分类怎么安排", kind: "feedback-down", items: [] });
    expect(cases[1].note).toContain("应该找到第三项");
    expect(cases[2]).toMatchObject({ q: "讨论了共享单车吗", kind: "negative", none: true });
    expect(new Set(cases.map((c) => c.id)).size).toBe(3);
  });

  it("names a bad option, a bad date and a broken line", async () => {
    expect((await cli(["feedback", "--format", "csv"])).code).toBe(2);
    expect((await cli(["feedback", "--since", "yesterday"])).err).toContain("--since must be a date");
    const broken = join(dir, "broken.jsonl");
    writeFileSync(broken, `${JSON.stringify(ENTRIES[0])}\n{not json\n`);
    const r = await cli(["feedback"], { FEEDBACK_LOG: broken });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${broken}:2: not a JSON line`);
    expect((await cli(["feedback"], { FEEDBACK_LOG: join(dir, "none.jsonl") })).out).toContain("(0 votes");
  });
});
