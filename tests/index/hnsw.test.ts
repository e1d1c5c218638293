import { copyFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/engine.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { HnswIndex } from "../../src/index/hnsw.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";

const DIM = 16;
let dir: string;
let vectors: number[][];

/** A seeded generator, so every run builds the same vectors. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

const cosine = (a: number[], b: number[]) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "minutes-hnsw-"));
  const r = rng(7);
  vectors = Array.from({ length: 300 }, () => Array.from({ length: DIM }, r));
  for (const [name, part] of [
    ["a.hnsw", vectors.slice(0, 200)],
    ["b.hnsw", vectors.slice(200)],
  ] as const) {
    const built = new HnswIndex(null, DIM);
    built.newShard(part.length);
    for (const v of part) built.add(v);
    await built.saveShard(0, join(dir, name));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const attach = () => {
  const idx = new HnswIndex(null, DIM);
  idx.attachAll([
    { file: join(dir, "a.hnsw"), count: 200 },
    { file: join(dir, "b.hnsw"), count: 100 },
  ]);
  return idx;
};

describe("HnswIndex read from disk", () => {
  it("reads vectors by position without loading the graph", () => {
    const idx = attach();
    expect(idx.loaded).toBe(false);
    expect(idx.size).toBe(300);
    const q = vectors[5].map((x, i) => x + (i % 2 ? 0.05 : -0.05));
    const labels = Int32Array.from([0, 1, 3, 5, 150, 199, 200, 201, 299]);
    const sims = idx.similarities(q, labels);
    labels.forEach((l, i) => expect(sims[i]).toBeCloseTo(cosine(q, vectors[l]), 5));
    expect(cosine(idx.vectorOf(250), vectors[250])).toBeCloseTo(1, 6);
    expect(idx.exactSearch(q, 1, labels)[0].label).toBe(5);
    expect(() => idx.searchLabels(q, 5)).toThrow(/load\(\)/);
    expect(idx.loaded).toBe(false);
    idx.close();
    expect(() => idx.similarities(q, labels)).toThrow(/closed/);
  });

  it("loads the graph on demand, across shards, with deletions marked before the load", async () => {
    const idx = attach();
    idx.markDeleted(0, [5]);
    idx.markDeleted(1, [0]);
    expect(idx.live).toBe(298);
    await idx.load();
    expect(idx.loaded).toBe(true);
    const near = idx.searchLabels(vectors[200], 10).map((x) => x.label);
    expect(near).not.toContain(200);
    expect(idx.searchLabels(vectors[5], 10).map((x) => x.label)).not.toContain(5);
    // Against exact search over every live vector: the graph finds the true nearest.
    const q = vectors[42];
    const exact = vectors
      .map((v, label) => ({ label, s: cosine(q, v) }))
      .filter((x) => x.label !== 5 && x.label !== 200)
      .sort((a, b) => b.s - a.s)
      .slice(0, 10)
      .map((x) => x.label);
    const got = idx.searchLabels(q, 10).map((x) => x.label);
    expect(got.filter((l) => exact.includes(l)).length).toBeGreaterThanOrEqual(9);
    expect(got[0]).toBe(42);
    idx.close();
  });

  it("names the file when its header does not match, and refuses a file replaced before the load", async () => {
    expect(() => new HnswIndex(null, DIM).attachAll([{ file: join(dir, "a.hnsw"), count: 199 }])).toThrow(/a\.hnsw holds 200 vectors, expected 199/);
    const short = join(dir, "short.hnsw");
    copyFileSync(join(dir, "a.hnsw"), short);
    truncateSync(short, 5000);
    expect(() => new HnswIndex(null, DIM).attachAll([{ file: short, count: 200 }])).toThrow(/short\.hnsw: damaged/);
    writeFileSync(short, "x");
    expect(() => new HnswIndex(null, DIM).attachAll([{ file: short, count: 1 }])).toThrow(/short\.hnsw: not an hnswlib index/);

    const moving = join(dir, "moving.hnsw");
    copyFileSync(join(dir, "b.hnsw"), moving);
    const idx = new HnswIndex(null, DIM);
    idx.attachAll([{ file: moving, count: 100 }]);
    rmSync(moving);
    copyFileSync(join(dir, "b.hnsw"), moving);
    await expect(idx.load()).rejects.toThrow(/moving\.hnsw was replaced/);
    // The vectors still come from the file the index was loaded from.
    expect(cosine(idx.vectorOf(3), vectors[203])).toBeCloseTo(1, 6);
    idx.close();
  });
});

describe("the retriever and the vector graph", () => {
  let corpus: TempCorpus;
  afterEach(() => corpus?.cleanup());

  it("answers with the local embedder without loading the graph; vector search loads it", async () => {
    corpus = makeCorpus();
    const engine = await openEngine({ config: corpus.config });
    const vectorsOf = engine.retriever.index.vectors;
    const hits = await engine.search("交通规划强调了什么", { k: 3, access: FULL_ACCESS });
    expect(hits[0].item?.ordinal).toBe(7);
    expect(hits[0].score).toBeGreaterThan(0);
    expect(vectorsOf.loaded).toBe(false);
    const vec = await engine.retriever.retrieve("交通运输发展规划", { k: 3, mode: "vector", access: FULL_ACCESS });
    expect(vectorsOf.loaded).toBe(true);
    expect(vec[0].passage.itemOrdinal).toBe(7);
    await engine.close();
  });
});
