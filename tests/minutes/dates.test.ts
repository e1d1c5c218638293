import { describe, expect, it } from "vitest";
import { datesIn, firstDate } from "../../src/minutes/dates.js";
import { parseRecords } from "../../src/minutes/parse.js";

describe("dates as records write them", () => {
  it("reads Arabic and Chinese-numeral dates with their offsets", () => {
    const s = "2022年1月21日上午…印发于二〇二二年一月二十八日";
    expect(datesIn(s).map((d) => [d[1], d[2], d[3], d.index])).toEqual([
      ["2022", "1", "21", 0],
      ["2022", "1", "28", 16],
    ]);
    expect(firstDate("二〇二三年十二月三十一日")?.slice(1)).toEqual(["2023", "12", "31"]);
    expect(firstDate("二〇二三年十三月一日")).toBeNull();
  });

  it("a formal 纪要 dated in Chinese numerals and numbered in full-width digits parses like one in Arabic digits", () => {
    const text = [
      "青山县人民政府常务会议纪要",
      "第５号",
      "青山县人民政府办公室",
      "二〇二三年三月十五日",
      "二〇二三年三月十二日上午，县长李强主持召开县政府第５次常务会议，研究有关事项。纪要如下：",
      "一、审议《青山县农村公路养护管理办法》",
      "会议原则同意该《办法》，由县交通运输局按程序印发实施。",
      "（此件公开发布）",
    ].join("\n\n");
    const [m] = parseRecords(text, { path: "qs.txt" });
    expect(m).toMatchObject({ number: 5, issuedOn: "2023-03-15", year: 2023, visibility: "public" });
    expect(m.meeting).toMatchObject({ date: "2023-03-12", period: "上午", chair: "李强", session: 5 });
    // Quotes keep the record's characters.
    expect(m.summary).toContain("第５次");
  });
});
