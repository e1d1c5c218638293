import { describe, expect, it } from "vitest";
import { sourceSpans, type SourceFields } from "../../src/text/source-line.js";

const base: SourceFields = {
  title: "太仓市人民政府常务会议纪要",
  number: 3,
  meetingDate: "2022-01-21",
  item: { ordinal: 7, label: "七", title: "审议《规划》" },
  section: "会议强调",
  pointLabel: "（一）",
  page: 2,
};

describe("sourceSpans", () => {
  it("names the minutes in bold, then date, item, section with its point, and page", () => {
    const spans = sourceSpans(base);
    expect(spans).toEqual([{ text: "太仓市人民政府常务会议纪要第3号", style: "b" }, { text: " · 2022年1月21日 · 七、审议《规划》 · 会议强调（一） · 第2页" }]);
  });

  it("writes the title alone for unnumbered minutes and leaves out what a citation lacks", () => {
    const spans = sourceSpans({ ...base, number: null, meetingDate: null, item: null, section: "", pointLabel: null, page: null });
    expect(spans).toEqual([{ text: "太仓市人民政府常务会议纪要", style: "b" }]);
  });
});
