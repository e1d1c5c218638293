import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCorpus, type GeneratedQuestion } from "../../bench/corpus.js";
import { openEngine } from "../../src/answer/engine.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { loadConfig } from "../../src/config.js";
import { ingest } from "../../src/index/ingest.js";
import { loadIndex } from "../../src/index/store.js";
import { ROOT } from "../helpers/paths.js";

const LEXICON = join(ROOT, "data/lexicon");
let dir: string;
let minutesDir: string;
let indexDir: string;
let questions: GeneratedQuestion[];
const files: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "minutes-reuse-"));
  minutesDir = join(dir, "minutes");
  indexDir = join(dir, "index");
  const res = await generateCorpus({ docs: 16, seed: 3, questions: 24 }, (d) => {
    const f = join(minutesDir, d.file);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, d.text);
    files.push(f);
  });
  questions = res.questions;
  await ingest({ minutesDir, indexDir, lexiconDir: LEXICON, embedder: { provider: "local" }, workers: 0 });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a new generation takes over the segments it shares with the one served", () => {
  it("reuses the unchanged segments' postings and documents, and searches as a full load of it does", async () => {
    const served = await loadIndex(indexDir);
    writeFileSync(files[5], readFileSync(files[5], "utf8").replace("。", "（修订）。"));
    expect((await ingest({ minutesDir, indexDir, lexiconDir: LEXICON, embedder: { provider: "local" }, workers: 0 })).mode).toBe("incremental");
    const next = await loadIndex(indexDir, null, served);
    const full = await loadIndex(indexDir);
    const shared = served.manifest.segments!.map((s) => s.name).filter((n) => next.manifest.segments!.some((x) => x.name === n));
    expect(shared.length).toBeGreaterThan(0);
    expect(next.manifest.segments!.length).toBe(shared.length + 1);
    // The postings of every shared segment are the served generation's own objects; the new segment's are read.
    const before = served.keyword.word.segmentParts();
    const after = next.keyword.word.segmentParts();
    const fresh = full.keyword.word.segmentParts();
    shared.forEach((_, i) => {
      expect(after[i].data).toBe(before[i].data);
      expect(fresh[i].data).not.toBe(before[i].data);
    });
    expect(after.at(-1)!.data).not.toBe(before.at(-1)!.data);
    // Same documents and passages as a full load, the changed record's new text included.
    expect(next.minutes.map((m) => m.id)).toEqual(full.minutes.map((m) => m.id));
    expect(next.passages.length).toBe(full.passages.length);
    expect([...next.passages].map((p) => p.context)).toEqual([...full.passages].map((p) => p.context));
    expect(next.minutes.some((m) => m.text.includes("（修订）。"))).toBe(true);
    for (const x of [served, next, full]) x.release?.();
  }, 120_000);

  it("an engine switching generations answers as a freshly opened one", async () => {
    const config = loadConfig({ MINUTES_DIR: minutesDir, INDEX_DIR: indexDir, LEXICON_DIR: LEXICON });
    const serving = await openEngine({ config, ensureIndex: false });
    writeFileSync(files[9], readFileSync(files[9], "utf8").replace("。", "（再次修订）。"));
    await ingest({ minutesDir, indexDir, lexiconDir: LEXICON, embedder: { provider: "local" }, workers: 0 });
    expect(await serving.switchGeneration()).toBe(true);
    const fresh = await openEngine({ config, ensureIndex: false });
    for (const q of questions) {
      const a = await serving.search(q.q, { k: 5, access: FULL_ACCESS });
      const b = await fresh.search(q.q, { k: 5, access: FULL_ACCESS });
      expect(a.map((h) => [h.minutesId, h.start, h.score.toFixed(5)])).toEqual(b.map((h) => [h.minutesId, h.start, h.score.toFixed(5)]));
    }
    await serving.close();
    await fresh.close();
  }, 120_000);
});
