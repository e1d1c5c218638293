import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** A 市務會議紀錄 deciding three cases under one 討論事項 heading, each with its own 案由 and 決議. */
const engine = useEngine({ extra: [join(FIXTURES, "records/zhuwei-city-council-cases-2024-05.txt")] });
const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });
const quotes = (a: { citations: { quote: string }[] }) => a.citations.map((c) => c.quote).join("\n");

describe("the decision of the case asked about", () => {
  it("the third case was held over («保留»), not passed like the first", async () => {
    const a = await ask("竹围市市有房地租金计收标准修正通过了没有？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("保留");
    expect(quotes(a)).not.toContain("照案通過");
    expect(a.answer).toContain("未通过");
  });

  it("«…的案子通过了没有» asks the case before 的: «案子» names nothing the quote must hold", async () => {
    const a = await ask("竹围修正市有房地租金计收标准的案子通过了没有？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("保留");
  });

  it("a bare «修正通過» is quoted with what it changed; Taiwan's 計畫 is the 计划 asked", async () => {
    const a = await ask("竹围人行道改善计划第三期讨论结果是什么？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("修正通過");
    expect(quotes(a)).toContain("民生路段");
  });

  it("the first case's decision is its own", async () => {
    const a = await ask("竹围市公有停车场收费自治条例草案怎么决议的？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("照案通過");
  });

  it("«韓市長承宇»-style chair is read with the post moved before the name", async () => {
    const a = await ask("竹围市第四十一次市务会议是谁主持的？");
    expect(a.found).toBe(true);
    expect(a.answer).toMatch(/陈立衡|陳立衡/);
  });

  it("«竹围市长对…有什么提醒» asks the place's mayor — the chair — and is answered from the sentences, not refused as a silent person", async () => {
    const a = await ask("竹围市长对人行道改善施工有什么提醒？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("加強溝通");
  });
});

describe("a case's facts stand in its 說明 and 決議, under its 案由", () => {
  it("«第三期经费多少» quotes the 說明 of that case with its figure", async () => {
    const a = await ask("竹围人行道改善计划第三期经费多少？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("8,600萬元");
  });

  it("«什么时候前发包» quotes the 決議's deadline", async () => {
    const a = await ask("竹围人行道改善计划第三期要在什么时候前发包？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("10月底前");
  });
});

describe("a body named after a listed post", () => {
  const party = useEngine({ extra: [join(FIXTURES, "records/songqiao-district-party-standing-2024-06.txt")] });
  it("«区委常委会…强调了什么» asks the committee, not a person «区委常委» on the list", async () => {
    const a = await party().ask("松桥区委常委会在作风建设方面强调了什么？", { access: FULL_ACCESS });
    expect(a.found).toBe(true);
    expect(a.citations.map((c) => c.quote).join("\n")).toContain("力戒形式主义");
  });

  it("«（扩大）» in the meeting's name is no unit beside a name: «都有谁列席» quotes who attended", async () => {
    const a = await party().ask("松桥区委常委会扩大会议都有谁列席？", { access: FULL_ACCESS });
    expect(a.found).toBe(true);
    expect(a.citations.map((c) => c.quote).join("\n")).toContain("孟某");
    expect(a.answer).not.toContain("扩大：");
  });

  it("«从哪天开始实施» of a document is answered by the later sentence of its paragraph that gives the day", async () => {
    const a = await party().ask("松桥优化营商环境那22条措施从哪天开始实施？", { access: FULL_ACCESS });
    expect(a.found).toBe(true);
    // Among the first two quotes, where a reader looks.
    expect(
      a.citations
        .slice(0, 2)
        .map((c) => c.quote)
        .join("\n"),
    ).toContain("2024年7月1日");
  });

  it("someone listed as «列席：…主任孟某» who said nothing is refused as such, not answered from the roster", async () => {
    const a = await party().ask("松桥区委常委会上区人大常委会主任孟某就防汛讲了什么？", { access: FULL_ACCESS });
    expect(a.found).toBe(false);
    expect(a.answer).toContain("孟某");
  });
});
