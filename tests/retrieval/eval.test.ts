import { describe, expect, it } from "vitest";
import { evaluateRetrievalSet } from "../../src/retrieval/eval.js";
import { loadLexicon } from "../../src/index/lexicon.js";
import { runCli } from "../../src/cli/run.js";
import { FIXTURES, ROOT } from "../helpers/paths.js";

const P = `${FIXTURES}/eval/cmrc2018-sample/passages.jsonl`;
const Q = `${FIXTURES}/eval/cmrc2018-sample/queries.jsonl`;

describe("retrieval evaluation on a CMRC 2018 sample", () => {
  it("the hybrid is at least as good as its keyword half, and both far above the vector half alone", async () => {
    const lexicon = await loadLexicon(`${ROOT}/data/lexicon`);
    const r = await evaluateRetrievalSet(P, Q, { provider: "local" }, lexicon);
    expect(r.hybrid.queries).toBeGreaterThan(200);
    expect(r.hybrid.r1).toBeGreaterThanOrEqual(0.95);
    expect(r.hybrid.r5).toBeGreaterThanOrEqual(0.99);
    expect(r.hybrid.r1).toBeGreaterThanOrEqual(r.keyword.r1 - 0.005);
    expect(r.vector.r1).toBeLessThan(r.hybrid.r1);
    for (const f of Object.values(r)) {
      expect(f.r1).toBeLessThanOrEqual(f.r5);
      expect(f.r5).toBeLessThanOrEqual(f.r20);
    }
  });

  it("prints one JSON object with r1, r5, r20 and mrr per method", async () => {
    const out: string[] = [];
    const code = await runCli(["eval", "--passages", P, "--queries", Q, "--json"], { out: (s) => out.push(s), err: () => {}, env: {}, isTTY: false });
    expect(code).toBe(0);
    const r = JSON.parse(out.join(""));
    expect(Object.keys(r)).toEqual(["hybrid", "keyword", "vector"]);
    expect(Object.keys(r.hybrid)).toEqual(expect.arrayContaining(["r1", "r5", "r20", "mrr"]));
  });

  it("names the file and line of a bad input", async () => {
    const err: string[] = [];
    const code = await runCli(["eval", "--passages", P, "--queries", `${FIXTURES}/eval/seed-dev.jsonl`], {
      out: () => {},
      err: (s) => err.push(s),
      env: {},
      isTTY: false,
    });
    expect(code).toBe(1);
    expect(err.join("")).toMatch(/seed-dev\.jsonl:1: qid — /);
  });
});
