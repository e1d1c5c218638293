import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { Document } from "@langchain/core/documents";
import { DocumentError, InputError } from "../errors.js";
import { describeError } from "../messages.js";
import { readMinutesFile } from "../minutes/read.js";
import type { Minutes } from "../minutes/schema.js";
import { loadLexicon, type Lexicon } from "../retrieval/lexicon.js";
import { Bm25Index } from "./bm25.js";
import { embedderForIngest, type Embedder, type EmbedderSpec } from "./embeddings/index.js";
import { HnswVectorStore } from "./hnsw-store.js";
import { buildPassages, quoteOf, type Passage } from "./passages.js";
import { FORMAT_VERSION, readIndexedMinutes, readManifest, writeIndex, type IndexData, type KeywordIndexes, type Manifest, type WriteHooks } from "./store.js";
import { addUserWords, bigrams, words } from "./tokenize.js";

/** File endings ingest picks up from the minutes folder. */
export const MINUTES_EXTENSIONS = [".txt", ".md", ".text", ".pdf", ".docx", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff"];

export type IngestPhase = "scan" | "parse" | "index" | "embed" | "write";

export interface IngestProgress {
  phase: IngestPhase;
  done: number;
  total: number;
  file?: string;
}

export interface IngestOptions {
  minutesDir: string;
  indexDir: string;
  embedder: EmbedderSpec;
  lexiconDir?: string;
  /** Explicit files or folders instead of the whole minutes folder. */
  paths?: string[];
  rebuild?: boolean;
  onProgress?: (p: IngestProgress) => void;
  hooks?: WriteHooks;
}

export interface IngestSummary {
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  failed: { path: string; message: string }[];
  documents: number;
  passages: number;
  ms: number;
  /** False when nothing changed and the index was left as it was. */
  written: boolean;
}

async function listFiles(root: string): Promise<string[]> {
  const st = await stat(root).catch(() => null);
  if (!st) throw new InputError("input_invalid", `${root}: no such file or folder`, { subject: root });
  if (st.isFile()) return [root];
  const out: string[] = [];
  for (const e of await readdir(root, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    const p = join(root, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (MINUTES_EXTENSIONS.some((x) => e.name.toLowerCase().endsWith(x))) out.push(p);
  }
  return out.sort();
}

/** The text a passage is matched and embedded by: heading path, then the exact quote. */
export function passageIndexText(m: Minutes, p: Passage): string {
  return `${p.context}\n${quoteOf(m, p)}`;
}

/** Item titles and 《》 document names: the title field of the keyword index. */
function titleFieldText(m: Minutes, p: Passage): string {
  if (p.itemOrdinal === null) return `${m.title} ${p.section}`;
  const item = m.items[p.itemOrdinal - 1];
  return `${item.title} ${item.documents.join(" ")} ${item.reportingUnit ?? ""}`;
}

/** Registers domain words with the tokenizer: lexicon terms, units and document titles from the corpus. */
export function registerDomainWords(minutes: Minutes[], lexicon: Lexicon): void {
  // Colloquial keys stay whole too, so «找工作» is looked up as itself, not as «找» + «工作».
  const w = new Set<string>([...lexicon.terms, ...[...lexicon.synonyms.keys()].filter((k) => k.length >= 2)]);
  for (const [canonical, aliases] of lexicon.units) {
    w.add(canonical);
    aliases.forEach((a) => w.add(a));
  }
  for (const m of minutes) {
    for (const it of m.items) {
      it.documents.forEach((d) => d.length <= 20 && w.add(d));
      if (it.reportingUnit) w.add(it.reportingUnit);
      it.responsibleUnits.forEach((u) => w.add(u));
    }
    m.attendance?.attending.forEach((a) => w.add(a.unit));
  }
  addUserWords(w);
}

export function buildKeywordIndexes(minutes: Minutes[], passages: Passage[]): KeywordIndexes {
  const byId = new Map(minutes.map((m) => [m.id, m]));
  const texts = passages.map((p) => passageIndexText(byId.get(p.minutesId)!, p));
  return {
    bigram: Bm25Index.build(texts.map(bigrams)),
    word: Bm25Index.build(texts.map(words)),
    title: Bm25Index.build(passages.map((p) => bigrams(titleFieldText(byId.get(p.minutesId)!, p)))),
  };
}

function sha256(b: Buffer): string {
  return createHash("sha256").update(b).digest("hex");
}

/** Builds the keyword indexes, fits or connects the embedder and fills the vector store. */
export async function buildSearchStructures(
  minutes: Minutes[],
  passages: Passage[],
  spec: EmbedderSpec,
  progress: (p: IngestProgress) => void = () => {},
): Promise<{ keyword: KeywordIndexes; vectors: HnswVectorStore; embedder: Embedder }> {
  const byId = new Map(minutes.map((m) => [m.id, m]));
  progress({ phase: "index", done: 0, total: passages.length });
  const keyword = buildKeywordIndexes(minutes, passages);
  progress({ phase: "index", done: passages.length, total: passages.length });
  const texts = passages.map((p) => passageIndexText(byId.get(p.minutesId)!, p));
  const embedder = await embedderForIngest(spec, texts);
  const vectors = new HnswVectorStore(embedder.embeddings, embedder.info.dimension);
  const batch = spec.provider === "local" ? 2048 : 256;
  for (let i = 0; i < passages.length; i += batch) {
    const slice = passages.slice(i, i + batch);
    const vecs = await embedder.embeddings.embedDocuments(texts.slice(i, i + batch));
    await vectors.addVectors(vecs, slice.map((p) => new Document({ pageContent: "", metadata: { id: p.id } })));
    progress({ phase: "embed", done: Math.min(i + batch, passages.length), total: passages.length });
  }
  return { keyword, vectors, embedder };
}

/**
 * Ingests the minutes folder into the index. Incremental: unchanged files are
 * skipped by hash, changed files replace their passages, deleted files
 * disappear. A bad file is reported and skipped; the rest are indexed. The
 * index is written atomically.
 */
export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const progress = opts.onProgress ?? (() => {});
  const roots = opts.paths?.length ? opts.paths : [opts.minutesDir];
  progress({ phase: "scan", done: 0, total: roots.length });
  const files = (await Promise.all(roots.map(listFiles))).flat();
  const rel = (f: string) => {
    const r = relative(opts.minutesDir, f);
    return r.startsWith("..") ? f : r.split(sep).join("/");
  };

  const manifest = opts.rebuild ? null : await readManifest(opts.indexDir).catch(() => null);
  const compatible = manifest && manifest.formatVersion === FORMAT_VERSION && manifest.embedder.provider === opts.embedder.provider;
  // Parsed minutes of unchanged files are reused from the previous index.
  const previous = compatible ? await readIndexedMinutes(opts.indexDir).catch(() => null) : null;
  const prevMinutes = new Map((previous ?? []).map((m) => [m.id, m]));
  const prevFiles = previous ? manifest!.files : {};

  const summary: IngestSummary = { added: 0, changed: 0, unchanged: 0, removed: 0, failed: [], documents: 0, passages: 0, ms: 0, written: false };
  const kept: Minutes[] = [];
  const files2: Manifest["files"] = {};
  const idOwner = new Map<string, string>();
  // When explicit paths are given, files of the previous index outside them stay.
  const scoped = Boolean(opts.paths?.length);
  const seen = new Set<string>();

  for (const [i, file] of files.entries()) {
    const key = rel(file);
    seen.add(key);
    progress({ phase: "parse", done: i, total: files.length, file: key });
    try {
      const bytes = await readFile(file);
      const hash = sha256(bytes);
      const before = prevFiles[key];
      let m: Minutes | undefined;
      if (before && before.sha256 === hash && prevMinutes.has(before.minutesId)) {
        m = { ...prevMinutes.get(before.minutesId)!, source: { ...prevMinutes.get(before.minutesId)!.source, path: file } };
        summary.unchanged++;
      } else {
        m = await readMinutesFile(file);
        if (before) summary.changed++;
        else summary.added++;
      }
      const owner = idOwner.get(m.id);
      if (owner) {
        throw new DocumentError("format_invalid", `${file}: the same minutes (${m.title} 第${m.number}号, ${m.year}) as ${owner}`, { subject: file });
      }
      idOwner.set(m.id, file);
      kept.push(m);
      files2[key] = { sha256: hash, minutesId: m.id, size: bytes.length };
    } catch (err) {
      summary.failed.push({ path: file, message: describeError(err) });
    }
  }
  progress({ phase: "parse", done: files.length, total: files.length });
  if (scoped) {
    for (const [key, entry] of Object.entries(prevFiles)) {
      if (seen.has(key) || files2[key] || idOwner.has(entry.minutesId)) continue;
      const m = prevMinutes.get(entry.minutesId);
      if (m) {
        kept.push(m);
        files2[key] = entry;
        idOwner.set(m.id, key);
      }
    }
  }
  summary.removed = Object.keys(prevFiles).filter((k) => !files2[k]).length;
  summary.documents = kept.length;

  const failedNow = Object.fromEntries(summary.failed.map((f) => [rel(f.path), f.message]));
  const nothingChanged =
    previous && summary.added === 0 && summary.changed === 0 && summary.removed === 0 &&
    JSON.stringify(Object.keys(failedNow).sort()) === JSON.stringify(Object.keys(manifest!.failed ?? {}).sort());
  if (nothingChanged) {
    summary.passages = manifest!.counts.passages;
    summary.ms = performance.now() - t0;
    return summary;
  }

  kept.sort((a, b) => (a.meeting.date ?? "").localeCompare(b.meeting.date ?? "") || a.id.localeCompare(b.id));
  const lexicon = await loadLexicon(opts.lexiconDir ?? "data/lexicon");
  registerDomainWords(kept, lexicon);
  const passages = kept.flatMap(buildPassages);
  const { keyword, vectors, embedder } = await buildSearchStructures(kept, passages, opts.embedder, progress);

  progress({ phase: "write", done: 0, total: 1 });
  const data: IndexData = {
    manifest: {
      formatVersion: FORMAT_VERSION,
      indexedAt: new Date().toISOString(),
      embedder: embedder.info,
      files: files2,
      failed: failedNow,
      counts: { documents: kept.length, passages: passages.length },
    },
    minutes: kept,
    passages,
    keyword,
    vectors,
    embedderState: embedder.state,
  };
  await writeIndex(opts.indexDir, data, opts.hooks);
  progress({ phase: "write", done: 1, total: 1 });
  summary.passages = passages.length;
  summary.written = true;
  summary.ms = performance.now() - t0;
  return summary;
}

/** True when the index is missing or the minutes folder differs from what it records. */
export async function indexIsStale(minutesDir: string, indexDir: string): Promise<boolean> {
  const manifest = await readManifest(indexDir).catch(() => null);
  if (!manifest || manifest.formatVersion !== FORMAT_VERSION) return true;
  if (!existsSync(minutesDir)) return false;
  const files = await listFiles(minutesDir);
  const key = (f: string) => relative(minutesDir, f).split(sep).join("/");
  const failed = manifest.failed ?? {};
  if (files.length !== Object.keys(manifest.files).length + Object.keys(failed).length) return true;
  for (const f of files) {
    const entry = manifest.files[key(f)];
    if (!entry) {
      if (key(f) in failed) continue;
      return true;
    }
    const st = await stat(f);
    if (st.size !== entry.size || sha256(await readFile(f)) !== entry.sha256) return true;
  }
  return false;
}

