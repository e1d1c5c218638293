import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { DocumentError } from "../errors.js";
import { failureOf, type IngestFailure } from "./failure.js";
import { readRecordsFile } from "../minutes/read.js";
import type { Minutes } from "../minutes/schema.js";
import { loadLexicon } from "./lexicon.js";
import { Bm25Index } from "./bm25.js";
import type { WorkerReply, WorkerRequest } from "./build-worker.js";
import { domainWordsOf, materializeMinutes, serializeDoc, type DocMeta, type SerializedDoc } from "./docstore.js";
import { embedderForIndex, embedderForIngest, localEmbedderFromCounts, type Embedder, type EmbedderSpec } from "./embeddings/index.js";
import { generationDir, makeIndexFolder, pruneGenerations } from "./generations.js";
import { HnswIndex } from "./hnsw.js";
import { lockIndex, type LockHolder } from "./lock.js";
import type { IngestProgress } from "./progress.js";
import type { Passage } from "./passages.js";
import { embedSegment, prepareSegment, segmentFiles, writeSegmentData, type SegmentInfo } from "./segment.js";
import { folderVisibility, forgetFolderRules } from "../minutes/folder-visibility.js";
import { listFiles, sameFolderRule, unchangedByStat } from "./stale.js";
import { FORMAT_VERSION, readIndexDocs, readIndexDocsLight, readManifest, writeIndexFolder, type IndexDocs, type KeywordIndexes, type LightMeta, type Manifest, type SegmentRef, type WriteHooks } from "./store.js";
import { addUserWords } from "./tokenize.js";
import { domainWords } from "./words.js";

export { passageIndexText, titleFieldText } from "./segment.js";
export { registerDomainWords } from "./words.js";


export type { IngestPhase, IngestProgress } from "./progress.js";

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
  /** Wait while another process writes the index (default), or refuse with an IndexError `index_locked`. */
  wait?: boolean;
  /** Called once when another process holds the index lock and this ingest waits for it. */
  onWait?: (holder: LockHolder) => void;
  /**
   * Worker threads for a full build (default: one per core, at most 4, when
   * there are at least PARALLEL_MIN_DOCS documents and the local embedder).
   * 0 or 1 builds in this thread.
   */
  workers?: number;
}

export interface IngestSummary {
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  /** Files skipped, as data (word them with messages.ts `describeFailure`). */
  failed: IngestFailure[];
  documents: number;
  passages: number;
  ms: number;
  /** False when nothing changed and the index was left as it was. */
  written: boolean;
  /** How the index was updated: rebuilt in full, or a segment added for the changes. */
  mode?: "full" | "incremental" | "none";
}

/** A full build is split over worker threads from this many documents on. */
export const PARALLEL_MIN_DOCS = 200;
/**
 * Incremental ingest adds a segment for the changed files while the
 * documents added, changed or removed since the last full build stay within
 * this share of the archive (and there are few segments); beyond it the
 * index is rebuilt, which refits the embedder and drops superseded passages.
 */
export const INCREMENTAL_MAX_SHARE = 0.1;
export const MAX_SEGMENTS = 12;


function statOrNull(file: string): { size: number; mtimeMs: number } | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

function sha256(b: Buffer): string {
  return createHash("sha256").update(b).digest("hex");
}

const byDate = (a: { meeting: { date: string | null }; id: string }, b: { meeting: { date: string | null }; id: string }) =>
  (a.meeting.date ?? "").localeCompare(b.meeting.date ?? "") || a.id.localeCompare(b.id);

export function buildKeywordIndexes(minutes: Minutes[], passages: Passage[]): KeywordIndexes {
  const prep = prepareSegment(minutes, { countFeatures: false, passages });
  return { bigram: Bm25Index.fromSerialized(prep.keyword.bigram), word: Bm25Index.fromSerialized(prep.keyword.word), title: Bm25Index.fromSerialized(prep.keyword.title) };
}

