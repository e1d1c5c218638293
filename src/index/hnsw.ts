/**
 * Cosine vectors in hnswlib-node, possibly split in shards (the base
 * segments built in parallel, plus small segments from incremental ingest),
 * searched as one label space. LangChain reaches the passages through
 * MinutesRetriever (src/retrieval/langchain-retriever.ts), not through a
 * VectorStore over this index.
 *
 * A shard read from disk loads its graph only when an ANN search needs it
 * (`load()`): the vectors themselves are read from the file by position, so
 * exact similarities of a few hundred candidates cost no graph in memory.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import hnswlib from "hnswlib-node";

const { HierarchicalNSW } = hnswlib;
export type Hnsw = InstanceType<typeof HierarchicalNSW>;

export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
}

/**
 * Chosen on the benchmark corpus (docs/performance.md): these hashed n-gram
 * vectors are hard for HNSW, and M 24 with efConstruction 100 builds fastest
 * for a given recall; efSearch 700 gives recall@10 ≥ 0.98 against exact search
 * at 10,000 documents (400: 0.975, 1,000: 0.990).
 */
export const DEFAULT_HNSW: HnswParams = { m: 24, efConstruction: 100, efSearch: 700 };

/** Filter by label (the passage's position in the index). */
export type LabelFilter = (label: number) => boolean;

interface Shard {
  /** The graph; null until `load()` for a shard read from disk. */
  index: Hnsw | null;
  /** First label of the shard. */
  base: number;
  /** Labels in the shard (including deleted ones). */
  count: number;
  /** Shard-local labels marked deleted (superseded by a later segment). */
  deleted: number[];
  /** Where the shard's vectors lie in its file, when read from disk. */
  file?: { path: string; fd: number | null; ino: number; rowBytes: number; dataOffset: number };
}

/** Size of hnswlib's file header; element i's level-0 record follows at HEADER + i · rowBytes. */
const HEADER = 96;

/** Stands in until the configured embedder is attached (`vectors.embeddings = …`). */
const DETACHED: EmbeddingsInterface = {
  embedDocuments: () => Promise.reject(new Error("no embedder attached to the loaded index")),
  embedQuery: () => Promise.reject(new Error("no embedder attached to the loaded index")),
};

export class HnswIndex {
  embeddings: EmbeddingsInterface;
  readonly params: HnswParams;
  private shards: Shard[] = [];
  private loading: Promise<void> | null = null;

  constructor(
    embeddings: EmbeddingsInterface | null,
    readonly dimension: number,
    params: Partial<HnswParams> = {},
  ) {
    this.embeddings = embeddings ?? DETACHED;
    this.params = { ...DEFAULT_HNSW, ...params };
  }

  /** Labels in the index, deleted ones included (labels are never reused). */
  get size(): number {
    const last = this.shards[this.shards.length - 1];
    return last ? last.base + last.count : 0;
  }

  /** Live vectors. */
  get live(): number {
    return this.shards.reduce((n, s) => n + s.count - s.deleted.length, 0);
  }

  /** True when every shard's graph is in memory (searchLabels works). */
  get loaded(): boolean {
    return this.shards.every((s) => s.index !== null);
  }

  /** A new empty shard for `capacity` vectors whose labels continue after the last shard. */
  newShard(capacity: number): Hnsw {
    const index = new HierarchicalNSW("cosine", this.dimension);
    index.initIndex({ maxElements: Math.max(capacity, 16), m: this.params.m, efConstruction: this.params.efConstruction, randomSeed: 100 });
    index.setEf(this.params.efSearch);
    this.shards.push({ index, base: this.size, count: 0, deleted: [] });
    return index;
  }

