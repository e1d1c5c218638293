/**
 * A segment: a set of minutes with everything search needs over them — the
 * documents (meta, text, structure), passage columns, the three keyword
 * postings and an hnswlib file. An index is one or more segments: the base
 * (built in parallel when large) and small segments that incremental ingest
 * adds. Building goes in two passes so the base can be built by workers:
 * `prepareSegment` (passages, keyword postings, the local embedder's feature
 * counts) and, once the embedder is fitted over all segments, `embedSegment`.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Embeddings } from "@langchain/core/embeddings";
import type { Minutes } from "../minutes/schema.js";
import { Bm25Builder, type Bm25Serialized } from "./bm25.js";
import { serializeDoc, type DocMeta } from "./docstore.js";
import { countFeatures, features, newDfTable, type LocalEmbeddings } from "./embeddings/local.js";
import type { HnswIndex } from "./hnsw.js";
import { buildPassages, encodePassages, quoteOf, type Passage, type PassageColumns, COLUMN_NAMES } from "./passages.js";
import { bigrams, words } from "./tokenize.js";

export const KEYWORD_NAMES = ["bigram", "word", "title"] as const;
export type KeywordName = (typeof KEYWORD_NAMES)[number];

/** File names of segment `name` inside an index folder. */
export function segmentFiles(name: string) {
  return {
    docs: `${name}.docs.json`,
    ids: `${name}.ids.json`,
    texts: `${name}.texts.bin`,
    structs: `${name}.structs.bin`,
    passages: `${name}.passages.bin`,
    keyword: (k: KeywordName) => ({ json: `${name}.kw-${k}.json`, bin: `${name}.kw-${k}.bin` }),
    hnsw: `${name}.hnsw`,
    all(): string[] {
      return [
        this.docs,
        this.ids,
        this.texts,
        this.structs,
        this.passages,
        ...KEYWORD_NAMES.flatMap((k) => [this.keyword(k).json, this.keyword(k).bin]),
        this.hnsw,
      ];
    },
  };
}

/** The text a passage is matched and embedded by: heading path, then the exact quote. */
export function passageIndexText(m: Minutes, p: Passage): string {
  return `${p.context}\n${quoteOf(m, p)}`;
}

/** Item titles and 《》 document names: the title field of the keyword index. */
export function titleFieldText(m: Minutes, p: Passage): string {
  if (p.itemOrdinal === null) return `${m.title} ${p.section}`;
  const item = m.items[p.itemOrdinal - 1];
  return `${item.title} ${item.documents.join(" ")} ${item.reportingUnit ?? ""}`;
}

export interface PreparedSegment {
  minutes: Minutes[];
  passages: Passage[];
  /** passageIndexText of each passage, for embedding. */
  texts: string[];
  keyword: Record<KeywordName, Bm25Serialized>;
  /** Feature document frequencies of the passages (local embedder), to fit it over all segments. */
  df: Uint32Array | null;
}

/** Pass 1: passages, keyword postings and (for the local embedder) feature counts; each passage is segmented once. */
export function prepareSegment(
  minutes: Minutes[],
  opts: {
    countFeatures: boolean;
    passages?: Passage[];
    onPassage?: (done: number) => void /** false: the bigram and word fields hold the quote alone, no heading path (an evaluation baseline). */;
    context?: boolean;
  },
): PreparedSegment {
  const passages = opts.passages ?? minutes.flatMap(buildPassages);
  const byId = new Map(minutes.map((m) => [m.id, m]));
  const builders = { bigram: new Bm25Builder(), word: new Bm25Builder(), title: new Bm25Builder() };
  const df = opts.countFeatures ? newDfTable() : null;
  const texts: string[] = new Array(passages.length);
  for (let i = 0; i < passages.length; i++) {
    const p = passages[i];
    const m = byId.get(p.minutesId)!;
    const text = passageIndexText(m, p);
    texts[i] = text;
    const bg = bigrams(text);
    const ws = words(text);
    const bare = opts.context === false ? quoteOf(m, p) : null;
    builders.bigram.add(bare === null ? bg : bigrams(bare));
    builders.word.add(bare === null ? ws : words(bare));
    builders.title.add(bigrams(titleFieldText(m, p)));
    if (df) countFeatures(df, features(text, bg, ws));
    if (opts.onPassage && (i & 1023) === 1023) opts.onPassage(i + 1);
  }
  return {
    minutes,
    passages,
    texts,
    keyword: { bigram: builders.bigram.finish(), word: builders.word.finish(), title: builders.title.finish() },
    df,
  };
}

