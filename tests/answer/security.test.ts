/** Security cases of issue 18 for the answer engine: invisible characters, foreign issuers, markers in the source. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";

let corpus: TempCorpus;
let engine: MinutesEngine;

beforeAll(async () => {
  corpus = makeCorpus();
  engine = await openEngine({ config: corpus.config });
});
afterAll(async () => {
  await engine?.close();
  corpus?.cleanup();
});

describe("answer security cases", () => {
  it("zero-width characters inside a question do not defeat matching, in ask and search", async () => {
    const plain = await engine.ask("交通规划强调了什么");
    const hidden = await engine.ask("交\u200b通\u2060规\ufeff划强调了什么");
    expect(hidden.found).toBe(true);
    expect(hidden.citations.map((c) => c.quote)).toEqual(plain.citations.map((c) => c.quote));
    const hits = await engine.search("一网\u200d统管");
    expect(hits[0]?.quote).toContain("一网统管");
  });
});