  /** Adds a vector at the next label of the last shard (making one if needed). */
  add(vector: number[]): number {
    if (vector.length !== this.dimension) throw new Error(`vector has dimension ${vector.length}, the index has ${this.dimension}`);
    let shard = this.shards[this.shards.length - 1];
    if (!shard) {
      this.newShard(1024);
      shard = this.shards[0];
    }
    const index = shard.index;
    if (!index) throw new Error("cannot add to a shard read from disk");
    if (shard.count >= index.getMaxElements()) index.resizeIndex(Math.ceil(index.getMaxElements() * 1.5));
    const label = shard.base + shard.count;
    index.addPoint(vector, shard.count);
    shard.count++;
    return label;
  }

  /**
   * Appends shards stored on disk, in the order given: reads and checks their
   * headers only. Their graphs load on `load()`.
   */
  attachAll(files: { file: string; count: number }[]): void {
    for (const { file, count } of files) {
      const head = Buffer.alloc(HEADER);
      // Kept open: vectors are read through it, from the file this index was loaded from even if a re-ingest replaces it.
      const fd = openSync(file, "r");
      try {
        if (readSync(fd, head, 0, HEADER, 0) !== HEADER) throw new Error(`${file}: not an hnswlib index (too short)`);
        const st = fstatSync(fd);
        const stored = Number(head.readBigUInt64LE(16));
        const rowBytes = Number(head.readBigUInt64LE(24));
        const dataOffset = Number(head.readBigUInt64LE(40));
        if (stored !== count) throw new Error(`${file} holds ${stored} vectors, expected ${count}`);
        if (dataOffset + this.dimension * 4 > rowBytes || st.size < HEADER + count * rowBytes)
          throw new Error(`${file}: damaged hnswlib index (rows of ${rowBytes} bytes)`);
        this.shards.push({ index: null, base: this.size, count, deleted: [], file: { path: file, fd, ino: st.ino, rowBytes, dataOffset } });
      } catch (err) {
        closeSync(fd);
        throw err;
      }
    }
  }

  /** Loads every shard's graph not yet in memory (on the thread pool, shards in parallel). */
  load(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    this.loading ??= Promise.all(
      this.shards.map(async (s) => {
        if (s.index || !s.file) return;
        // hnswlib reads by path: the file must still be the one whose vectors this index reads.
        if (statSync(s.file.path).ino !== s.file.ino) throw new Error(`${s.file.path} was replaced since the index was loaded`);
        const index = new HierarchicalNSW("cosine", this.dimension);
        await index.readIndex(s.file.path);
        if (index.getCurrentCount() !== s.count) throw new Error(`${s.file.path} holds ${index.getCurrentCount()} vectors, expected ${s.count}`);
        index.setEf(this.params.efSearch);
        for (const l of s.deleted) index.markDelete(l);
        s.index = index;
      }),
    ).then(
      () => {
        this.loading = null;
      },
      (err: unknown) => {
        this.loading = null;
        throw err;
      },
    );
    return this.loading;
  }

  private shardOf(label: number): Shard | undefined {
    return this.shards.find((x) => label >= x.base && label < x.base + x.count);
  }

  /**
   * Cosine similarity of the query with each of the given labels (sorted
   * ascending), in that order. Vectors are read from the shard files
   * (consecutive labels in one read; labels are hnswlib's insertion order),
   * or taken from the graph of a shard built in memory.
   */
  similarities(query: number[], labels: Int32Array): Float64Array {
    const d = this.dimension;
    let qn = 0;
    for (let x = 0; x < d; x++) qn += query[x] * query[x];
    qn = Math.sqrt(qn) || 1;
    const out = new Float64Array(labels.length);
    let i = 0;
    while (i < labels.length) {
      const label = labels[i];
      const s = this.shardOf(label);
      if (!s) {
        i++;
        continue;
      }
      // A run of nearby labels in this shard: one read (gaps of a few rows are read through).
      let j = i + 1;
      while (j < labels.length && labels[j] > labels[j - 1] && labels[j] - labels[j - 1] <= 4 && labels[j] < s.base + s.count) j++;
      const first = label - s.base;
      const rows = labels[j - 1] - label + 1;
      if (s.file) {
        const f = s.file;
        if (f.fd === null) throw new Error("vector index closed");
        const buf = Buffer.allocUnsafe(rows * f.rowBytes);
        readSync(f.fd, buf, 0, buf.length, HEADER + first * f.rowBytes);
        for (let r = i; r < j; r++) {
          const v = new Float32Array(buf.buffer, buf.byteOffset + (labels[r] - label) * f.rowBytes + f.dataOffset, d);
          let dot = 0;
          for (let x = 0; x < d; x++) dot += query[x] * v[x];
          out[r] = dot / qn;
        }
      } else {
        for (let r = i; r < j; r++) {
          const v = s.index!.getPoint(labels[r] - s.base);
          let dot = 0;
          for (let x = 0; x < d; x++) dot += query[x] * v[x];
          out[r] = dot / qn;
        }
      }
      i = j;
    }
    return out;
  }

