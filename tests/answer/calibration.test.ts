import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { evaluateMinutesSet } from "../../src/answer/evaluate.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { FIXTURES, MINUTES_FIXTURES } from "../helpers/paths.js";
import { expectVerbatim } from "../helpers/verbatim.js";

/** The seed alone, as the examples were tried. */
let seed: TempCorpus;
let seedEngine: MinutesEngine;
/** The seed, the fictional minutes and the real-shape records: what the development set is asked over. */
let all: TempCorpus;
let allEngine: MinutesEngine;

const txt = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => join(dir, f));

beforeAll(async () => {
  seed = makeCorpus();
  seedEngine = await openEngine({ config: seed.config });
  all = makeCorpus({ extra: [...txt(MINUTES_FIXTURES), ...txt(join(FIXTURES, "records"))] });
  allEngine = await openEngine({ config: all.config });
}, 120_000);
afterAll(async () => {
  await seedEngine?.close();
  await allEngine?.close();
  seed?.cleanup();
  all?.cleanup();
});

const ask = (q: string) => seedEngine.ask(q);
const askAll = (q: string) => allEngine.ask(q, { access: FULL_ACCESS });

describe("wrong answers where the archive has none are refused, naming what it has", () => {
  it("«共享单车管理办法审议通过了吗» → no 共享单车 in the archive; the 办法 it reviewed are named", async () => {
    const a = await ask("共享单车管理办法审议通过了吗？");
    expect(a.found).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.answer).toContain("库中没有关于共享单车的内容");
    expect(a.answer).toContain("审议过的办法有：《太仓市级信息化项目管理办法》");
  });

  it("«机场建设规划是哪次会议批的» → refused, not the meeting of another 规划", async () => {
    const a = await ask("机场建设规划是哪次会议批的？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("库中没有关于机场的内容");
    expect(a.answer).not.toContain("第1次常务会议");
  });

  it("a question naming another city's meeting is not answered from the one the archive holds", async () => {
    const a = await ask("南京市政府第1号纪要是谁主持的");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("库中没有南京市政府第1号的会议纪要");
    expect(a.answer).toContain("现有会议：太仓市人民政府常务会议纪要第1号（2022-01-21）");
    expect(a.answer).not.toContain("胡卫江");
  });

  it("another session number («第8次») is refused; the session the archive has is answered", async () => {
    expect((await ask("第8次常务会议审议了哪些议题")).found).toBe(false);
    const own = await ask("第1次常务会议审议了哪些议题");
    expect(own.found).toBe(true);
    expect(own.citations).toHaveLength(9);
  });
});

describe("refusals where the archive has the answer", () => {
  it("«一网统管在哪个议题？» → item 三, quoting the words", async () => {
    const a = await ask("一网统管在哪个议题？");
    expect(a.found).toBe(true);
    expect(a.citations[0].item?.ordinal).toBe(3);
    expect(a.citations[0].quote).toContain("一网统管");
    expectVerbatim(seedEngine, a);
  });

  it("«看病贵的问题政府打算怎么解决？» → the 卫生健康 item's points", async () => {
    const a = await ask("看病贵的问题政府打算怎么解决？");
    expect(a.found).toBe(true);
    expect(a.citations[0].item?.ordinal).toBe(6);
    expect(a.answer).toContain("医疗资源");
  });

  it("«小孩读书的事会上怎么说的» → the 教育 item", async () => {
    const a = await ask("小孩读书的事会上怎么说的");
    expect(a.found).toBe(true);
    expect(a.citations[0].item?.ordinal).toBe(5);
  });

  it("«智慧城市建设分几个阶段？» → the sentence naming the stages", async () => {
    const a = await ask("智慧城市建设分几个阶段？");
    expect(a.found).toBe(true);
    expect(a.citations[0].item?.ordinal).toBe(2);
    expect(a.citations[0].quote).toContain("一年打基础、两年上台阶、三年成体系");
  });

  it("«交通規劃強調了什麼» (traditional) → the three emphasis points of item 七", async () => {
    const a = await ask("交通規劃強調了什麼");
    expect(a.found).toBe(true);
    expect(a.intent).toBe("emphasis");
    expect(a.citations.map((c) => [c.item?.ordinal, c.pointLabel])).toEqual([
      [7, "（一）"],
      [7, "（二）"],
      [7, "（三）"],
    ]);
    expectVerbatim(seedEngine, a);
  });
});