/** Builds the keyword indexes, fits or connects the embedder and fills the vectors (in memory, one segment). */
export async function buildSearchStructures(
  minutes: Minutes[],
  passages: Passage[],
  spec: EmbedderSpec,
  progress: (p: IngestProgress) => void = () => {},
): Promise<{ keyword: KeywordIndexes; vectors: HnswIndex; embedder: Embedder }> {
  progress({ phase: "index", done: 0, total: passages.length });
  const prep = prepareSegment(minutes, { countFeatures: spec.provider === "local", passages });
  const keyword = { bigram: Bm25Index.fromSerialized(prep.keyword.bigram), word: Bm25Index.fromSerialized(prep.keyword.word), title: Bm25Index.fromSerialized(prep.keyword.title) };
  progress({ phase: "index", done: passages.length, total: passages.length });
  const embedder = spec.provider === "local" ? localEmbedderFromCounts(passages.length, prep.df!, spec.dimension ?? 512) : await embedderForIngest(spec, prep.texts);
  const vectors = new HnswIndex(embedder.embeddings, embedder.info.dimension);
  await embedSegment(prep, embedder.embeddings, vectors, {
    batch: spec.provider === "local" ? 2048 : 256,
    onBatch: (done) => progress({ phase: "embed", done, total: passages.length }),
  });
  return { keyword, vectors, embedder };
}

// ---------------------------------------------------------------- workers

// Compiled to dist/ the worker is plain JavaScript; from the sources (development, tests) it goes through tsx's loader.
const COMPILED = import.meta.url.endsWith(".js");
const WORKER_URL = new URL(COMPILED ? "./build-worker.js" : "./build-worker.ts", import.meta.url).href;

function tsxApiUrl(): string {
  try {
    return import.meta.resolve("tsx/esm/api");
  } catch {
    return pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api")).href;
  }
}

/** The code a worker thread evaluates: load the worker module (through tsx from the sources), then say ready. */
function workerBootCode(): string {
  const load = COMPILED
    ? `import(${JSON.stringify(WORKER_URL)})`
    : `import(${JSON.stringify(tsxApiUrl())}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`;
  // Only import(): the code is evaluated as CommonJS or, under --input-type=module, as ESM.
  const say = (m: string) => `import("node:worker_threads").then(({ parentPort }) => parentPort.postMessage(${m}))`;
  return `${load}.then(() => ${say(`{ type: "ready" }`)}).catch((e) => ${say(`{ type: "error", error: String((e && e.stack) || e) }`)});`;
}

/** Worker threads of a parallel build. */
class BuildWorkers {
  private constructor(private readonly workers: Worker[]) {}

