import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Embeddings as EmbeddingsBase, type Embeddings } from "@langchain/core/embeddings";
import { Document } from "@langchain/core/documents";
import { z } from "zod";
import { IndexError } from "../errors.js";
import { MinutesSchema, type Minutes } from "../minutes/schema.js";
import { Bm25Index, type Bm25Serialized } from "./bm25.js";
import { HnswVectorStore } from "./hnsw-store.js";
import type { Passage } from "./passages.js";

/** Bumped whenever the on-disk layout changes; older indexes are rebuilt. */
export const FORMAT_VERSION = 3;

export const EmbedderInfoSchema = z.object({
  provider: z.string(),
  model: z.string(),
  dimension: z.number().int().positive(),
});
export type EmbedderInfo = z.infer<typeof EmbedderInfoSchema>;

export const ManifestSchema = z.object({
  formatVersion: z.number().int(),
  indexedAt: z.string(),
  embedder: EmbedderInfoSchema,
  /** Indexed files by path relative to the minutes folder. */
  files: z.record(z.string(), z.object({ sha256: z.string(), minutesId: z.string(), size: z.number() })),
  /** Files that failed to parse, with the reason, so an unchanged bad file does not trigger re-ingest. */
  failed: z.record(z.string(), z.string()).default({}),
  counts: z.object({ documents: z.number(), passages: z.number() }),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** The keyword indexes: character bigrams and jieba words over heading path + text, and item titles. */
export interface KeywordIndexes {
  bigram: Bm25Index;
  word: Bm25Index;
  title: Bm25Index;
}

/** Everything a search needs, in memory. */
export interface IndexData {
  manifest: Manifest;
  minutes: Minutes[];
  passages: Passage[];
  keyword: KeywordIndexes;
  vectors: HnswVectorStore;
  /** Serialized embedder state (the local embedder's fitted frequencies). */
  embedderState: Buffer | null;
}

const KEYWORD_NAMES = ["bigram", "word", "title"] as const;

function unpackBm25(json: string, bin: Buffer): Bm25Index {
  const header = JSON.parse(json) as { params: Bm25Serialized["params"]; terms: string[]; lengths: number[] };
  const [nStarts, nIds, nTfs, nLens] = header.lengths;
  const ab = new Uint8Array(bin).buffer as ArrayBuffer;
  let off = 0;
  const take = <T>(Ctor: new (b: ArrayBuffer, o: number, n: number) => T, n: number, size: number): T => {
    const out = new Ctor(ab, off, n);
    off += n * size;
    return out;
  };
  const termStarts = take(Uint32Array, nStarts, 4);
  const docIds = take(Uint32Array, nIds, 4);
  const tfs = take(Uint16Array, nTfs, 2);
  if (off % 4) off += 4 - (off % 4);
  const docLens = take(Uint32Array, nLens, 4);
  return Bm25Index.fromSerialized({ params: header.params, terms: header.terms, termStarts, docIds, tfs, docLens });
}

/** Terms and parameters as JSON; postings as one binary blob (Uint16 tfs padded so doc lengths stay 4-byte aligned). */
function packBm25(idx: Bm25Index): { json: string; bin: Buffer } {
  const s = idx.serialize();
  const pad = s.tfs.byteLength % 4 ? Buffer.alloc(4 - (s.tfs.byteLength % 4)) : Buffer.alloc(0);
  const lengths = [s.termStarts.length, s.docIds.length, s.tfs.length, s.docLens.length];
  const json = JSON.stringify({ params: s.params, terms: s.terms, lengths });
  const bin = Buffer.concat([
    Buffer.from(s.termStarts.buffer, s.termStarts.byteOffset, s.termStarts.byteLength),
    Buffer.from(s.docIds.buffer, s.docIds.byteOffset, s.docIds.byteLength),
    Buffer.from(s.tfs.buffer, s.tfs.byteOffset, s.tfs.byteLength),
    pad,
    Buffer.from(s.docLens.buffer, s.docLens.byteOffset, s.docLens.byteLength),
  ]);
  return { json, bin };
}

/** Hooks for tests that simulate a crash while the index is written. */
export interface WriteHooks {
  afterFilesWritten?: () => void | Promise<void>;
}

/**
 * Writes the index atomically: everything goes to a sibling folder, which then
 * replaces the old one by rename. A crash at any point leaves the previous
 * index (or, mid-swap, its `.old` copy, restored on the next open) usable.
 */
export async function writeIndex(dir: string, data: IndexData, hooks: WriteHooks = {}): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await writeFile(join(tmp, "minutes.json"), JSON.stringify(data.minutes));
    await writeFile(join(tmp, "passages.json"), JSON.stringify(data.passages));
    for (const name of KEYWORD_NAMES) {
      const { json, bin } = packBm25(data.keyword[name]);
      await writeFile(join(tmp, `keyword-${name}.json`), json);
      await writeFile(join(tmp, `keyword-${name}.bin`), bin);
    }
    await data.vectors.save(join(tmp, "vectors.hnsw"));
    if (data.embedderState) await writeFile(join(tmp, "embedder.bin"), data.embedderState);
    await hooks.afterFilesWritten?.();
    // The manifest is written last: a folder without one is never taken for an index.
    await writeFile(join(tmp, "manifest.json"), JSON.stringify(data.manifest, null, 2));
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const old = `${dir}.old`;
  await rm(old, { recursive: true, force: true });
  if (existsSync(dir)) await rename(dir, old);
  await rename(tmp, dir);
  await rm(old, { recursive: true, force: true });
}

/** Restores `<dir>.old` when a crash happened between the two renames of writeIndex. */
async function recover(dir: string): Promise<void> {
  const old = `${dir}.old`;
  if (!existsSync(join(dir, "manifest.json")) && existsSync(join(old, "manifest.json"))) {
    await rm(dir, { recursive: true, force: true });
    await rename(old, dir);
  }
}

/** Reads only the manifest (null when there is no index). */
export async function readManifest(dir: string): Promise<Manifest | null> {
  await recover(dir);
  const file = join(dir, "manifest.json");
  if (!existsSync(file)) return null;
  try {
    return ManifestSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch (err) {
    throw new IndexError("index_corrupt", `${file}: the index manifest is unreadable — run \`minutes ingest --rebuild\``, { subject: file, cause: err });
  }
}

/** Reads the parsed minutes of an index (for incremental ingest). */
export async function readIndexedMinutes(dir: string): Promise<Minutes[]> {
  return (JSON.parse(await readFile(join(dir, "minutes.json"), "utf8")) as unknown[]).map((m) => MinutesSchema.parse(m));
}

/** Stands in until the configured embedder is attached (`index.vectors.embeddings = …`). */
class DetachedEmbeddings extends EmbeddingsBase {
  constructor() {
    super({});
  }
  embedDocuments(): Promise<number[][]> {
    throw new Error("no embedder attached to the loaded index");
  }
  embedQuery(): Promise<number[]> {
    throw new Error("no embedder attached to the loaded index");
  }
}

/** Loads a whole index. Attach the configured embedder to `vectors.embeddings` before embedding queries. */
export async function loadIndex(dir: string, embeddings: Embeddings = new DetachedEmbeddings()): Promise<IndexData> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new IndexError("index_missing", `${dir}: no index yet — run \`minutes ingest\``, { subject: dir });
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw new IndexError("index_corrupt", `${dir}: index format ${manifest.formatVersion} is outdated — run \`minutes ingest --rebuild\``, { subject: dir });
  }
  try {
    const minutes = await readIndexedMinutes(dir);
    const passages = JSON.parse(await readFile(join(dir, "passages.json"), "utf8")) as Passage[];
    const keyword = {} as KeywordIndexes;
    for (const name of KEYWORD_NAMES) {
      keyword[name] = unpackBm25(await readFile(join(dir, `keyword-${name}.json`), "utf8"), await readFile(join(dir, `keyword-${name}.bin`)));
    }
    const docs = passages.map((p) => new Document({ pageContent: "", metadata: { id: p.id } }));
    const vectors = await HnswVectorStore.load(join(dir, "vectors.hnsw"), embeddings, manifest.embedder.dimension, docs);
    const embedderFile = join(dir, "embedder.bin");
    const embedderState = existsSync(embedderFile) ? await readFile(embedderFile) : null;
    return { manifest, minutes, passages, keyword, vectors, embedderState };
  } catch (err) {
    if (err instanceof IndexError) throw err;
    throw new IndexError("index_corrupt", `${dir}: the index is damaged (${(err as Error).message}) — run \`minutes ingest --rebuild\``, {
      subject: dir,
      cause: err,
    });
  }
}