  /**
   * Exact cosine search over the given labels (sorted ascending): for a
   * filter that admits few passages, where hnswlib would visit most of the
   * graph to find enough admitted ones.
   */
  exactSearch(query: number[], k: number, labels: Int32Array): { label: number; score: number }[] {
    const sims = this.similarities(query, labels);
    const scored = Array.from(labels, (label, i) => ({ label, score: sims[i] }));
    scored.sort((a, b) => b.score - a.score || a.label - b.label);
    return scored.slice(0, k);
  }

  /** Marks labels of shard `i` (shard-local) as deleted: searches no longer return them. */
  markDeleted(i: number, localLabels: number[]): void {
    const s = this.shards[i];
    for (const l of localLabels) s.index?.markDelete(l);
    s.deleted.push(...localLabels);
  }

  /**
   * Nearest labels with cosine similarity (1 − cosine distance), best first.
   * Synchronous; the graphs must be in memory (`await load()` first).
   */
  searchLabels(query: number[], k: number, filter?: LabelFilter, ef = this.params.efSearch): { label: number; score: number }[] {
    const out: { label: number; score: number }[] = [];
    for (const s of this.shards) {
      const live = s.count - s.deleted.length;
      if (live <= 0) continue;
      if (!s.index) throw new Error("vector graph not loaded: await load() before searchLabels()");
      const n = Math.min(k, live);
      s.index.setEf(Math.max(ef, n));
      const f = filter ? (s.base === 0 ? filter : (l: number) => filter(l + s.base)) : undefined;
      const res = s.index.searchKnn(query, n, f);
      for (let i = 0; i < res.neighbors.length; i++) out.push({ label: res.neighbors[i] + s.base, score: 1 - res.distances[i] });
    }
    if (this.shards.length > 1) out.sort((a, b) => b.score - a.score || a.label - b.label);
    return out.length > k ? out.slice(0, k) : out;
  }

  /** The stored (normalized) vector of a label. */
  vectorOf(label: number): number[] {
    const s = this.shardOf(label);
    if (!s) return [];
    if (s.index) return s.index.getPoint(label - s.base);
    const f = s.file!;
    if (f.fd === null) throw new Error("vector index closed");
    const buf = Buffer.allocUnsafe(this.dimension * 4);
    readSync(f.fd, buf, 0, buf.length, HEADER + (label - s.base) * f.rowBytes + f.dataOffset);
    return Array.from(new Float32Array(buf.buffer, buf.byteOffset, this.dimension));
  }

  /** Writes shard `i` (one file per shard). */
  async saveShard(i: number, file: string): Promise<void> {
    if (!this.shards[i]) this.newShard(16);
    const index = this.shards[i].index;
    if (!index) throw new Error("cannot save a shard that was not loaded");
    await index.writeIndex(file);
  }

  /** Closes the shard files (vectors of shards without a loaded graph can no longer be read). */
  close(): void {
    for (const s of this.shards) {
      if (s.file?.fd != null) {
        closeSync(s.file.fd);
        s.file.fd = null;
      }
    }
  }

  get shardCount(): number {
    return this.shards.length;
  }
}
