import { nestQuotes } from "../../src/answer/reference.js";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { citeSpan } from "../../src/answer/citations.js";
import type { Answer, Citation } from "../../src/answer/types.js";
import { parseMinutes } from "../../src/minutes/parse.js";
import { SEED } from "../helpers/paths.js";
import { answerMarkdown } from "../../src/export/markdown.js";

const seed = parseMinutes(readFileSync(SEED, "utf8"), { path: SEED });
const item = seed.items[6];
const point = item.sections.find((s) => s.lead === "会议强调")!.points[1];
const cite: Citation = { n: 1, ...citeSpan(seed, point.start, point.end, { item, section: "会议强调", sectionKind: "emphasis", pointLabel: point.label }) };
const answer: Answer = {
  question: "交通规划强调了*什么*",
  mode: "extractive",
  intent: "emphasis",
  found: true,
  answer: `会议强调：\n${cite.quote}[1]`,
  citations: [cite],
  focus: null,
};

describe("answerMarkdown", () => {
  it("has the question, the answer with its markers, and the numbered reference rendered from the citation", () => {
    const md = answerMarkdown(answer);
    expect(md).toContain("**问题**：交通规划强调了\\*什么\\*");
    expect(md).toContain(`${cite.quote}[1]`);
    expect(md).toContain("## 引用");
    // One reference alone carries no [1]: it is pasted as it is.
    expect(md).toContain(
      `\n《太仓市人民政府常务会议纪要》（〔2022〕1号，2022年1月21日）第七项“审议《太仓市‘十四五’交通运输发展规划》”会议强调（二）：“${nestQuotes(cite.quote.replace(/^（二）/, ""))}”`,
    );
  });

  it("escapes markup in source text so it pastes as written", () => {
    const md = answerMarkdown({ ...answer, answer: "# 不是标题 <b>x</b> a_b [1]" });
    expect(md).toContain("\\# 不是标题 \\<b\\>x\\</b\\> a\\_b [1]");
  });
});
