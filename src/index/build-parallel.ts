import type { WorkerReply } from "./build-worker.js";
import type { SerializedDoc } from "./docstore.js";
import { localEmbedderFromCounts, type Embedder, type EmbedderSpec } from "./embeddings/index.js";
import type { IngestProgress } from "./progress.js";
import type { SegmentInfo } from "./segment.js";
import type { SegmentRef } from "./store.js";
import type { BuildWorkers } from "./worker-pool.js";

/** A full build's segments, embedder and passage count. */
export interface BuiltSegments {
  segments: SegmentInfo[];
  refs: SegmentRef[];
  embedder: Embedder;
  passages: number;
}

/** Text (characters) per base segment: about 160,000 passages; more segments keep each hnswlib graph and the build's memory small. */
export const SEGMENT_TEXT_CHARS = 10_000_000;

/**
 * A full build over worker threads, written into `tmp`: the documents are
 * split into segments (at least one per worker), each worker prepares its
 * segments (passages, postings, feature counts — written at once), the
 * embedder is fitted over all of them, then each worker embeds its segments
 * one at a time. Only the passage texts wait in memory for the embedder.
 */
export async function buildParallel(
  workers: BuildWorkers,
  take: () => SerializedDoc[],
  words: string[],
  spec: EmbedderSpec,
  progress: (p: IngestProgress) => void,
  tmp: string,
): Promise<BuiltSegments> {
  if (spec.provider !== "local") throw new Error("parallel builds need the local embedder");
  let docs: SerializedDoc[] | null = take();
  const chars = docs.reduce((a, d) => a + d.text.length, 0);
  const count = Math.max(workers.size, Math.ceil(chars / SEGMENT_TEXT_CHARS));
  const parts: (SerializedDoc[] | null)[] = partition(docs, count, (d) => d.text.length);
  docs = null;
  const names = parts.map((_, i) => `s${i}`);
  const owner = parts.map((_, i) => i % workers.size);
  const estPassages = Math.round(chars / 60);
  const doneBy = new Array<number>(parts.length).fill(0);
  const report = (phase: "index" | "embed", seg: number, n: number, total: number) => {
    doneBy[seg] = n;
    progress({ phase, done: doneBy.reduce((a, b) => a + b, 0), total });
  };
  progress({ phase: "index", done: 0, total: estPassages });
  const prepared: Extract<WorkerReply, { type: "prepared" }>[] = new Array(parts.length);
  await Promise.all(
    Array.from({ length: workers.size }, async (_, w) => {
      for (let i = 0; i < parts.length; i++) {
        if (owner[i] !== w) continue;
        const part = parts[i]!;
        parts[i] = null;
        prepared[i] = await workers.request<"prepared">(w, { type: "prepare", docs: part, words, dir: tmp, name: names[i] }, (m) =>
          report("index", i, m.done, estPassages),
        );
      }
    }),
  );
  const passages = prepared.reduce((a, p) => a + p.passages, 0);
  const df = new Uint32Array(prepared[0].df.length);
  for (const p of prepared) for (let i = 0; i < df.length; i++) df[i] += p.df[i];
  const embedder = localEmbedderFromCounts(passages, df, spec.dimension ?? 512);
  const state = { dimension: embedder.info.dimension, documents: passages, df };
  doneBy.fill(0);
  await Promise.all(
    Array.from({ length: workers.size }, async (_, w) => {
      for (let i = 0; i < prepared.length; i++) {
        if (owner[i] !== w) continue;
        await workers.request<"written">(w, { type: "embed", state, dir: tmp, name: names[i], hnsw: {} }, (m) => report("embed", i, m.done, passages));
      }
    }),
  );
  return {
    segments: prepared.map((p, i) => ({ name: names[i], documents: p.documents, passages: p.passages, strings: p.strings })),
    refs: prepared.map((p, i) => ({ name: names[i], documents: p.documents, passages: p.passages, dead: [] })),
    embedder,
    passages,
  };
}

/** Splits documents (in label order) into `n` contiguous parts of about equal text length. */
function partition<T>(docs: T[], n: number, size: (d: T) => number): T[][] {
  const total = docs.reduce((a, d) => a + size(d), 0);
  const parts: T[][] = [[]];
  let acc = 0;
  for (const d of docs) {
    if (acc >= (total * parts.length) / n && parts.length < n) parts.push([]);
    parts[parts.length - 1].push(d);
    acc += size(d);
  }
  return parts.filter((p) => p.length);
}