  static async start(n: number): Promise<BuildWorkers | null> {
    let code: string;
    try {
      code = workerBootCode();
    } catch {
      return null;
    }
    // A bounded heap makes a worker collect garbage early instead of growing towards the machine's limit.
    const workers = Array.from({ length: n }, () => new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 1024 } }));
    try {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              w.once("message", (m: { type: string; error?: string }) => (m.type === "ready" ? resolve() : reject(new Error(m.error))));
              w.once("error", reject);
            }),
        ),
      );
    } catch {
      await Promise.all(workers.map((w) => w.terminate()));
      return null;
    }
    return new BuildWorkers(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  request<T extends WorkerReply["type"]>(i: number, req: WorkerRequest, onProgress?: (m: Extract<WorkerReply, { type: "progress" }>) => void): Promise<Extract<WorkerReply, { type: T }>> {
    const w = this.workers[i];
    return new Promise((resolve, reject) => {
      const onMessage = (m: WorkerReply) => {
        if (m.type === "progress") {
          onProgress?.(m);
          return;
        }
        w.off("message", onMessage);
        w.off("error", onError);
        if (m.type === "error") reject(new Error(`ingest worker: ${m.error}`));
        else resolve(m as Extract<WorkerReply, { type: T }>);
      };
      const onError = (e: Error) => {
        w.off("message", onMessage);
        reject(e);
      };
      w.on("message", onMessage);
      w.once("error", onError);
      w.postMessage(req);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function workerCount(opts: IngestOptions, docs: number): number {
  if (opts.workers !== undefined) return Math.max(0, Math.floor(opts.workers));
  if (opts.embedder.provider !== "local" || docs < PARALLEL_MIN_DOCS) return 0;
  return Math.min(4, cpus().length);
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

// ---------------------------------------------------------------- ingest

/** Ids of the records a file gave: the first, and those of further meetings in it. */
function recordIds(entry: Manifest["files"][string]): string[] {
  return [entry.minutesId, ...(entry.more ?? [])];
}

type KeptDoc =
  | { kind: "prev"; key: string; seg: number; doc: number; meta: LightMeta; file: string }
  | { kind: "new"; key: string; doc: SerializedDoc; minutes?: Minutes };

function strip(meta: DocMeta): SerializedDoc["meta"] {
  const { textAt: _t, structAt: _s, passages: _p, ...rest } = meta;
  return rest;
}

/**
 * Ingests the minutes folder into the index. Incremental: unchanged files are
 * skipped (by size and modification time, else by hash), changed and added
 * files go into a new segment and supersede their earlier passages, deleted
 * files disappear; past INCREMENTAL_MAX_SHARE of the archive the index is
 * rebuilt. A bad file is reported and skipped; the rest are indexed. The
 * index is written as a new generation, one writer at a time (the index
 * folder's lock: see lock.ts); unused generations and a killed ingest's
 * leftovers are removed first.
 */
export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  makeIndexFolder(opts.indexDir);
  const lock = await lockIndex(opts.indexDir, { wait: opts.wait, onWait: opts.onWait });
  try {
    await pruneGenerations(opts.indexDir);
    return await ingestLocked(opts);
  } finally {
    lock.release();
  }
}

async function ingestLocked(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const progress = opts.onProgress ?? (() => {});
  const roots = opts.paths?.length ? opts.paths : [opts.minutesDir];
  progress({ phase: "scan", done: 0, total: roots.length });
  const files = (await Promise.all(roots.map(listFiles))).flat();
  // Folder rules are read afresh by every ingest: an operator may have moved a file or changed a rule.
  forgetFolderRules();
  const rel = (f: string) => {
    const r = relative(opts.minutesDir, f);
    return r.startsWith("..") ? f : r.split(sep).join("/");
  };

  const manifest = opts.rebuild ? null : await readManifest(opts.indexDir).catch(() => null);
  const compatible = Boolean(manifest && manifest.formatVersion === FORMAT_VERSION && manifest.segments && manifest.embedder.provider === opts.embedder.provider);
  // The common case, nothing changed: every file has the size and time the index recorded (no document is read).
  if (compatible && !opts.paths?.length && Object.keys(manifest!.failed ?? {}).length === 0 && files.length === Object.keys(manifest!.files).length) {
    const at = Date.parse(manifest!.indexedAt);
    let same = true;
    for (const file of files) {
      const entry = manifest!.files[rel(file)];
      const st = entry ? statOrNull(file) : null;
      if (!entry || !st || !unchangedByStat(entry, st, at) || !(await sameFolderRule(entry, file))) {
        same = false;
        break;
      }
    }
    if (same) {
      return { added: 0, changed: 0, unchanged: files.length, removed: 0, failed: [], documents: manifest!.counts.documents, passages: manifest!.counts.passages, ms: performance.now() - t0, written: false, mode: "none" };
    }
  }
  const previous: IndexDocs<LightMeta> | null = compatible ? await readIndexDocsLight(opts.indexDir, manifest!).catch(() => null) : null;
  const prevFiles = previous ? manifest!.files : {};
  const indexedAt = previous ? Date.parse(manifest!.indexedAt) : 0;
  // Where each current document of the previous index lives.
  const prevLoc = new Map<string, { seg: number; doc: number; meta: LightMeta }>();
  previous?.segments.forEach((s, si) => {
    const dead = new Set(s.dead);
    s.metas.forEach((meta, di) => {
      if (!dead.has(di)) prevLoc.set(meta.id, { seg: si, doc: di, meta });
    });
  });

  const summary: IngestSummary = { added: 0, changed: 0, unchanged: 0, removed: 0, failed: [], documents: 0, passages: 0, ms: 0, written: false };
  const files2: Manifest["files"] = {};
  let touchedOnly = false;
  // When explicit paths are given, files of the previous index outside them stay.
  const scoped = Boolean(opts.paths?.length);
  const seen = new Set<string>();

  // Scan: unchanged files are recognised by size and time, or by hash.
  const scanned: ({ file: string; key: string; size: number; mtimeMs: number } & ({ state: "same"; minutesIds: string[]; sha256: string } | { state: "parse" }))[] = [];
  for (const [i, file] of files.entries()) {
    const key = rel(file);
    seen.add(key);
    if ((i & 255) === 0) progress({ phase: "parse", done: i, total: files.length, file: key });
    try {
      // Synchronous: 10,000 stats take a tenth of a second, through the thread pool they take half a second.
      const st = statSync(file);
      const before = prevFiles[key];
      const ids = before ? recordIds(before) : [];
      const known = before && ids.every((id) => prevLoc.has(id)) && (await sameFolderRule(before, file));
      if (known && unchangedByStat(before, st, indexedAt)) {
        scanned.push({ file, key, size: st.size, mtimeMs: st.mtimeMs, state: "same", minutesIds: ids, sha256: before.sha256 });
        continue;
      }
      if (known) {
        const hash = sha256(await readFile(file));
        if (hash === before.sha256) {
          if (before.mtimeMs !== st.mtimeMs) touchedOnly = true;
          scanned.push({ file, key, size: st.size, mtimeMs: st.mtimeMs, state: "same", minutesIds: ids, sha256: hash });
          continue;
        }
      }
      scanned.push({ file, key, size: st.size, mtimeMs: st.mtimeMs, state: "parse" });
    } catch (err) {
      summary.failed.push(failureOf(file, err));
    }
  }

  // Parse what is new or changed: in worker threads when there is a lot of it.
  const toParse = scanned.filter((s) => s.state === "parse").map((s) => s.file);
  const parsed = new Map<string, { ok: true; docs: SerializedDoc[]; minutes?: Minutes[]; sha256: string } | { ok: false; failure: IngestFailure }>();
  const nWorkers = workerCount(opts, toParse.length + prevLoc.size);
  let workers: BuildWorkers | null = null;
  try {
    if (nWorkers >= 2 && toParse.length >= PARALLEL_MIN_DOCS) workers = await BuildWorkers.start(nWorkers);
    if (workers) {
      const w = workers;
      const chunks = Array.from({ length: w.size }, (_, i) => toParse.filter((_, j) => j % w.size === i));
      let done = 0;
      await Promise.all(
        chunks.map(async (chunk, i) => {
          for (let at = 0; at < chunk.length; at += 64) {
            const r = await w.request<"parsed">(i, { type: "parse", files: chunk.slice(at, at + 64) });
            for (const x of r.results) parsed.set(x.file, x.ok ? { ok: true, docs: x.docs, sha256: x.sha256 } : { ok: false, failure: x.failure });
            done += r.results.length;
            progress({ phase: "parse", done, total: toParse.length });
          }
        }),
      );
    } else {
      for (const [i, file] of toParse.entries()) {
        progress({ phase: "parse", done: i, total: toParse.length, file: rel(file) });
        try {
          const ms = await readRecordsFile(file);
          parsed.set(file, { ok: true, docs: ms.map(serializeDoc), minutes: ms, sha256: ms[0].source.sha256 });
        } catch (err) {
          parsed.set(file, { ok: false, failure: failureOf(file, err) });
        }
      }
    }
    progress({ phase: "parse", done: files.length, total: files.length });

    // In file order: reuse or take the parse, refuse a second file holding the same minutes.
    const kept: KeptDoc[] = [];
    const idOwner = new Map<string, string>();
    for (const s of scanned) {
      // A file holding several meetings gives one record each.
      let entries: KeptDoc[];
      if (s.state === "same") {
        entries = s.minutesIds.map((id) => ({ kind: "prev", key: s.key, ...prevLoc.get(id)!, file: s.file }));
      } else {
        const r = parsed.get(s.file)!;
        if (!r.ok) {
          summary.failed.push(r.failure);
          continue;
        }
        entries = r.docs.map((doc, i) => ({ kind: "new", key: s.key, doc, minutes: r.minutes?.[i] }));
      }
      const ids = entries.map((e) => (e.kind === "prev" ? e.meta.id : e.doc.meta.id));
      const clash = ids.findIndex((id, i) => idOwner.has(id) || ids.indexOf(id) !== i);
      if (clash >= 0) {
        const e = entries[clash];
        const m = e.kind === "prev" ? e.meta : e.doc.meta;
        const owner = idOwner.get(ids[clash]) ?? s.file;
        summary.failed.push(failureOf(s.file, new DocumentError("format_invalid", `${s.file}: the same minutes (${m.title} 第${m.number}号, ${m.year}) as ${owner}`, { subject: s.file })));
        continue;
      }
      for (const id of ids) idOwner.set(id, s.file);
      if (s.state === "same") summary.unchanged++;
      else if (prevFiles[s.key]) summary.changed++;
      else summary.added++;
      kept.push(...entries);
      const sha = s.state === "same" ? s.sha256 : (parsed.get(s.file) as { sha256: string }).sha256;
      const rule = (await folderVisibility(s.file)) ?? null;
      files2[s.key] = { sha256: sha, minutesId: ids[0], ...(ids.length > 1 ? { more: ids.slice(1) } : {}), ...(rule ? { rule } : {}), size: s.size, mtimeMs: s.mtimeMs };
    }
    if (scoped) {
      for (const [key, entry] of Object.entries(prevFiles)) {
        const ids = recordIds(entry);
        if (seen.has(key) || files2[key] || ids.some((id) => idOwner.has(id))) continue;
        const locs = ids.map((id) => prevLoc.get(id));
        if (locs.every((l) => l)) {
          for (const loc of locs) kept.push({ kind: "prev", key, ...loc!, file: manifest!.paths?.[loc!.meta.id] ?? loc!.meta.source.path });
          files2[key] = entry;
          for (const id of ids) idOwner.set(id, key);
          summary.unchanged++;
        }
      }
    }
    summary.removed = Object.keys(prevFiles).filter((k) => !files2[k]).length;
    summary.documents = kept.length;

    const failedNow = Object.fromEntries(summary.failed.map((f) => [rel(f.path), f.message]));
    const sameFailures = previous && JSON.stringify(Object.keys(failedNow).sort()) === JSON.stringify(Object.keys(manifest!.failed ?? {}).sort());
    const nothingChanged = previous && summary.added === 0 && summary.changed === 0 && summary.removed === 0 && sameFailures;
    if (nothingChanged && !touchedOnly) {
      summary.passages = manifest!.counts.passages;
      summary.mode = "none";
      summary.ms = performance.now() - t0;
      return summary;
    }

    const lexicon = await loadLexicon(opts.lexiconDir ?? "data/lexicon");
    // Previous documents that are no longer current: changed, deleted or replaced.
    const keptPrev = new Set(kept.flatMap((k) => (k.kind === "prev" ? [`${k.seg}:${k.doc}`] : [])));
    const superseded: { seg: number; doc: number; meta: LightMeta }[] = [...prevLoc.values()].filter((l) => !keptPrev.has(`${l.seg}:${l.doc}`));
    const fresh = kept.filter((k): k is Extract<KeptDoc, { kind: "new" }> => k.kind === "new");
    // Documents added, changed or removed: a changed document is one change.
    const freshIds = new Set(fresh.map((f) => f.doc.meta.id));
    const changes = fresh.length + superseded.filter((x) => !freshIds.has(x.meta.id)).length;
    const build = manifest?.build ?? { documents: prevLoc.size, changedSince: 0 };
    const incremental =
      previous !== null &&
      !opts.rebuild &&
      manifest!.embedder.model === (opts.embedder.provider === "local" ? manifest!.embedder.model : opts.embedder.model) &&
      (changes === 0 || build.changedSince + changes <= INCREMENTAL_MAX_SHARE * Math.max(kept.length, build.documents)) &&
      previous.segments.length + (fresh.length ? 1 : 0) <= MAX_SEGMENTS;

    const common = { formatVersion: FORMAT_VERSION, indexedAt: new Date().toISOString(), files: files2, failed: failedNow };
    if (incremental) {
      const prev = previous!;
      const embedderFile = join(generationDir(opts.indexDir), "embedder.bin");
      const embedderState = existsSync(embedderFile) ? await readFile(embedderFile) : null;
      const embedder = embedderForIndex(opts.embedder, manifest!.embedder, embedderState);
      // The tokenizer knows every current document's words, as a full build would.
      addUserWords(domainWords(lexicon, [...kept.map((k) => (k.kind === "prev" ? k.meta.words : k.doc.meta.words))]));
      const minutes = fresh.map((f) => f.minutes ?? materializeMinutes(f.doc.meta, f.doc.text, f.doc.struct)).sort(byDate);
      const deadBySeg = new Map<number, number[]>();
      for (const s of superseded) deadBySeg.set(s.seg, [...(deadBySeg.get(s.seg) ?? []), s.doc]);
      const segments: SegmentRef[] = prev.segments.map((s, i) => ({ name: s.name, documents: s.documents, passages: s.passages, dead: [...s.dead, ...(deadBySeg.get(i) ?? [])].sort((a, b) => a - b) }));
      const infos: SegmentInfo[] = prev.segments.map((s) => ({ name: s.name, documents: s.documents, passages: s.passages, strings: s.strings }));
      const keep = prev.segments.flatMap((s) => segmentFiles(s.name).all());
      let newPassages = 0;
      let write = async (_tmp: string) => {};
      if (minutes.length) {
        progress({ phase: "index", done: 0, total: minutes.length });
        const prep = prepareSegment(minutes, { countFeatures: false });
        progress({ phase: "index", done: minutes.length, total: minutes.length });
        const vectors = new HnswIndex(embedder.embeddings, embedder.info.dimension);
        await embedSegment(prep, embedder.embeddings, vectors, { batch: 256, onBatch: (done) => progress({ phase: "embed", done, total: prep.passages.length }) });
        const used = new Set(prev.segments.map((s) => s.name));
        let n = prev.segments.length;
        while (used.has(`d${n}`)) n++;
        const name = `d${n}`;
        newPassages = prep.passages.length;
        segments.push({ name, documents: minutes.length, passages: prep.passages.length, dead: [] });
        write = async (tmp) => {
          infos.push(await writeSegmentData(tmp, name, prep.minutes, prep.passages, prep.keyword));
          await vectors.saveShard(0, join(tmp, segmentFiles(name).hnsw));
        };
      }
      const passages = manifest!.counts.passages - superseded.reduce((a, s) => a + s.meta.passages, 0) + newPassages;
      progress({ phase: "write", done: 0, total: 1 });
      await writeIndexFolder(opts.indexDir, {
        keep,
        write,
        segments: infos,
        embedderState,
        hooks: opts.hooks,
        manifest: {
          ...common,
          embedder: manifest!.embedder,
          counts: { documents: kept.length, passages },
          segments,
          build: { documents: build.documents, changedSince: build.changedSince + changes },
          // Documents kept from earlier segments but now read from another path (a moved folder).
          paths: Object.fromEntries(kept.flatMap((k) => (k.kind === "prev" && k.file !== k.meta.source.path ? [[k.meta.id, k.file]] : []))),
        },
      });
      for (const s of prev.segments) s.reader.close();
      progress({ phase: "write", done: 1, total: 1 });
      summary.passages = passages;
      summary.written = true;
      summary.mode = "incremental";
      summary.ms = performance.now() - t0;
      return summary;
    }

    // Full build: every current document, by meeting date, in one or more segments (the whole records of kept ones).
    const full = previous && kept.some((k) => k.kind === "prev") ? await readIndexDocs(opts.indexDir, manifest!) : null;
    let docs: SerializedDoc[] | null = kept
      .map((k) =>
        k.kind === "new"
          ? k.doc
          : (() => {
              const meta = full!.segments[k.seg].metas[k.doc];
              return { meta: { ...strip(meta), source: { ...meta.source, path: k.file } }, text: previous!.segments[k.seg].reader.text(meta), struct: previous!.segments[k.seg].reader.struct(meta) };
            })(),
      )
      .sort((a, b) => byDate(a.meta, b.meta));
    const minutesOf = new Map(fresh.filter((f) => f.minutes).map((f) => [f.doc.meta.id, f.minutes!]));
    previous?.segments.forEach((s) => s.reader.close());
    full?.segments.forEach((s) => s.reader.close());
    // The build holds the documents from here on (the workers' copies, or the minutes below).
    kept.length = 0;
    fresh.length = 0;
    parsed.clear();
    const documents = docs.length;
    const words = domainWords(lexicon, docs.map((d) => d.meta.words));
    const n = workerCount(opts, documents);
    if (n >= 2 && documents >= 2 && !workers) workers = await BuildWorkers.start(n);
    let result: { segments: SegmentInfo[]; refs: SegmentRef[]; embedder: Embedder; passages: number } | null = null;
    let write: (tmp: string) => Promise<void>;
    if (workers && documents >= 2) {
      const w = workers;
      write = async (tmp) => {
        result = await buildParallel(w, () => {
          const d = docs!;
          docs = null;
          return d;
        }, words, opts.embedder, progress, tmp);
      };
    } else {
      addUserWords(words);
      const minutes = docs.map((d) => minutesOf.get(d.meta.id) ?? materializeMinutes(d.meta, d.text, d.struct));
      docs = null;
      progress({ phase: "index", done: 0, total: documents });
      const prep = prepareSegment(minutes, { countFeatures: opts.embedder.provider === "local" });
      progress({ phase: "index", done: documents, total: documents });
      const embedder = opts.embedder.provider === "local" ? localEmbedderFromCounts(prep.passages.length, prep.df!, opts.embedder.dimension ?? 512) : await embedderForIngest(opts.embedder, prep.texts);
      const vectors = new HnswIndex(embedder.embeddings, embedder.info.dimension);
      await embedSegment(prep, embedder.embeddings, vectors, {
        batch: opts.embedder.provider === "local" ? 2048 : 256,
        onBatch: (done) => progress({ phase: "embed", done, total: prep.passages.length }),
      });
      const segments: SegmentInfo[] = [];
      result = { segments, refs: [{ name: "s0", documents: minutes.length, passages: prep.passages.length, dead: [] }], embedder, passages: prep.passages.length };
      write = async (tmp) => {
        segments.push(await writeSegmentData(tmp, "s0", minutes, prep.passages, prep.keyword));
        await vectors.saveShard(0, join(tmp, segmentFiles("s0").hnsw));
      };
    }
    const done = () => result!;
    progress({ phase: "write", done: 0, total: 1 });
    await writeIndexFolder(opts.indexDir, {
      write,
      get segments() {
        return done().segments;
      },
      get embedderState() {
        return done().embedder.state;
      },
      hooks: opts.hooks,
      get manifest(): Manifest {
        const r = done();
        return {
          ...common,
          embedder: r.embedder.info,
          counts: { documents, passages: r.passages },
          segments: r.refs,
          build: { documents, changedSince: 0 },
        };
      },
    });
    progress({ phase: "write", done: 1, total: 1 });
    summary.passages = done().passages;
    summary.written = true;
    summary.mode = "full";
    summary.ms = performance.now() - t0;
    return summary;
  } finally {
    await workers?.close();
  }
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
async function buildParallel(
  workers: BuildWorkers,
  take: () => SerializedDoc[],
  words: string[],
  spec: EmbedderSpec,
  progress: (p: IngestProgress) => void,
  tmp: string,
): Promise<{ segments: SegmentInfo[]; refs: SegmentRef[]; embedder: Embedder; passages: number }> {
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
        prepared[i] = await workers.request<"prepared">(w, { type: "prepare", docs: part, words, dir: tmp, name: names[i] }, (m) => report("index", i, m.done, estPassages));
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

export { domainWordsOf };
export { indexIsStale, listFiles, MINUTES_EXTENSIONS } from "./stale.js";