describe("answers what was asked", () => {
  it("«谁负责摸清全市信息系统底数？» → the sentence naming the unit for that action, not the reporting unit", async () => {
    const a = await ask("谁负责摸清全市信息系统底数？");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("大数据管理中心要摸清全市信息系统底数");
    expect(a.answer).not.toContain("汇报（起草）单位");
  });

  it("a decision question says whether it was passed and quotes the decision", async () => {
    const a = await ask("信息化项目管理办法审议通过了吗？");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("已审议通过（原则同意）");
    expect(a.citations[0].quote).toContain("原则同意该《办法》");
  });

  it("a «怎么» question quotes the points that say how, in their order", async () => {
    const a = await askAll("老旧小区改造资金怎么筹措");
    expect(a.found).toBe(true);
    const points = a.citations.filter((c) => c.pointLabel).map((c) => c.pointLabel);
    expect(points).toEqual(["（一）", "（二）", "（三）", "（四）"]);
    expect(a.answer).toContain("每户8000元");
    expectVerbatim(allEngine, a);
  });

  it("a meeting named by its date («3月5日那次») answers only from that meeting", async () => {
    const a = await askAll("3月5日那次会议研究了哪些事项");
    expect(a.found).toBe(true);
    expect(new Set(a.citations.map((c) => c.meetingDate))).toEqual(new Set(["2024-03-05"]));
  });

  it("a person's statements («周区长对防汛提出了什么要求？»), cited; someone who said nothing is refused", async () => {
    const a = await askAll("周区长对防汛提出了什么要求？");
    expect(a.found).toBe(true);
    expect(a.citations.every((c) => c.quote.length > 0)).toBe(true);
    expect(a.answer).toContain("周文涛");
    expect(a.answer).toContain("压实责任");
    expectVerbatim(allEngine, a);
    const none = await askAll("张副县长对秸秆利用提出了什么要求？");
    expect(none.found).toBe(false);
  });

  it("«哪几次会议讨论过财政预算？» → a list across meetings, newest first, each cited", async () => {
    const a = await askAll("哪几次会议讨论过财政预算？");
    expect(a.found).toBe(true);
    const dates = a.citations.map((c) => c.meetingDate ?? "");
    expect(new Set(a.citations.map((c) => c.minutesId)).size).toBeGreaterThanOrEqual(2);
    expect(dates).toEqual([...dates].sort().reverse());
    expectVerbatim(allEngine, a);
  });
});

describe("calibration on the development set", () => {
  it("answers-dev.jsonl: precision ≥ 0.98, recall ≥ 0.90, no unanswerable question answered", async () => {
    const f = await evaluateMinutesSet(allEngine, `${FIXTURES}/eval/answers-dev.jsonl`);
    const { overall, perClass } = f.calibration;
    expect(f.questions).toBeGreaterThanOrEqual(150);
    expect((overall.questions - overall.answerable) / overall.questions).toBeGreaterThanOrEqual(0.25);
    expect(Object.keys(perClass)).toEqual(
      expect.arrayContaining(["decision", "meta", "emphasis", "unit", "list", "locate", "attendance", "topic", "followup", "person", "across"]),
    );
    expect(overall.precision).toBeGreaterThanOrEqual(0.98);
    expect(overall.recall).toBeGreaterThanOrEqual(0.9);
    const answeredNone = f.perQuestion.filter((p) => p.found && p.id.startsWith("n")).map((p) => p.id);
    expect(answeredNone).toEqual([]);
  }, 120_000);
});
