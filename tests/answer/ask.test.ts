import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { evaluateMinutesSet } from "../../src/answer/evaluate.js";
import type { Answer, Turn } from "../../src/answer/types.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { FIXTURES } from "../helpers/paths.js";

let corpus: TempCorpus;
let engine: MinutesEngine;

beforeAll(async () => {
  corpus = makeCorpus({ internal: true });
  engine = await openEngine({ config: corpus.config });
});
afterAll(() => corpus.cleanup());

function expectVerbatim(a: Answer) {
  for (const c of a.citations) {
    const m = engine.getMinutes(c.minutesId, { internal: true })!;
    expect(m.text.slice(c.start, c.end)).toBe(c.quote);
  }
  // Every line that says something carries a citation marker.
  for (const line of a.answer.split("\n")) if (!/[：:]$/.test(line)) expect(line).toMatch(/\[\d+\]$/);
}

describe("extractive answers", () => {
  it("a clause question stays one when it also names an attendee", async () => {
    const a = await engine.ask("徐勤参加审议的交通规划，会议强调了什么");
    expect(a.intent).toBe("emphasis");
    expect(a.citations[0].item?.ordinal).toBe(7);
    expect(a.citations[0].section).toContain("强调");
  });

  it("交通规划强调了什么 → the three emphasis points of item 七, verbatim", async () => {
    const a = await engine.ask("交通规划强调了什么");
    expect(a.found).toBe(true);
    expect(a.intent).toBe("emphasis");
    expect(a.citations[0].item).toMatchObject({ ordinal: 7, label: "七" });
    expect(a.citations[0].section).toBe("会议强调");
    expect(a.citations.map((c) => c.pointLabel)).toEqual(["（一）", "（二）", "（三）"]);
    expect(a.answer).toContain("5+1");
    for (const c of a.citations) expect(a.answer).toContain(c.quote);
    expectVerbatim(a);
  });

  it("会议讨论了垃圾分类工作吗？ → not found, says what the archive covers", async () => {
    const a = await engine.ask("会议讨论了垃圾分类工作吗？");
    expect(a.found).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.answer).toContain("未找到");
    expect(a.answer).toContain("太仓市人民政府常务会议纪要第1号（2022-01-21）");
    expect(a.answer).not.toContain("枫林"); // the internal minutes are not even named to the public
  });

  it("这次会议是谁主持的？ → 胡卫江, cited", async () => {
    const a = await engine.ask("这次会议是谁主持的？", { access: { internal: false } });
    expect(a.found).toBe(true);
    expect(a.answer).toContain("胡卫江");
    expect(a.citations[0].quote).toContain("胡卫江市长主持召开");
    expectVerbatim(a);
  });

  it.each([
    ["住房规划由谁修改完善", "followup", 8, "市住建局"],
    ["卫生健康规划通过了吗", "decision", 6, "原则同意"],
    ["信息化项目管理办法是哪个部门汇报的", "unit", 3, "市综指中心"],
    ["会议审议了哪些规划", "list", 2, "交通运输发展规划"],
    ["市交运局谁列席", "attendance", null, "徐勤"],
  ])("%s → %s", async (q, intent, ordinal, phrase) => {
    const a = await engine.ask(q);
    expect(a.found).toBe(true);
    expect(a.intent).toBe(intent);
    expect(a.citations[0].item?.ordinal ?? null).toBe(ordinal);
    expect(`${a.answer}${a.citations.map((c) => c.quote).join("")}`).toContain(phrase);
    expectVerbatim(a);
  });

  it("follows up: «那住房规划呢？» keeps the intent, «它» keeps the item", async () => {
    const history: Turn[] = [];
    const push = (a: Answer) => history.push({ question: a.question, intent: a.intent, focus: a.focus, answer: a.answer });
    const first = await engine.ask("交通规划强调了什么", { history });
    push(first);
    const second = await engine.ask("那住房规划呢？", { history });
    expect(second.intent).toBe("emphasis");
    expect(second.citations[0].item?.ordinal).toBe(8);
    expect(second.citations.map((c) => c.pointLabel)).toEqual(["（一）", "（二）", "（三）"]);
    push(second);
    const third = await engine.ask("它由哪个部门负责？", { history });
    expect(third.found).toBe(true);
    expect(third.citations[0].item?.ordinal).toBe(8);
    expect(third.answer).toContain("市住建局");
    push(third);
    const bare = await engine.ask("由谁修改完善？", { history });
    expect(bare.intent).toBe("followup");
    expect(bare.citations[0].item?.ordinal).toBe(8);
  });

  it("answers the development set: expected item cited first, must-phrases quoted, none refused", async () => {
    const f = await evaluateMinutesSet(engine, `${FIXTURES}/eval/seed-dev.jsonl`);
    const misses = f.perQuestion.filter((p) => !p.answerOk).map((p) => p.id);
    expect(misses).toEqual([]);
    expect(f.top1).toBeGreaterThanOrEqual(0.9);
    expect(f.recall3).toBe(1);
    expect(f.noneMargin).toBeGreaterThan(0);
  });

  it("a set's string items are elements a right answer must all quote (a list cut short is wrong)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "elements-"));
    const set = join(dir, "set.jsonl");
    const q = "交通规划强调了什么";
    const lines = [
      { id: "all", q, items: [7, "“5+1”轨道交通网络"], must: [] },
      { id: "missing", q, items: ["共享单车"], must: [] },
    ];
    writeFileSync(set, lines.map((l) => JSON.stringify(l)).join("\n"));
    const f = await evaluateMinutesSet(engine, set);
    expect(f.perQuestion.map((p) => [p.id, p.answerOk])).toEqual([
      ["all", true],
      ["missing", false],
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("never cites internal minutes to the public, and does cite them to insiders", async () => {
    const q = "防汛抗旱工作方案由谁印发实施";
    const pub = await engine.ask(q);
    expect(pub.citations.every((c) => c.visibility === "public")).toBe(true);
    const insider = await engine.ask(q, { access: { internal: true } });
    expect(insider.found).toBe(true);
    expect(insider.citations[0].visibility).toBe("internal");
    expect(insider.answer).toContain("市防汛抗旱指挥部办公室");
  });

  it("streams the extractive answer as one final event", async () => {
    const events = [];
    for await (const e of engine.askStream("教育规划强调了什么")) events.push(e);
    expect(events).toHaveLength(1);
    expect("final" in events[0] && events[0].final.citations[0].item?.ordinal).toBe(5);
  });
});

describe("dev set file", () => {
  it("is the shared development set, copied for offline tests", () => {
    expect(readFileSync(`${FIXTURES}/eval/seed-dev.jsonl`, "utf8").split("\n").filter(Boolean).length).toBeGreaterThanOrEqual(14);
  });
});

describe("search", () => {
  it("returns nothing rather than passages sharing no word with the query", async () => {
    expect(await engine.search("燃气管网")).toEqual([]);
    const hits = await engine.search("轨道交通");
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].quote).toContain("轨道交通");
  });
  it("pages with offset", async () => {
    const first = await engine.search("规划", { k: 2 });
    const next = await engine.search("规划", { k: 2, offset: 2 });
    expect(next[0].passageId).not.toBe(first[0].passageId);
    expect(next[0].passageId).not.toBe(first[1].passageId);
  });
});

describe("attendance by person and by unit", () => {
  it.each([
    ["周淑亚是哪个单位的", "市统计局", "市统计局周淑亚"],
    ["汪志杰代表哪个单位列席", "市政府办", "市政府办王晨清、汪志杰"],
    ["市委宣传部有人参会吗", "市委宣传部代表", "市委宣传部代表"],
  ])("%s", async (q, phrase, quote) => {
    const a = await engine.ask(q);
    expect(a.intent).toBe("attendance");
    expect(a.answer).toContain(phrase);
    expect(a.citations[0].quote).toBe(quote);
    expectVerbatim(a);
  });
});
