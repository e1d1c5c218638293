import { existsSync, readFileSync, statSync } from "node:fs";
import { copyFile, link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { z } from "zod";
import { IndexError } from "../errors.js";
import type { Minutes } from "../minutes/schema.js";
import { Bm25Index, type Bm25Serialized } from "./bm25.js";
import { DocReader, lazyMinutes, materializeMinutes, type DocMeta } from "./docstore.js";
import { generationDir, holdGeneration, makeIndexFolder, newGenerationName, pruneGenerations, switchGeneration, syncFolder } from "./generations.js";
import { HnswIndex } from "./hnsw.js";
import { concatColumns, passageArray, type Passage, type PassageColumns } from "./passages.js";
import { KEYWORD_NAMES, segmentFiles, unpackBm25, unpackColumns, type KeywordName, type SegmentIds, type SegmentInfo } from "./segment.js";

/**
 * Bumped whenever the on-disk layout changes; older indexes are rebuilt.
 * 4: segments — documents with lazily read text, passage columns, compact
 * postings, one hnswlib file per segment.
 */
export const FORMAT_VERSION = 4;

export const EmbedderInfoSchema = z.object({
  provider: z.string(),
  model: z.string(),
  dimension: z.number().int().positive(),
});
export type EmbedderInfo = z.infer<typeof EmbedderInfoSchema>;

export const SegmentRefSchema = z.object({
  name: z.string(),
  documents: z.number().int(),
  passages: z.number().int(),
  /** Documents of this segment superseded by a later segment (changed or deleted files), by position. */
  dead: z.array(z.number().int()).default([]),
});
export type SegmentRef = z.infer<typeof SegmentRefSchema>;

export const ManifestSchema = z.object({
  formatVersion: z.number().int(),
  /** The parser that read the records (src/minutes/version.ts); indexes from before it was recorded read as 1. */
  parserVersion: z.number().int().default(1),
  indexedAt: z.string(),
  embedder: EmbedderInfoSchema,
  /** Indexed files by path relative to the minutes folder. */
  /** Per file: its record id, `more` ids when it holds several meetings, and the folder rule it was read under. */
  files: z.record(
    z.string(),
    z.object({
      sha256: z.string(),
      minutesId: z.string(),
      more: z.array(z.string()).optional(),
      rule: z.enum(["public", "internal"]).nullable().optional(),
      size: z.number(),
      mtimeMs: z.number().optional(),
    }),
  ),
  /** Files that failed to parse, with the reason, so an unchanged bad file does not trigger re-ingest. */
  failed: z.record(z.string(), z.string()).default({}),
  counts: z.object({ documents: z.number(), passages: z.number() }),
  /** Segments in label order: the base, then those added by incremental ingest. */
  segments: z.array(SegmentRefSchema).optional(),
  /** Documents at the last full build, and documents added, changed or removed since (incremental ingest). */
  build: z.object({ documents: z.number().int(), changedSince: z.number().int() }).optional(),
  /** Current file path of documents kept from an earlier segment when it differs from the one stored with them. */
  paths: z.record(z.string(), z.string()).optional(),
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
  /** Current minutes, by meeting date. */
  minutes: Minutes[];
  /** Passages by label (superseded ones included: see labelMinutes). */
  passages: Passage[];
  keyword: KeywordIndexes;
  vectors: HnswIndex;
  /** Serialized embedder state (the local embedder's fitted frequencies). */
  embedderState: Buffer | null;
  /** Label → position in `minutes`; −1 for a passage of a superseded document. Made by the retriever when absent. */
  labelMinutes?: Int32Array;
  /** Words the indexed minutes add to the tokenizer, recorded at ingest. */
  domainWords?: string[];
  /** The generation it was loaded from (null: the flat layout). */
  generation?: string | null;
  /** Closes the index's files and lets writers delete the generation it was loaded from. */
  release?: () => void;
  /** What a later generation sharing a segment file (hard-linked, so the same inode) takes over instead of reading it again. */
  reusable?: Map<string, ReusableSegment>;
}

/** One segment's parsed, immutable parts: its documents and its keyword postings with their term lookups. */
export interface ReusableSegment {
  metas: DocMeta[];
  keyword: Record<KeywordName, { data: Bm25Serialized; termIndex: Map<string, number> }>;
}

/** A segment's identity across generations: its passages file's device and inode (unchanged segments are hard links). */
function segmentKey(dir: string, name: string): string {
  const st = statSync(join(dir, segmentFiles(name).passages));
  return `${st.dev}:${st.ino}:${st.size}`;
}

/** Hooks for tests that simulate a crash while the index is written. */
export interface WriteHooks {
  afterFilesWritten?: () => void | Promise<void>;
}

/** What the root passages.json holds: each segment's passage count and column strings. */
interface PassagesHeader {
  formatVersion: number;
  segments: SegmentInfo[];
}

/**
 * Writes a new generation of an index (see generations.ts): `keep` files
 * hard-linked from the current generation, the rest written by `write`, the
 * manifest last; the files are flushed, then `CURRENT` is switched to it and
 * generations no reader holds are removed. A crash at any point leaves the
 * previous generation current (a half-written one is removed at the next
 * start). Call with the writer lock held (ingest does).
 */
export async function writeIndexFolder(
  dir: string,
  opts: {
    keep?: string[];
    write: (tmp: string) => Promise<void>;
    manifest: Manifest;
    segments: SegmentInfo[];
    embedderState: Buffer | null;
    hooks?: WriteHooks;
  },
): Promise<void> {
  makeIndexFolder(dir);
  await recover(dir);
  const source = generationDir(dir);
  const name = newGenerationName();
  const gen = join(dir, name);
  await mkdir(gen);
  try {
    // (sN.ids.json is missing from segments written before it existed.)
    for (const f of opts.keep ?? [])
      if (existsSync(join(source, f))) await link(join(source, f), join(gen, f)).catch(() => copyFile(join(source, f), join(gen, f)));
    await opts.write(gen);
    await writeFile(join(gen, "passages.json"), JSON.stringify({ formatVersion: FORMAT_VERSION, segments: opts.segments } satisfies PassagesHeader));
    if (opts.embedderState) await writeFile(join(gen, "embedder.bin"), opts.embedderState);
    await opts.hooks?.afterFilesWritten?.();
    await writeFile(join(gen, "manifest.json"), JSON.stringify(opts.manifest, null, 2));
    syncFolder(gen);
  } catch (err) {
    await rm(gen, { recursive: true, force: true });
    throw err;
  }
  await switchGeneration(dir, name);
  await pruneGenerations(dir);
}

/** Flat layout: restores `<dir>.old` when a crash of an earlier version fell between its two renames. */
async function recover(dir: string): Promise<void> {
  const old = `${dir}.old`;
  if (!existsSync(join(generationDir(dir), "manifest.json")) && existsSync(join(generationDir(old), "manifest.json"))) {
    await rm(dir, { recursive: true, force: true });
    await rename(old, dir);
  }
}

/** Reads only the manifest (null when there is no index). */
export async function readManifest(dir: string): Promise<Manifest | null> {
  await recover(dir);
  const file = join(generationDir(dir), "manifest.json");
  if (!existsSync(file)) return null;
  try {
    return ManifestSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch (err) {
    throw new IndexError("index_corrupt", `${file}: the index manifest is unreadable — run \`minutes ingest --rebuild\``, { subject: file, cause: err });
  }
}

function damaged(dir: string, err: unknown): IndexError {
  if (err instanceof IndexError) return err;
  return new IndexError("index_corrupt", `${dir}: the index is damaged (${(err as Error).message}) — run \`minutes ingest --rebuild\``, {
    subject: dir,
    cause: err,
  });
}

/** What incremental ingest needs of a stored document (read from sN.ids.json, not the whole record). */
export type LightMeta = Pick<DocMeta, "id" | "title" | "number" | "year" | "words" | "passages" | "textAt" | "structAt"> & { source: { path: string } };

/** The documents of an index without its postings or vectors: for incremental ingest. */
export interface IndexDocs<M extends LightMeta = DocMeta> {
  manifest: Manifest;
  segments: (SegmentRef & { strings: string[]; metas: M[]; reader: DocReader })[];
}

async function readSegmentInfos(dir: string, manifest: Manifest): Promise<SegmentInfo[]> {
  const header = JSON.parse(await readFile(join(dir, "passages.json"), "utf8")) as PassagesHeader;
  const refs = manifest.segments ?? [];
  if (header.segments.length !== refs.length || header.segments.some((s, i) => s.name !== refs[i].name || s.passages !== refs[i].passages)) {
    throw new Error("passages.json does not match the manifest");
  }
  return header.segments;
}

/** Reads what incremental ingest needs of every document: ids, passage counts, paths, words, offsets. */
export async function readIndexDocsLight(indexDir: string, manifest: Manifest): Promise<IndexDocs<LightMeta>> {
  const dir = generationDir(indexDir);
  try {
    const infos = await readSegmentInfos(dir, manifest);
    const segments = await Promise.all(
      (manifest.segments ?? []).map(async (ref, i) => {
        const f = segmentFiles(ref.name);
        if (!existsSync(join(dir, f.ids))) {
          // An index written before sN.ids.json existed: the whole records hold the same.
          const metas = JSON.parse(await readFile(join(dir, f.docs), "utf8")) as DocMeta[];
          return {
            ...ref,
            strings: infos[i].strings,
            metas: metas as LightMeta[],
            reader: new DocReader({ texts: join(dir, f.texts), structs: join(dir, f.structs) }),
          };
        }
        const x = JSON.parse(await readFile(join(dir, f.ids), "utf8")) as SegmentIds;
        if (x.ids.length !== ref.documents) throw new Error(`${f.ids} holds ${x.ids.length} documents, the manifest ${ref.documents}`);
        const metas: LightMeta[] = x.ids.map((id, j) => ({
          id,
          title: x.titles[j],
          number: x.numbers[j],
          year: x.years[j],
          passages: x.passages[j],
          words: x.words[j],
          textAt: x.textAt[j],
          structAt: x.structAt[j],
          source: { path: x.paths[j] },
        }));
        return { ...ref, strings: infos[i].strings, metas, reader: new DocReader({ texts: join(dir, f.texts), structs: join(dir, f.structs) }) };
      }),
    );
    return { manifest, segments };
  } catch (err) {
    throw damaged(dir, err);
  }
}

/** Reads the documents of an index (meta eagerly, text and structure on demand). */
export async function readIndexDocs(indexDir: string, manifest?: Manifest, known?: (segment: number) => DocMeta[] | undefined): Promise<IndexDocs> {
  const dir = generationDir(indexDir);
  const m = manifest ?? (await readManifest(dir));
  if (!m) throw new IndexError("index_missing", `${dir}: no index yet — run \`minutes ingest\``, { subject: dir });
  try {
    const infos = await readSegmentInfos(dir, m);
    const segments = await Promise.all(
      (m.segments ?? []).map(async (ref, i) => {
        const f = segmentFiles(ref.name);
        const metas = known?.(i) ?? (JSON.parse(await readFile(join(dir, f.docs), "utf8")) as DocMeta[]);
        if (metas.length !== ref.documents) throw new Error(`${f.docs} holds ${metas.length} documents, the manifest ${ref.documents}`);
        return { ...ref, strings: infos[i].strings, metas, reader: new DocReader({ texts: join(dir, f.texts), structs: join(dir, f.structs) }) };
      }),
    );
    return { manifest: m, segments };
  } catch (err) {
    throw damaged(dir, err);
  }
}

/** A stored document with the current path of its file (from the manifest, when the folder moved). */
function withPath(meta: DocMeta, manifest: Manifest): DocMeta {
  const p = manifest.paths?.[meta.id];
  return p && p !== meta.source.path ? { ...meta, source: { ...meta.source, path: p } } : meta;
}

const byDate = (a: { meeting: { date: string | null }; id: string }, b: { meeting: { date: string | null }; id: string }) =>
  (a.meeting.date ?? "").localeCompare(b.meeting.date ?? "") || a.id.localeCompare(b.id);

/** Reads the parsed minutes of an index, complete, by meeting date. */
export async function readIndexedMinutes(dir: string): Promise<Minutes[]> {
  const held = holdGeneration(dir);
  try {
    const docs = await readIndexDocs(held.dir);
    const out: Minutes[] = [];
    for (const s of docs.segments) {
      const dead = new Set(s.dead);
      s.metas.forEach((meta, i) => {
        if (!dead.has(i)) out.push(materializeMinutes(withPath(meta, docs.manifest), s.reader.text(meta), s.reader.struct(meta)));
      });
      s.reader.close();
    }
    return out.sort(byDate);
  } finally {
    held.release();
  }
}

/**
 * Loads a whole index: the current generation, held (every file it reads
 * later is opened now, and the folder stays until `release()`), so an ingest
 * by another process never changes what it reads. Attach the configured
 * embedder to `vectors.embeddings` before embedding queries. `previous`:
 * the generation served until now; segments both share are taken from it
 * instead of read again (at 10,000 documents a one-file change then loads one
 * small segment, and the swap holds one copy of the postings).
 */
export async function loadIndex(indexDir: string, embeddings: EmbeddingsInterface | null = null, previous: IndexData | null = null): Promise<IndexData> {
  await recover(indexDir);
  // Only an index folder that exists is written to (a reader marker); a missing one is reported below.
  const held = existsSync(indexDir) ? holdGeneration(indexDir) : { dir: indexDir, release() {} };
  try {
    const index = await loadGeneration(held.dir, embeddings, held.release, previous?.reusable ?? null);
    index.generation = held.dir === indexDir ? null : basename(held.dir);
    return index;
  } catch (err) {
    held.release();
    throw err;
  }
}

async function loadGeneration(
  dir: string,
  embeddings: EmbeddingsInterface | null,
  release: () => void,
  reuse: Map<string, ReusableSegment> | null,
): Promise<IndexData> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new IndexError("index_missing", `${dir}: no index yet — run \`minutes ingest\``, { subject: dir });
  if (manifest.formatVersion !== FORMAT_VERSION || !manifest.segments) {
    throw new IndexError("index_corrupt", `${dir}: index format ${manifest.formatVersion} is outdated — run \`minutes ingest --rebuild\``, { subject: dir });
  }
  try {
    const refs = manifest.segments;
    const vectors = new HnswIndex(embeddings, manifest.embedder.dimension);
    // Headers only: the graphs load when an ANN search first needs them (HnswIndex.load).
    vectors.attachAll(refs.map((r) => ({ file: join(dir, segmentFiles(r.name).hnsw), count: r.passages })));
    const keys = refs.map((r) => segmentKey(dir, r.name));
    const shared = keys.map((k) => reuse?.get(k));
    const docs = await readIndexDocs(dir, manifest, (i) => shared[i]?.metas);
    const parts = await Promise.all(
      refs.map(async (r, i) => {
        const f = segmentFiles(r.name);
        // Columns are remapped to this generation's string table below, so they are always read afresh (a few MB).
        const columns = unpackColumns(await readFile(join(dir, f.passages)), r.passages);
        const keyword = {} as Record<KeywordName, { data: Bm25Serialized; termIndex?: Map<string, number> }>;
        for (const k of KEYWORD_NAMES)
          keyword[k] = shared[i]?.keyword[k] ?? {
            data: unpackBm25(await readFile(join(dir, f.keyword(k).json), "utf8"), await readFile(join(dir, f.keyword(k).bin))),
          };
        return { columns, keyword };
      }),
    );

    // One document list over all segments; one string table for the columns.
    const metas: DocMeta[] = [];
    const minutesOfDoc: (Minutes | null)[] = [];
    const strings: string[] = [""];
    const stringIds = new Map<string, number>([["", 0]]);
    const columnParts: { columns: PassageColumns; docBase: number }[] = [];
    const deadLabels: number[][] = [];
    const domainWords = new Set<string>();
    let labelBase = 0;
    docs.segments.forEach((s, si) => {
      const docBase = metas.length;
      const dead = new Set(s.dead);
      s.metas.forEach((meta, i) => {
        metas.push(meta);
        if (dead.has(i)) minutesOfDoc.push(null);
        else {
          minutesOfDoc.push(lazyMinutes(withPath(meta, manifest), s.reader));
          for (const w of meta.words) domainWords.add(w);
        }
      });
      const c = parts[si].columns;
      const remap = s.strings.map((x) => {
        let id = stringIds.get(x);
        if (id === undefined) {
          id = strings.length;
          strings.push(x);
          stringIds.set(x, id);
        }
        return id;
      });
      for (let i = 0; i < c.section.length; i++) {
        c.section[i] = remap[c.section[i]];
        c.point[i] = c.point[i] ? remap[c.point[i]] : 0;
      }
      const deadHere: number[] = [];
      if (dead.size) for (let i = 0; i < c.doc.length; i++) if (dead.has(c.doc[i])) deadHere.push(i);
      deadLabels.push(deadHere);
      columnParts.push({ columns: c, docBase });
      labelBase += s.passages;
    });
    const columns = concatColumns(columnParts);
    const live = minutesOfDoc.filter((m): m is Minutes => m !== null);
    const order = live.map((m, i) => ({ m, i })).sort((a, b) => byDate(a.m, b.m));
    const minutes = order.map((o) => o.m);
    const position = new Map(minutes.map((m, i) => [m, i]));
    const docPosition = Int32Array.from(minutesOfDoc.map((m) => (m ? position.get(m)! : -1)));
    const labelMinutes = new Int32Array(labelBase);
    for (let l = 0; l < labelBase; l++) labelMinutes[l] = docPosition[columns.doc[l]];

    const keyword = {} as KeywordIndexes;
    for (const k of KEYWORD_NAMES) {
      let base = 0;
      keyword[k] = Bm25Index.combine(
        parts.map((p, i) => {
          const seg = { ...p.keyword[k], base };
          base += refs[i].passages;
          return seg;
        }),
      );
    }
    deadLabels.forEach((labels, si) => vectors.markDeleted(si, labels));
    const embedderFile = join(dir, "embedder.bin");
    const embedderState = existsSync(embedderFile) ? await readFile(embedderFile) : null;
    const reusable = new Map<string, ReusableSegment>();
    const segmentsOf = Object.fromEntries(KEYWORD_NAMES.map((k) => [k, keyword[k].segmentParts()])) as Record<
      KeywordName,
      ReturnType<Bm25Index["segmentParts"]>
    >;
    keys.forEach((key, i) => {
      const kw = Object.fromEntries(KEYWORD_NAMES.map((k) => [k, segmentsOf[k][i]])) as ReusableSegment["keyword"];
      reusable.set(key, { metas: docs.segments[i].metas, keyword: kw });
    });
    return {
      reusable,
      manifest,
      minutes,
      passages: passageArray(columns, strings, metas),
      keyword,
      vectors,
      embedderState,
      labelMinutes,
      domainWords: [...domainWords],
      release() {
        for (const s of docs.segments) s.reader.close();
        vectors.close();
        release();
      },
    };
  } catch (err) {
    throw damaged(dir, err);
  }
}

/**
 * Reads every stored vector of an hnswlib index file straight from its level-0
 * block (for exact baselines and recall measurements): rows of `dimension`
 * floats in label order, and which labels are live (not marked deleted).
 */
export function readHnswVectors(file: string): { dimension: number; count: number; data: Float32Array; live: Uint8Array } {
  const buf = readFileSync(file);
  const u64 = (o: number) => Number(buf.readBigUInt64LE(o));
  const offsetLevel0 = u64(0);
  const count = u64(16);
  const sizePerElement = u64(24);
  const labelOffset = u64(32);
  const offsetData = u64(40);
  const base = 96;
  const dimension = (labelOffset - offsetData) / 4;
  const data = new Float32Array(count * dimension);
  const live = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const at = base + i * sizePerElement;
    const label = u64(at + labelOffset);
    // Level-0 link list header: 2 bytes count, 1 byte deleted flag.
    const deleted = buf[at + offsetLevel0 + 2] & 1;
    const row = new Float32Array(buf.buffer.slice(buf.byteOffset + at + offsetData, buf.byteOffset + at + offsetData + dimension * 4));
    if (label < count) {
      data.set(row, label * dimension);
      live[label] = deleted ? 0 : 1;
    }
  }
  return { dimension, count, data, live };
}

/** All vectors of an index by passage label; superseded passages are not live. */
export async function readAllVectors(indexDir: string): Promise<{ dimension: number; count: number; data: Float32Array; live: Uint8Array }> {
  const dir = generationDir(indexDir);
  const manifest = await readManifest(dir);
  if (!manifest?.segments) throw new IndexError("index_missing", `${dir}: no index`, { subject: dir });
  const docs = await readIndexDocs(dir, manifest);
  const parts = manifest.segments.map((r) => readHnswVectors(join(dir, segmentFiles(r.name).hnsw)));
  const dimension = manifest.embedder.dimension;
  const count = parts.reduce((n, p) => n + p.count, 0);
  const data = new Float32Array(count * dimension);
  const live = new Uint8Array(count);
  let at = 0;
  for (const [i, p] of parts.entries()) {
    data.set(p.data, at * dimension);
    const dead = new Set(docs.segments[i].dead);
    const columns = unpackColumns(await readFile(join(dir, segmentFiles(manifest.segments[i].name).passages)), p.count);
    for (let l = 0; l < p.count; l++) live[at + l] = p.live[l] && !dead.has(columns.doc[l]) ? 1 : 0;
    at += p.count;
  }
  for (const s of docs.segments) s.reader.close();
  return { dimension, count, data, live };
}
