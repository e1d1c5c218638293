import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { generateCorpus, type GeneratedQuestion } from "../../bench/corpus.js";
import { loadConfig } from "../../src/config.js";
import { ingest } from "../../src/index/ingest.js";
import { ROOT } from "../helpers/paths.js";

const LEXICON = join(ROOT, "data/lexicon");
let dir: string;
let questions: GeneratedQuestion[];
let publicOnly: MinutesEngine;
let withInternal: MinutesEngine;

/** Ingests a minutes folder and opens an engine on it. */
async function engineOver(minutesDir: string, indexDir: string): Promise<MinutesEngine> {
  await ingest({ minutesDir, indexDir, lexiconDir: LEXICON, embedder: { provider: "local" }, workers: 0 });
  return openEngine({ config: loadConfig({ MINUTES_DIR: minutesDir, INDEX_DIR: indexDir, LEXICON_DIR: LEXICON }), ensureIndex: false });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "minutes-visibility-"));
  const write = (root: string, file: string, text: string) => {
    const f = join(dir, root, file);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, text);
  };
  const res = await generateCorpus({ docs: 16, seed: 5, internalRatio: 0.4, questions: 60 }, (d) => {
    if (d.minutes.visibility === "public") write("public", d.file, d.text);
    write("all", d.file, d.text);
  });
  questions = res.questions;
  expect(res.summary.internal).toBeGreaterThan(2);
  publicOnly = await engineOver(join(dir, "public"), join(dir, "index-public"));
  withInternal = await engineOver(join(dir, "all"), join(dir, "index-all"));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("no statistics side channel into internal minutes", () => {
  it("adding internal files changes no public caller's scores, ranking or result counts", async () => {
    let compared = 0;
    for (const q of questions) {
      const a = await publicOnly.search(q.q, { k: 10 });
      const b = await withInternal.search(q.q, { k: 10 });
      expect(b.map((h) => [h.passageId, h.score])).toEqual(a.map((h) => [h.passageId, h.score]));
      // Unrounded: the fused score and the coverage the answer layer refuses by.
      const ra = await publicOnly.retriever.retrieve(q.q, { k: 20 });
      const rb = await withInternal.retriever.retrieve(q.q, { k: 20 });
      expect(rb.map((h) => [h.passage.id, h.score, h.coverage])).toEqual(ra.map((h) => [h.passage.id, h.score, h.coverage]));
      compared += a.length;
    }
    expect(compared).toBeGreaterThan(questions.length * 3);
  });

  it("internal callers rank with the statistics of everything they may see", async () => {
    const internalQs = questions.filter((q) => q.visibility === "internal" && q.kind === "topic");
    expect(internalQs.length).toBeGreaterThan(0);
    let internalHits = 0;
    for (const q of internalQs) {
      const hits = await withInternal.search(q.q, { k: 10, access: FULL_ACCESS });
      internalHits += hits.filter((h) => h.minutesId === q.minutesId).length;
    }
    expect(internalHits).toBeGreaterThan(0);
  });
});