/** Pass 2: embeds the passages into a new shard of `vectors`, in passage order. */
export async function embedSegment(
  prep: PreparedSegment,
  embeddings: Embeddings,
  vectors: HnswIndex,
  opts: { batch: number; onBatch?: (done: number) => void },
): Promise<void> {
  vectors.newShard(prep.passages.length);
  const local = "embedText" in embeddings ? (embeddings as unknown as LocalEmbeddings) : null;
  for (let i = 0; i < prep.texts.length; i += opts.batch) {
    const slice = prep.texts.slice(i, i + opts.batch);
    const vecs = local ? slice.map((t) => local.embedText(t)) : await embeddings.embedDocuments(slice);
    for (const v of vecs) vectors.add(v);
    opts.onBatch?.(Math.min(i + opts.batch, prep.texts.length));
  }
}

/** Serializes a keyword segment: JSON header (terms, parameters, lengths) and one binary blob. */
export function packBm25(s: Bm25Serialized): { json: string; bin: Buffer } {
  const arrays = [s.termStarts, s.dfs, s.runLens, s.runStarts ?? new Uint32Array(0)];
  const json = JSON.stringify({ params: s.params, terms: s.terms, docs: s.docs, lengths: [...arrays.map((a) => a.length), s.postings.length] });
  const bin = Buffer.concat([
    ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)),
    Buffer.from(s.postings.buffer, s.postings.byteOffset, s.postings.byteLength),
  ]);
  return { json, bin };
}

/** The bytes as an ArrayBuffer of their own (typed-array views need one aligned at 0): the file buffer itself when it is one. */
function ownBuffer(bin: Buffer): ArrayBuffer {
  if (bin.byteOffset === 0 && bin.byteLength === bin.buffer.byteLength && bin.buffer instanceof ArrayBuffer) return bin.buffer;
  const copy = new ArrayBuffer(bin.byteLength);
  new Uint8Array(copy).set(bin);
  return copy;
}

export function unpackBm25(json: string, bin: Buffer): Bm25Serialized {
  const h = JSON.parse(json) as { params: Bm25Serialized["params"]; terms: string[]; docs: number; lengths: number[] };
  const [nStarts, nDfs, nRunLens, nRunStarts, nPostings] = h.lengths;
  const ab = ownBuffer(bin);
  let off = 0;
  const u32 = (n: number) => {
    const a = new Uint32Array(ab, off, n);
    off += n * 4;
    return a;
  };
  const termStarts = u32(nStarts);
  const dfs = u32(nDfs);
  const runLens = u32(nRunLens);
  const runStarts = nRunStarts ? u32(nRunStarts) : null;
  const postings = new Uint8Array(ab, off, nPostings);
  if (termStarts.length !== h.terms.length + 1 || off + nPostings !== ab.byteLength) throw new Error("keyword index lengths do not match");
  return { params: h.params, terms: h.terms, termStarts, dfs, runLens, runStarts, postings, docs: h.docs };
}

export function packColumns(c: PassageColumns): Buffer {
  return Buffer.concat(COLUMN_NAMES.map((k) => Buffer.from(c[k].buffer, c[k].byteOffset, c[k].byteLength)));
}

