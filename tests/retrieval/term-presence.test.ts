import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLexicon, type Lexicon } from "../../src/index/lexicon.js";
import { termPresence } from "../../src/retrieval/retriever.js";
import { ROOT } from "../helpers/paths.js";

let lexicon: Lexicon;
beforeAll(async () => {
  lexicon = await loadLexicon(join(ROOT, "data/lexicon"));
});

describe("how present a question word is in a text", () => {
  it("a two-character short form is in the four-character name it shortens («国企» in «国有企业», «医保» in «医疗保障»)", () => {
    expect(termPresence("国企", "会议原则同意区属国有企业整合重组方案", lexicon)).toBeGreaterThanOrEqual(0.7);
    expect(termPresence("医保", "县医疗保障局负责", lexicon)).toBeGreaterThanOrEqual(0.7);
  });

  it("but not in characters that only stand apart across words («路边» is not in «学府路周边建成»)", () => {
    expect(termPresence("路边", "在学府路周边建成临时停车场", lexicon)).toBe(0);
    expect(termPresence("国企", "国家支持企业", lexicon)).toBe(0);
  });
});
