import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { openEngine } from "../../src/answer/engine.js";
import { generateCorpus, type GeneratedQuestion } from "../../bench/corpus.js";
import { loadConfig } from "../../src/config.js";
import type { Bm25Index } from "../../src/index/bm25.js";
import { ingest } from "../../src/index/ingest.js";
import { KeywordScratch, keywordTopK } from "../../src/index/keyword-topk.js";
import { loadIndex } from "../../src/index/store.js";
import { bigrams, words } from "../../src/index/tokenize.js";
import { loadLexicon } from "../../src/index/lexicon.js";
import { analyzeQuery } from "../../src/retrieval/query.js";
import { ROOT } from "../helpers/paths.js";

const LEXICON = join(ROOT, "data/lexicon");
let dir: string;
let minutesDir: string;
let questions: GeneratedQuestion[];
const files: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "minutes-segments-"));
  minutesDir = join(dir, "minutes");
  const res = await generateCorpus({ docs: 24, seed: 11, questions: 40 }, (d) => {
    const f = join(minutesDir, d.file);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, d.text);
    files.push(f);
  });
  questions = res.questions;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (indexDir: string, extra: Partial<Parameters<typeof ingest>[0]> = {}) =>
  ingest({ minutesDir, indexDir, lexiconDir: LEXICON, embedder: { provider: "local" }, ...extra });

const engineFor = (indexDir: string) =>
  openEngine({ config: loadConfig({ MINUTES_DIR: minutesDir, INDEX_DIR: indexDir, LEXICON_DIR: LEXICON }), ensureIndex: false });

