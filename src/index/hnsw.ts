/**
 * Cosine vectors in hnswlib-node, possibly split in shards (the base
 * segments built in parallel, plus small segments from incremental ingest),
 * searched as one label space. This is the hot path the retriever calls
 * synchronously; `HnswVectorStore` (hnsw-store.ts) puts LangChain's
 * VectorStore interface in front of it.
 */
import { closeSync, openSync, readSync } from "node:fs";
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
  index: Hnsw;
  /** First label of the shard. */
  base: number;
  /** Labels in the shard (including deleted ones). */
  count: number;
  /** Labels marked deleted (superseded by a later segment). */
  deleted: number;
  /** Where the shard's vectors lie in its file (for exact search over a few labels), when read from disk. */
  file?: { path: string; fd: number | null; rowBytes: number; dataOffset: number };
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

  constructor(embeddings: EmbeddingsInterface | null, readonly dimension: number, params: Partial<HnswParams> = {}) {
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
    return this.shards.reduce((n, s) => n + s.count - s.deleted, 0);
  }

  /** A new empty shard for `capacity` vectors whose labels continue after the last shard. */
  newShard(capacity: number): Hnsw {
    const index = new HierarchicalNSW("cosine", this.dimension);
    index.initIndex({ maxElements: Math.max(capacity, 16), m: this.params.m, efConstruction: this.params.efConstruction, randomSeed: 100 });
    index.setEf(this.params.efSearch);
    this.shards.push({ index, base: this.size, count: 0, deleted: 0 });
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
    if (shard.count >= shard.index.getMaxElements()) shard.index.resizeIndex(Math.ceil(shard.index.getMaxElements() * 1.5));
    const label = shard.base + shard.count;
    shard.index.addPoint(vector, shard.count);
    shard.count++;
    return label;
  }

  /** Appends shards read from disk (read in parallel on the thread pool), in the order given. */
  async attachAll(files: { file: string; count: number }[]): Promise<void> {
    const read = await Promise.all(
      files.map(async ({ file, count }) => {
        const index = new HierarchicalNSW("cosine", this.dimension);
        await index.readIndex(file);
        if (index.getCurrentCount() !== count) throw new Error(`${file} holds ${index.getCurrentCount()} vectors, expected ${count}`);
        index.setEf(this.params.efSearch);
        return { index, count };
      }),
    );
    read.forEach(({ index, count }, i) => {
      const head = Buffer.alloc(HEADER);
      const fd = openSync(files[i].file, "r");
      try {
        readSync(fd, head, 0, HEADER, 0);
      } finally {
        closeSync(fd);
      }
      const rowBytes = Number(head.readBigUInt64LE(24));
      const dataOffset = Number(head.readBigUInt64LE(40));
      this.shards.push({ index, base: this.size, count, deleted: 0, file: { path: files[i].file, fd: null, rowBytes, dataOffset } });
    });
  }

  /**
   * Exact cosine search over the given labels (sorted ascending): for a
   * filter that admits few passages, where hnswlib would visit most of the
   * graph to find enough admitted ones. Vectors are read from the shard files
   * (consecutive labels in one read); labels are hnswlib's insertion order.
   */
  exactSearch(query: number[], k: number, labels: Int32Array): { label: number; score: number }[] {
    const d = this.dimension;
    let qn = 0;
    for (const x of query) qn += x * x;
    qn = Math.sqrt(qn) || 1;
    const scored: { label: number; score: number }[] = [];
    let i = 0;
    while (i < labels.length) {
      const label = labels[i];
      const s = this.shards.find((x) => label >= x.base && label < x.base + x.count);
      if (!s) {
        i++;
        continue;
      }
      // A run of consecutive labels in this shard.
      let j = i + 1;
      while (j < labels.length && labels[j] === labels[j - 1] + 1 && labels[j] < s.base + s.count) j++;
      const first = label - s.base;
      const n = j - i;
      if (s.file) {
        const f = s.file;
        f.fd ??= openSync(f.path, "r");
        const buf = Buffer.allocUnsafe(n * f.rowBytes);
        readSync(f.fd, buf, 0, buf.length, HEADER + first * f.rowBytes);
        for (let r = 0; r < n; r++) {
          const v = new Float32Array(buf.buffer, buf.byteOffset + r * f.rowBytes + f.dataOffset, d);
          let dot = 0;
          for (let x = 0; x < d; x++) dot += query[x] * v[x];
          scored.push({ label: label + r, score: dot / qn });
        }
      } else {
        for (let r = 0; r < n; r++) {
          const v = s.index.getPoint(first + r);
          let dot = 0;
          for (let x = 0; x < d; x++) dot += query[x] * v[x];
          scored.push({ label: label + r, score: dot / qn });
        }
      }
      i = j;
    }
    scored.sort((a, b) => b.score - a.score || a.label - b.label);
    return scored.slice(0, k);
  }

  /** Marks labels of shard `i` (shard-local) as deleted: searches no longer return them. */
  markDeleted(i: number, localLabels: number[]): void {
    const s = this.shards[i];
    for (const l of localLabels) s.index.markDelete(l);
    s.deleted += localLabels.length;
  }

  /** Nearest labels with cosine similarity (1 − cosine distance), best first; synchronous for the hot path. */
  searchLabels(query: number[], k: number, filter?: LabelFilter, ef = this.params.efSearch): { label: number; score: number }[] {
    const out: { label: number; score: number }[] = [];
    for (const s of this.shards) {
      const live = s.count - s.deleted;
      if (live <= 0) continue;
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
    for (const s of this.shards) if (label >= s.base && label < s.base + s.count) return s.index.getPoint(label - s.base);
    return [];
  }

  /** Writes shard `i` (one file per shard). */
  async saveShard(i: number, file: string): Promise<void> {
    if (!this.shards[i]) this.newShard(16);
    await this.shards[i].index.writeIndex(file);
  }

  get shardCount(): number {
    return this.shards.length;
  }
}
