import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runChild, type BaselineFigures } from "../../bench/child.js";
import { distIsFresh } from "../../bench/cold-start.js";
import { renderTable, ROWS, runBench } from "../../bench/main.js";
import { ROOT } from "../helpers/paths.js";

const work = mkdtempSync(join(tmpdir(), "minutes-bench-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("npm run bench (smoke run on 20 documents; correctness only, no timing)", () => {
  it("generates, ingests, serves, runs both baselines and the bot, and reports every figure", async () => {
    const r = await runBench({
      docs: [20],
      seed: 5,
      workdir: work,
      questions: 12,
      baselineQueries: 12,
      coldRuns: 1,
      // dist/ is measured as npm ci's prepare left it: a test does not rebuild the project.
      buildDist: false,
      botUpdates: 24,
      botChats: 4,
      bot: true,
      lexiconDir: join(ROOT, "data/lexicon"),
    });
    expect(r.machine.cores).toBeGreaterThan(0);
    expect(r.machine.node).toBe(process.version);
    const s = r.scales[0];
    expect(s.docs).toBe(20);
    expect(s.ingest.files).toBe(20);
    expect(s.ingest.ingest.documents).toBe(20);
    expect(s.ingest.ingest.passages).toBeGreaterThan(20 * 20);
    expect(s.ingest.reingestOne.changed).toBe(1);
    expect(s.ingest.indexBytes).toBeGreaterThan(0);
    expect(s.serve.questions).toBe(s.corpus.questions);
    expect(s.serve.search.n).toBe(s.serve.questions);
    expect(s.serve.ask.n).toBe(s.serve.questions);
    expect(s.serve.cold[0].found).toBe(true);
    // minutes ask from a fresh process, compiled and through tsx: both answer from the generated archive.
    expect(s.coldStart.dist === "fresh" || s.coldStart.dist === "stale").toBe(true);
    expect(s.coldStart.compiled?.command).toBe("node dist/cli/main.js ask --json");
    expect(s.coldStart.compiled?.runs.map((x) => x.found)).toEqual([true]);
    expect(s.coldStart.tsx.runs.map((x) => x.found)).toEqual([true]);
    expect(s.coldStart.tsx.medianMs).toBeGreaterThan(0);
    expect(s.coldStart.tsx.runs[0].exitMs).toBeGreaterThanOrEqual(s.coldStart.tsx.runs[0].answerMs);
    // Serving with the local embedder never loads the vector graph; the ANN figures do, afterwards.
    expect(s.serve.graphLoaded).toBe(false);
    expect(s.serve.servingRssMB).toBeGreaterThan(0);
    expect(s.serve.servingRssMB).toBeLessThanOrEqual(s.serve.peakRssMB);
    // Retrieval over 20 documents finds most generated questions' items.
    expect(s.serve.accuracy.top1Doc).toBeGreaterThan(0.5);
    expect(s.baselines.exact.queries).toBe(12);
    expect(s.baselines.recallAt10).toBeGreaterThan(0.8);
    expect(s.baselines.recallAt10).toBeLessThanOrEqual(1);
    expect(s.baselines.vectors).toBe(s.ingest.ingest.passages);
    expect(s.baselines.minisearch?.search.n).toBe(12);
    expect(s.bot?.available).toBe(true);
    expect(s.bot!.runs.map((x) => x.mode)).toEqual(["burst", "paced", "plumbing"]);
    for (const run of s.bot!.runs) {
      expect(run.updates).toBe(24);
      expect(run.lost).toBe(0);
    }
    // The 督办台账 over the generated archive: rows from its decisions, six filters listed five times each.
    expect(s.serve.ledger.rows).toBeGreaterThan(0);
    expect(s.serve.ledger.filter.n).toBe(30);
    expect(s.serve.ledger.rssMB).toBeGreaterThanOrEqual(s.serve.servingRssMB);
    // The swap after a one-file change: served from the new generation, with the full reload of it beside.
    expect(s.swap).not.toBeNull();
    expect(s.swap!.servedMs).toBeGreaterThanOrEqual(0);
    expect(s.swap!.ingestMs).toBeGreaterThan(0);
    expect(s.swap!.servingRssMB).toBeGreaterThan(0);
    expect(s.swap!.swapPeakRssMB).toBeGreaterThan(0);
    expect(s.swap!.fullReloadMs).toBeGreaterThan(0);
    // The bench's own index and corpus are untouched: the swap ran on linked copies, removed afterwards.
    expect(existsSync(join(work, "swap-20-s5"))).toBe(false);
    const table = renderTable(r);
    expect(table.split("\n")).toHaveLength(ROWS.length + 3);
    expect(table).not.toMatch(/NaN|undefined/);

    // --no-minisearch: the baselines child on the same index leaves minisearch out and still runs the exact baseline.
    const corpus = join(work, "corpus-20-s5");
    const skipped = await runChild<BaselineFigures>("baselines", {
      minutesDir: join(corpus, "minutes"),
      indexDir: join(work, "index-20-s5"),
      lexiconDir: join(ROOT, "data/lexicon"),
      questions: join(corpus, "questions.jsonl"),
      annFile: join(work, "ann-20.json"),
      baselineQueries: 12,
      minisearch: false,
    });
    expect(skipped.minisearch).toBeNull();
    expect(skipped.exact.queries).toBe(12);
    const skippedTable = renderTable({ ...r, scales: [{ ...s, baselines: skipped }] });
    expect(skippedTable).toContain("skipped (--no-minisearch)");
    expect(skippedTable).not.toMatch(/NaN|undefined/);
  }, 180_000);
});

describe("dist/ against src/ (whether the compiled cold start needs a build first)", () => {
  it("is fresh only when dist/ holds the CLI and is newer than every file in src/", () => {
    const root = mkdtempSync(join(tmpdir(), "minutes-dist-"));
    try {
      expect(distIsFresh(root)).toEqual({ exists: false, fresh: false });
      mkdirSync(join(root, "src/answer"), { recursive: true });
      mkdirSync(join(root, "dist/cli"), { recursive: true });
      writeFileSync(join(root, "src/answer/engine.ts"), "");
      writeFileSync(join(root, "dist/cli/main.js"), "");
      utimesSync(join(root, "src/answer/engine.ts"), 1000, 1000);
      utimesSync(join(root, "dist/cli/main.js"), 2000, 2000);
      expect(distIsFresh(root)).toEqual({ exists: true, fresh: true });
      // A source file edited after the build, in a folder below src/.
      utimesSync(join(root, "src/answer/engine.ts"), 3000, 3000);
      expect(distIsFresh(root)).toEqual({ exists: true, fresh: false });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
