import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { ablationVariants } from "../../src/retrieval/ablation.js";
import { DEFAULT_WEIGHTS } from "../../src/retrieval/retriever.js";
import { makeCorpus } from "../helpers/corpus.js";
import { FIXTURES } from "../helpers/paths.js";

const corpus = makeCorpus();
afterAll(() => corpus.cleanup());
const ENV = { MINUTES_DIR: corpus.minutesDir, INDEX_DIR: corpus.indexDir, LEXICON_DIR: corpus.config.LEXICON_DIR };

const P = `${FIXTURES}/eval/policy-qa/passages.jsonl`;
const Q = `${FIXTURES}/eval/policy-qa/queries.jsonl`;
const cli = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), env: ENV, isTTY: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
};

describe("minutes eval --ablate", () => {
  const names = ablationVariants(DEFAULT_WEIGHTS).map((v) => v.name);

  it("prints one row per variant: the full method, each component off, and the plain baselines", async () => {
    const { code, out } = await cli(["eval", "--ablate", "--passages", P, "--queries", Q]);
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toMatch(/^method\s+R@1\s+R@5\s+R@20\s+MRR@20\s+ms\/query$/);
    for (const name of names) expect(lines.some((l) => l.startsWith(`${name} `) && /(\d\.\d{3}\s+){4}\d+\.\d$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe("(164 queries)");
  }, 120_000);

  it("gives the same rows as JSON, and the switches really change the ranking", async () => {
    const { code, out } = await cli(["eval", "--ablate", "--passages", P, "--queries", Q, "--json"]);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { name: string; r1: number; r5: number; r20: number; mrr: number; msPerQuery: number }[];
    expect(rows.map((r) => r.name)).toEqual(names);
    const by = new Map(rows.map((r) => [r.name, r]));
    for (const r of rows) {
      expect(r.r1).toBeLessThanOrEqual(r.r5);
      expect(r.r5).toBeLessThanOrEqual(r.r20);
    }
    // Policy passages are found by their document title: without it in the passage text, recall drops.
    expect(by.get("plain bigram BM25")!.mrr).toBeLessThan(by.get("plain bigram BM25 + title")!.mrr);
    expect(by.get("− heading in body")!.mrr).toBeLessThan(by.get("keyword")!.mrr);
    // The shipped method is at least as good as the plain baseline with the title, on R@1 and R@5.
    expect(by.get("full (hybrid)")!.r1).toBeGreaterThanOrEqual(by.get("plain bigram BM25 + title")!.r1);
    expect(by.get("full (hybrid)")!.r5).toBeGreaterThanOrEqual(by.get("plain bigram BM25 + title")!.r5);
    // Pruning common terms is exact.
    expect(by.get("− common-term pruning")!.mrr).toBeCloseTo(by.get("full (hybrid)")!.mrr, 6);
  }, 120_000);

  it("runs on a minutes question set (--set) too", async () => {
    const { code, out } = await cli(["eval", "--ablate", "--set", `${FIXTURES}/eval/seed-dev.jsonl`, "--json"]);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { name: string; r1: number; queries: number }[];
    expect(rows.map((r) => r.name)).toEqual(names);
    expect(rows[0].queries).toBeGreaterThan(5);
    expect(rows[0].r1).toBeGreaterThan(0.8);
  }, 120_000);
});
