import { describe, expect, it } from "vitest";
import { EMPTY_LEXICON } from "../../src/index/lexicon.js";
import { analyzeQuery } from "../../src/retrieval/query.js";
import { gluedWords } from "../../src/retrieval/retriever.js";

const glued = (q: string) => gluedWords(analyzeQuery(q, EMPTY_LEXICON)).map((w) => w.word);

describe("gluedWords", () => {
  it("joins a one-character noun the word cutter split off back to its neighbour", () => {
    expect(glued("人设局负责什么")).toContain("人设局");
    expect(glued("鹤鸣区垃圾分类怎么安排")).toContain("鹤鸣区");
  });

  it("joins nothing the archive already writes together: «鸣区» seen, «鹤鸣区» adds nothing", () => {
    const aq = analyzeQuery("鹤鸣区垃圾分类怎么安排", EMPTY_LEXICON);
    expect(gluedWords(aq, (g) => g === "鸣区").map((w) => w.word)).not.toContain("鹤鸣区");
    expect(gluedWords(aq, (g) => g === "人设").map((w) => w.word)).toContain("鹤鸣区");
  });

  it("joins nothing to verbs or question words, and nothing when no noun stands alone", () => {
    expect(glued("交通规划强调了什么")).toEqual([]);
    expect(glued("太仓要修地铁吗")).toEqual([]);
  });

  it("takes a name the cutter does not know, fallen into single characters, as one word («郭|麐», «涞|滩|镇», «䲟»)", () => {
    expect(glued("郭麐是谁的门生")).toContain("郭麐");
    expect(glued("涞滩镇的总人口是多少")).toContain("涞滩镇");
    expect(glued("䲟又叫做什么")).toContain("䲟");
    // Single characters that frame the question («向», «是», «的») are no part of a name.
    expect(glued("向宠是什么时期的人")).not.toContain("向宠是");
  });
});
