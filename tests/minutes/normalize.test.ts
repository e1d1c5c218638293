import { describe, expect, it } from "vitest";
import { foldSpacing, normalizeText } from "../../src/minutes/normalize.js";

const opening = "2023年3月1日上午，张三市长主持召开市政府第2次常务会议，研究有关事项，纪要如下：";

describe("normalizeText", () => {
  it("folds letter-spacing and spaced digits", () => {
    expect(foldSpacing("白 鹭 市 人 民 政 府 常 务 会 议 纪 要")).toBe("白鹭市人民政府常务会议纪要");
    expect(foldSpacing("2022 年 1 月 21 日")).toBe("2022年1月21日");
    expect(foldSpacing("第 1 号")).toBe("第1号");
    expect(foldSpacing("use the API key now")).toBe("use the API key now");
  });

  it("joins paragraphs cut mid-sentence and keeps genuine breaks", () => {
    const raw = [
      "某市人民政府常务会议纪要",
      "第2号",
      opening,
      "一、审议某规划",
      "会议强调，（一）要推进数字经",
      "济发展。（二）要",
      "加快构建交通网络。",
      "（三）要做好保障。",
    ].join("\n\n");
    const n = normalizeText(raw);
    const paras = n.paragraphs.map((p) => n.text.slice(p.start, p.end));
    expect(paras).toEqual([
      "某市人民政府常务会议纪要",
      "第2号",
      opening,
      "一、审议某规划",
      "会议强调，（一）要推进数字经济发展。（二）要加快构建交通网络。",
      "（三）要做好保障。",
    ]);
  });

  it("never joins header lines, headings or dates", () => {
    const raw = [
      "某市人民政府",
      "常务会议纪要",
      "第2号",
      "2023年3月2日",
      opening,
      "一、审议某规划",
      "会议听取了市发改委的汇报。",
      "某市人民政府办公室 整理",
      "2023年3月3日",
    ].join("\n");
    const n = normalizeText(raw);
    expect(n.paragraphs).toHaveLength(9);
  });

  it("removes markdown emphasis but keeps its words", () => {
    expect(normalizeText(`${opening}\n\n一**要变优势为胜势**。`).text).toContain("一要变优势为胜势。");
  });

  it("records where pages start", () => {
    const n = normalizeText(`标题纪要\n${opening}\n会议强调，要推进数字经\f济发展。\f第三页内容。`);
    expect(n.pageStarts).toHaveLength(3);
    expect(n.text.slice(n.pageStarts[1]).startsWith("济发展。")).toBe(true);
    expect(n.text.slice(n.pageStarts[2]).startsWith("第三页内容。")).toBe(true);
  });

  it("a PDF copied as text: hard-wrapped lines are one paragraph again, page numbers go, the opening is found though wrapped", () => {
    const raw = [
      "某区区长办公会议纪要",
      "",
      "第5期",
      "",
      "　　8月4日下午3时，区长某某在区行政中心二楼209会议",
      "室主持召开区长办公会议，专题研究背街小巷改造、农贸市场提升、",
      "区属国有企业改革等事项。现将会议议定事项纪要如下：",
      "　　一、关于农贸市场提升改造",
      "　　会议同意对城北、新桥3个农贸市场实施提升改造，区财政安排0.",
      "7亿元补助。城北农贸市场须于10",
      "",
      "— 1 —",
      "",
      "月15日前恢复营业。",
      "出席：蒋文澜　彭书航　郑　禾",
    ].join("\n");
    const n = normalizeText(raw);
    const paras = n.paragraphs.map((p) => n.text.slice(p.start, p.end));
    expect(paras).toContain(
      "8月4日下午3时，区长某某在区行政中心二楼209会议室主持召开区长办公会议，专题研究背街小巷改造、农贸市场提升、区属国有企业改革等事项。现将会议议定事项纪要如下：",
    );
    expect(paras).toContain("会议同意对城北、新桥3个农贸市场实施提升改造，区财政安排0.7亿元补助。城北农贸市场须于10月15日前恢复营业。");
    expect(n.text).not.toContain("— 1 —");
    expect(n.text).not.toMatch(/—\s*1\s*—/);
    // A headline as long as a wrapped line stays above the dated opening it stands over.
    const report = normalizeText("石砚县召开县政府办公会议研究城区停车难等问题\n9月5日上午，副县长何春生主持召开县政府办公会议，专题研究城区停车难治理。");
    expect(report.paragraphs).toHaveLength(2);
    // Short header lines stay apart: the wrap is read only from full lines.
    expect(paras.slice(0, 2)).toEqual(["某区区长办公会议纪要", "第5期"]);
  });
});
