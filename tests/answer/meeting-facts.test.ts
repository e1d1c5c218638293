import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES, MINUTES_FIXTURES } from "../helpers/paths.js";
import { expectVerbatim } from "../helpers/verbatim.js";

/** Meeting facts from the opening sentence: where it was held (or nowhere), who chaired it, quoted as written. */
const engine = useEngine({
  internal: true,
  extra: [
    join(MINUTES_FIXTURES, "lanshan-topic-2024-03.txt"),
    join(FIXTURES, "records/shiyan-county-office-2024-09.txt"),
    join(FIXTURES, "records/chunlin-housing-bureau-2020-08.txt"),
    join(FIXTURES, "records/cuiwan-county-standing-untitled-2023-05.txt"),
    join(FIXTURES, "records/wangchuan-city-standing-2022-11.txt"),
  ],
});

const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

describe("the venue of a meeting", () => {
  it("is quoted from the opening sentence that names it («在市政府5号楼第二会议室主持召开»)", async () => {
    const a = await ask("澜山老旧小区改造专题会议在什么地方召开的");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("第二会议室");
    expect(a.citations[0].quote).toContain("第二会议室");
    expectVerbatim(engine(), a);
  });

  it("is said to be unwritten where the record does not give one, never answered with its title", async () => {
    const a = await ask("太仓常务会议在哪里召开的");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未写明会议地点");
  });

  it("a verb before a 县 in a record's title («石砚县召开县政府办公会议») is not a place the question names", async () => {
    const a = await ask("太仓常务会议是在什么地方召开的");
    expect(a.answer).not.toContain("库中没有太仓常务会议");
  });
});

describe("the chair of a meeting", () => {
  it("is cited with the clause that names them, past a «受市长委托» before it", async () => {
    const a = await ask("枫林市防汛抗旱那次常务会议由谁主持");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("常务副市长赵立群主持召开");
    expectVerbatim(engine(), a);
  });
});

describe("whether a record is published", () => {
  it("is answered from its own closing mark, the record found by the office that signs it («椿林住建局这份纪要»)", async () => {
    const a = await ask("椿林市住建局这期纪要是否公开");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("不予公开");
    expectVerbatim(engine(), a);
  });
});

describe("which meeting said something", () => {
  it("names the meeting and quotes where its record says it, in the record's own characters («楓橋經驗»)", async () => {
    const a = await ask("哪次会议讲到矛盾纠纷化解在基层");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("第三十一次常務會議");
    expect(a.citations.map((c) => c.quote).join("")).toContain("楓橋經驗");
    expectVerbatim(engine(), a);
  });
});

describe("a report placed by its page and its attendance said in a sentence", () => {
  it("«望川市第二十六次常务会议哪些人出席»: the place is the page's 发布机构 (the headline names none); who attended is the sentence that says so", async () => {
    const a = await ask("望川市第二十六次常务会议哪些人出席");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("杜若衡");
    expect(a.citations[0].quote).toContain("出席会议");
    expectVerbatim(engine(), a);
  });
});
