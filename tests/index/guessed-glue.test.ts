import { describe, expect, it } from "vitest";
import { guessedGlue, tagged } from "../../src/index/tokenize.js";
import { EMPTY_LEXICON } from "../../src/index/lexicon.js";
import { analyzeQuery } from "../../src/retrieval/query.js";
import { contentWords } from "../../src/retrieval/retriever.js";

/** The tag the cutter gives `word` inside `question`. */
const tagIn = (question: string, word: string) => tagged(question).find((t) => t.word === word)?.tag ?? "";

describe("guessedGlue", () => {
  it("a pair the cutter guessed from a function character and another, or from two verbs, is glue", () => {
    expect(tagIn("菖湖供电公司什么时候前出电力接入方案", "前出")).toBe("x");
    expect(guessedGlue("前出", "x")).toBe(true);
    expect(guessedGlue("报给", "x")).toBe(true);
    expect(guessedGlue("提了", "x")).toBe(true);
    expect(guessedGlue("要花", "x")).toBe(true);
  });

  it("a guessed name is no glue, nor a longer guess, nor a dictionary word", () => {
    expect(guessedGlue("澧安", "x")).toBe(false);
    expect(guessedGlue("郭麐", "x")).toBe(false);
    expect(guessedGlue("网约车", "x")).toBe(false);
    expect(guessedGlue("报告", "n")).toBe(false);
  });

  it("glue weighs as a frame word in the question's content, and is marked so the subject leaves it out", () => {
    const words = contentWords(analyzeQuery("菖湖供电公司什么时候前出电力接入方案", EMPTY_LEXICON));
    expect(words.find((w) => w.word === "前出")).toMatchObject({ weight: 0.35, glue: true });
    expect(words.find((w) => w.word === "电力")).toMatchObject({ weight: 1 });
  });
});
