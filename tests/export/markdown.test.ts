import { describe, expect, it } from "vitest";
import type { Answer, Citation } from "../../src/answer/types.js";
import { answerMarkdown } from "../../src/export/markdown.js";

const cite: Citation = {
  n: 1,
  minutesId: "taicang-2022-01",
  title: "太仓市人民政府常务会议纪要",
  number: 1,
  meetingDate: "2022-01-21",
  item: { ordinal: 7, label: "七", title: "审议《太仓市“十四五”交通运输发展规划》" },
  section: "会议强调",
  sectionKind: "emphasis",
  pointLabel: "（二）",
  quote: "（二）要加快构建“5+1”轨道交通网络。",
  start: 10,
  end: 30,
  score: 1,
  visibility: "public",
  record: { body: null, kind: null, session: 1, name: "市政府第1次常务会议", shape: null, ocr: false },
  reference: "",
};
const answer: Answer = {
  question: "交通规划强调了*什么*",
  mode: "extractive",
  intent: "emphasis",
  found: true,
  answer: "会议强调：\n（二）要加快构建“5+1”轨道交通网络。[1]",
  citations: [cite],
  focus: null,
};

describe("answerMarkdown", () => {
  it("has the question, the answer with its markers, and the numbered reference rendered from the citation", () => {
    const md = answerMarkdown(answer);
    expect(md).toContain("**问题**：交通规划强调了\\*什么\\*");
    expect(md).toContain("（二）要加快构建“5+1”轨道交通网络。[1]");
    expect(md).toContain("## 引用");
    expect(md).toContain("[1] 《太仓市人民政府常务会议纪要》（第1号，2022年1月21日）第七项“审议《太仓市“十四五”交通运输发展规划》”会议强调（二）：“（二）要加快构建“5+1”轨道交通网络。”");
  });

  it("escapes markup in source text so it pastes as written", () => {
    const md = answerMarkdown({ ...answer, answer: "# 不是标题 <b>x</b> a_b [1]" });
    expect(md).toContain("\\# 不是标题 \\<b\\>x\\</b\\> a\\_b [1]");
  });
});