export function unpackColumns(bin: Buffer, n: number): PassageColumns {
  const ab = ownBuffer(bin);
  let off = 0;
  const take = <T>(C: new (b: ArrayBuffer, o: number, n: number) => T, size: number): T => {
    const a = new C(ab, off, n);
    off += n * size;
    return a;
  };
  const c: PassageColumns = {
    doc: take(Uint32Array, 4),
    start: take(Uint32Array, 4),
    end: take(Uint32Array, 4),
    item: take(Uint16Array, 2),
    kind: take(Uint8Array, 1),
    section: new Uint16Array(0),
    point: new Uint16Array(0),
  };
  // Uint16 columns after a Uint8 column need 2-byte alignment: copy them out.
  const rest = bin.subarray(off);
  c.section = new Uint16Array(new Uint8Array(rest.subarray(0, n * 2)).buffer);
  c.point = new Uint16Array(new Uint8Array(rest.subarray(n * 2, n * 4)).buffer);
  if (rest.length !== n * 4) throw new Error("passage columns have the wrong length");
  return c;
}

/** Per document of a segment (same order as docs.json): what incremental ingest reads instead of docs.json. */
export interface SegmentIds {
  ids: string[];
  titles: string[];
  numbers: (number | null)[];
  years: (number | null)[];
  passages: number[];
  paths: string[];
  words: string[][];
  textAt: [number, number][];
  structAt: [number, number][];
}

/** What the root passages.json records about a segment. */
export interface SegmentInfo {
  name: string;
  documents: number;
  passages: number;
  /** Section names and point labels the segment's columns index. */
  strings: string[];
}

/**
 * Writes a segment's documents, passages and keyword postings to `dir`
 * (the hnswlib file is written by the caller, which owns the shard).
 */
export async function writeSegmentData(
  dir: string,
  name: string,
  minutes: Minutes[],
  passages: Passage[],
  keyword: Record<KeywordName, Bm25Serialized>,
): Promise<SegmentInfo> {
  const f = segmentFiles(name);
  const metas: DocMeta[] = [];
  const perDoc = new Map<string, number>();
  for (const p of passages) perDoc.set(p.minutesId, (perDoc.get(p.minutesId) ?? 0) + 1);
  const texts: Buffer[] = [];
  const structs: Buffer[] = [];
  let textAt = 0;
  let structAt = 0;
  for (const m of minutes) {
    const s = serializeDoc(m);
    const t = Buffer.from(s.text, "utf8");
    const st = Buffer.from(s.struct, "utf8");
    metas.push({ ...s.meta, textAt: [textAt, t.length], structAt: [structAt, st.length], passages: perDoc.get(m.id) ?? 0 });
    texts.push(t);
    structs.push(st);
    textAt += t.length;
    structAt += st.length;
  }
  const docIndex = new Map(minutes.map((m, i) => [m.id, i]));
  const strings: string[] = [];
  const columns = encodePassages(passages, (id) => docIndex.get(id)!, strings);
  await writeFile(join(dir, f.docs), JSON.stringify(metas));
  // What incremental ingest needs of every document, small enough to read in milliseconds.
  const ids: SegmentIds = {
    ids: metas.map((m) => m.id),
    titles: metas.map((m) => m.title),
    numbers: metas.map((m) => m.number),
    years: metas.map((m) => m.year),
    passages: metas.map((m) => m.passages),
    paths: metas.map((m) => m.source.path),
    words: metas.map((m) => m.words),
    textAt: metas.map((m) => m.textAt),
    structAt: metas.map((m) => m.structAt),
  };
  await writeFile(join(dir, f.ids), JSON.stringify(ids));
  await writeFile(join(dir, f.texts), Buffer.concat(texts));
  await writeFile(join(dir, f.structs), Buffer.concat(structs));
  await writeFile(join(dir, f.passages), packColumns(columns));
  for (const k of KEYWORD_NAMES) {
    const { json, bin } = packBm25(keyword[k]);
    await writeFile(join(dir, f.keyword(k).json), json);
    await writeFile(join(dir, f.keyword(k).bin), bin);
  }
  return { name, documents: minutes.length, passages: passages.length, strings };
}