describe("index segments", () => {
  it("builds the same index in worker threads as in this thread: same passages, same answers", async () => {
    const a = join(dir, "index-inproc");
    const b = join(dir, "index-workers");
    expect((await run(a, { workers: 0 })).mode).toBe("full");
    expect((await run(b, { workers: 2 })).mode).toBe("full");
    const ia = await loadIndex(a);
    const ib = await loadIndex(b);
    expect(ib.manifest.segments!.length).toBeGreaterThanOrEqual(2);
    expect(ib.minutes.map((m) => m.id)).toEqual(ia.minutes.map((m) => m.id));
    expect([...ib.passages].map((p) => p.id)).toEqual([...ia.passages].map((p) => p.id));
    expect([...ib.passages].map((p) => p.context)).toEqual([...ia.passages].map((p) => p.context));
    expect(ib.embedderState!.equals(ia.embedderState!)).toBe(true);
    const ea = await engineFor(a);
    const eb = await engineFor(b);
    for (const q of questions) {
      const sa = await ea.search(q.q, { k: 5, access: FULL_ACCESS });
      const sb = await eb.search(q.q, { k: 5, access: FULL_ACCESS });
      expect(sb.map((h) => [h.passageId, h.score])).toEqual(sa.map((h) => [h.passageId, h.score]));
      expect((await eb.ask(q.q, { access: FULL_ACCESS })).answer).toBe((await ea.ask(q.q, { access: FULL_ACCESS })).answer);
    }
  }, 60_000);

  it("adds a segment for a changed file, supersedes its old passages, and follows deletions", async () => {
    const indexDir = join(dir, "index-incremental");
    await run(indexDir, { workers: 0 });
    const before = await loadIndex(indexDir);
    const target = files[5];
    const text = readFileSync(target, "utf8");
    writeFileSync(target, text.replace("的汇报。", "的汇报，并听取了各方意见。"));
    const s = await run(indexDir);
    expect(s).toMatchObject({ mode: "incremental", changed: 1, unchanged: 23, documents: 24 });
    const idx = await loadIndex(indexDir);
    expect(idx.manifest.segments!.map((x) => x.name)).toEqual(["s0", "d1"]);
    expect(idx.minutes).toHaveLength(24);
    const changed = idx.minutes.find((m) => m.source.path === target)!;
    expect(changed.text).toContain("并听取了各方意见");
    // The old version's passages are superseded: never returned, counted out.
    const dead = [...idx.labelMinutes!].filter((x) => x < 0).length;
    expect(dead).toBe(before.passages.filter((p) => p.minutesId === changed.id).length);
    expect(s.passages).toBe(idx.passages.length - dead);
    const engine = await engineFor(indexDir);
    const hits = await engine.search("并听取了各方意见", { k: 3, access: FULL_ACCESS });
    expect(hits[0].minutesId).toBe(changed.id);
    expect(hits[0].quote).toContain("并听取了各方意见");
    for (const h of await engine.search(changed.title, { k: 50, access: FULL_ACCESS })) {
      expect(engine.getMinutes(h.minutesId, FULL_ACCESS)!.text.slice(h.start, h.end)).toBe(h.quote);
    }

    // Nothing changed: left as it is.
    expect(await run(indexDir)).toMatchObject({ mode: "none", written: false });
    // A deleted file disappears.
    unlinkSync(files[7]);
    expect(await run(indexDir)).toMatchObject({ mode: "incremental", removed: 1, documents: 23 });
    expect((await loadIndex(indexDir)).minutes).toHaveLength(23);
    // Past the share of the archive that incremental ingest takes on, the index is rebuilt in one segment.
    for (const f of files.slice(10, 14)) writeFileSync(f, readFileSync(f, "utf8").replace("的汇报。", "的汇报（修订）。"));
    const full = await run(indexDir);
    expect(full).toMatchObject({ mode: "full", changed: 4, documents: 23 });
    expect((await loadIndex(indexDir)).manifest.segments!.map((x) => x.name)).toEqual(["s0"]);
  }, 60_000);

  it("ranks keyword candidates as accumulating every term and sorting every touched passage, common terms pruned or not", async () => {
    const idx = await loadIndex(join(dir, "index-workers"));
    const lexicon = await loadLexicon(LEXICON);
    const n = idx.passages.length;
    const scratch = new KeywordScratch(n);
    let pruned = 0;
    const terms = (core: string, tok: (s: string) => string[]) => {
      const m = new Map<string, number>();
      for (const t of tok(core)) m.set(t, (m.get(t) ?? 0) + 1);
      return [...m].map(([term, weight]) => ({ term, weight }));
    };
    for (const [i, q] of questions.entries()) {
      const aq = analyzeQuery(q.q, lexicon);
      const parts = [
        { index: idx.keyword.bigram, terms: terms(aq.core, bigrams), scale: 1 },
        { index: idx.keyword.word, terms: terms(aq.core, words), scale: 0.6 },
        { index: idx.keyword.title, terms: terms(aq.core, bigrams), scale: 0.5 },
      ];
      // Every third question admits a few passages, listed: common terms are then looked up over those only.
      const few = i % 3 === 1 ? Int32Array.from({ length: Math.ceil(n / 9) }, (_, j) => j * 9 + (i % 9)).filter((l) => l < n) : null;
      const filter = (label: number) => (i % 3 === 0 ? label % 2 === 0 : few ? label % 9 === i % 9 : true);
      const limit = 1 + (i % 4) * 20;
      const scores = new Float32Array(n);
      const touched = new Set<number>();
      for (const p of parts) (p.index as Bm25Index).accumulate(p.terms, scores, p.scale, touched);
      const kw = new Map<number, number>();
      for (const l of touched) if (filter(l)) kw.set(l, scores[l]);
      const want = [...kw.keys()].sort((a, b) => kw.get(b)! - kw.get(a)!).slice(0, limit);
      const got = keywordTopK(parts, filter, limit, scratch, undefined, few);
      // Common terms are added in another order (float32 sums): same passages, scores within rounding.
      expect(got.candidates.length).toBe(want.length);
      const near = (a: number, b: number) => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b));
      got.candidates.forEach((l, r) => expect(near(got.score(l), kw.get(want[r])!)).toBe(true));
      // The same set, except passages tied (within rounding) with the last one.
      const boundary = want.length ? kw.get(want[want.length - 1])! : 0;
      for (const l of want) if (!near(kw.get(l)!, boundary)) expect(got.candidates).toContain(l);
      for (const l of got.candidates) if (!want.includes(l)) expect(near(kw.get(l)!, boundary)).toBe(true);
      // Every passage, candidate or not: its full score.
      for (let l = 0; l < n; l += 7) if (filter(l)) expect(near(got.score(l), kw.get(l) ?? 0)).toBe(true);
      got.release();
      expect(scratch.scores.every((x) => x === 0)).toBe(true);
      pruned += idx.keyword.bigram.denseTerms > 0 ? 1 : 0;
    }
    // The pruned path ran: common terms («会议», «纪要», the issuer) were looked up, not decoded per query.
    expect(pruned).toBeGreaterThan(0);
  });
});
