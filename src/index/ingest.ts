/**
 * Ingest, step by step: scan (scan.ts: find files, tell the unchanged ones),
 * parse the others (parse-files.ts, over worker threads when there are many:
 * worker-pool.ts), plan (plan.ts: what the new index holds and how it is
 * updated), build and write (build.ts, build-parallel.ts) — under the index
 * folder's lock.
 */
import { errnoCode, MinutesQaError, unwritableIndex } from "../errors.js";
import type { EmbedderSpec } from "./embeddings/index.js";
import { buildFull, buildIncremental } from "./build.js";
import type { IngestFailure } from "./failure.js";
import { makeIndexFolder, pruneGenerations } from "./generations.js";
import { loadLexicon } from "./lexicon.js";
import { lockIndex, type LockHolder } from "./lock.js";
import { parseFiles } from "./parse-files.js";
import { planIngest } from "./plan.js";
import type { IngestProgress } from "./progress.js";
import { scan } from "./scan.js";
import type { ListFs } from "./stale.js";
import { PARSER_VERSION } from "../minutes/version.js";
import { FORMAT_VERSION, type WriteHooks } from "./store.js";
import { BuildWorkers, PARALLEL_MIN_DOCS, workerCount } from "./worker-pool.js";

export { buildSearchStructures } from "./build.js";
export { SEGMENT_TEXT_CHARS } from "./build-parallel.js";
export { domainWordsOf } from "./docstore.js";
export { INCREMENTAL_MAX_SHARE, MAX_SEGMENTS } from "./plan.js";
export type { IngestPhase, IngestProgress } from "./progress.js";
export { passageIndexText, titleFieldText } from "./segment.js";
export { indexIsStale, listFiles, MINUTES_EXTENSIONS } from "./stale.js";
export { PARALLEL_MIN_DOCS } from "./worker-pool.js";
export { registerDomainWords } from "./words.js";

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
  /** The minutes folder's listing (tests inject an unreadable sub-folder). */
  fs?: ListFs;
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
  /** New or changed files read as plain text: no meeting and no document structure found (word them with `plainTextWarning`). */
  plainText?: string[];
  documents: number;
  passages: number;
  ms: number;
  /** False when nothing changed and the index was left as it was. */
  written: boolean;
  /** How the index was updated: rebuilt in full, or a segment added for the changes. */
  mode?: "full" | "incremental" | "none";
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
  } catch (err) {
    // The file system's refusal (ENOSPC, EIO…) while the index is written names the index folder; a minutes file's names the file already.
    throw errnoCode(err) && !(err instanceof MinutesQaError) ? unwritableIndex(opts.indexDir, err) : err;
  } finally {
    lock.release();
  }
}

async function ingestLocked(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const progress = opts.onProgress ?? (() => {});
  const found = await scan(opts, progress);
  if (found.current) {
    const { counts } = found.current;
    return {
      added: 0,
      changed: 0,
      unchanged: found.files,
      removed: 0,
      failed: [],
      documents: counts.documents,
      passages: counts.passages,
      ms: performance.now() - t0,
      written: false,
      mode: "none",
    };
  }
  const s = found.scan;
  const toParse = s.scanned.filter((f) => f.state === "parse").map((f) => f.file);
  const n = workerCount(opts, toParse.length + s.prevLoc.size);
  // Started for the parse when there is a lot to read; the full build reuses them.
  const pool: { workers: BuildWorkers | null } = { workers: null };
  try {
    if (n >= 2 && toParse.length >= PARALLEL_MIN_DOCS) pool.workers = await BuildWorkers.start(n);
    const parsed = await parseFiles(toParse, pool.workers, progress, s.rel);
    progress({ phase: "parse", done: s.files.length, total: s.files.length });

    const plan = await planIngest(s, parsed, opts);
    // Counted now: a full build lets go of the plan's documents.
    const documents = plan.kept.length;
    const plainText = [...new Set(plan.fresh.filter((f) => f.doc.meta.reading === "text").map((f) => f.doc.meta.source.path))];
    const summary = (passages: number, mode: "full" | "incremental" | "none"): IngestSummary => ({
      added: plan.added,
      changed: plan.changed,
      unchanged: plan.unchanged,
      removed: plan.removed,
      failed: plan.failed,
      plainText,
      documents,
      passages,
      ms: performance.now() - t0,
      written: mode !== "none",
      mode,
    });
    if (plan.mode === "none") return summary(s.manifest!.counts.passages, "none");

    const lexicon = await loadLexicon(opts.lexiconDir ?? "data/lexicon");
    const common = {
      formatVersion: FORMAT_VERSION,
      parserVersion: PARSER_VERSION,
      indexedAt: new Date().toISOString(),
      files: plan.files,
      failed: plan.failedFiles,
    };
    const input = { opts, scan: s, plan, lexicon, progress, common };
    if (plan.mode === "incremental") return summary(await buildIncremental(input), "incremental");
    return summary(await buildFull(input, parsed, pool), "full");
  } finally {
    await pool.workers?.close();
  }
}
