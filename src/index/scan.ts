/**
 * The first step of an ingest: find the minutes files, and tell by size and
 * modification time (else by hash) which of them the previous index already
 * holds unchanged. Reads no document it does not have to.
 */
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { relative, sep } from "node:path";
import { forgetFolderRules } from "../minutes/folder-visibility.js";
import { failureOf, type IngestFailure } from "./failure.js";
import type { IngestProgress } from "./progress.js";
import { type ListFs, listMinutesFiles, sameFolderRule, unchangedByStat } from "./stale.js";
import { PARSER_VERSION } from "../minutes/version.js";
import { FORMAT_VERSION, readIndexDocsLight, readManifest, type IndexDocs, type LightMeta, type Manifest } from "./store.js";

/** Where a current document of the previous index lives: segment, position, metadata. */
export interface DocLocation {
  seg: number;
  doc: number;
  meta: LightMeta;
}

/** A file found: unchanged since the previous index (with the records it gave), or to be parsed. */
export type ScannedFile = { file: string; key: string; size: number; mtimeMs: number } & (
  | { state: "same"; minutesIds: string[]; sha256: string }
  | { state: "parse" }
);

/** What the scan found, next to what the previous index holds. */
export interface Scan {
  /** Every file found, in listing order. */
  files: string[];
  /** A file's key in the manifest: its path relative to the minutes folder (or as given when outside it). */
  rel: (file: string) => string;
  manifest: Manifest | null;
  /** The previous index when it can be built on (same format and embedder provider, readable). */
  previous: IndexDocs<LightMeta> | null;
  /** The previous index's files (empty without one). */
  prevFiles: Manifest["files"];
  /** When the previous index was written (0 without one). */
  indexedAt: number;
  /** Each current document of the previous index by id. */
  prevLoc: Map<string, DocLocation>;
  scanned: ScannedFile[];
  /** Files that could not be read at all (stat or hash). */
  failed: IngestFailure[];
  /** Some file's time changed but not its content: the manifest is rewritten, nothing rebuilt. */
  touchedOnly: boolean;
  /** Keys of the files found. */
  seen: Set<string>;
}

/** What a scan needs of the ingest options. */
export interface ScanOptions {
  minutesDir: string;
  indexDir: string;
  embedder: { provider: string };
  paths?: string[];
  rebuild?: boolean;
  /** The folder listing (tests inject a failing one). */
  fs?: ListFs;
}

/** Ids of the records a file gave: the first, and those of further meetings in it. */
export function recordIds(entry: Manifest["files"][string]): string[] {
  return [entry.minutesId, ...(entry.more ?? [])];
}

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

/**
 * Scans the minutes folder (or the given paths). `current` when every file
 * has the size and time the index recorded and nothing else changed (the
 * common case: no document and no index file is read).
 */
export async function scan(
  opts: ScanOptions,
  progress: (p: IngestProgress) => void,
): Promise<{ current: Manifest; files: number } | { current: null; scan: Scan }> {
  const roots = opts.paths?.length ? opts.paths : [opts.minutesDir];
  progress({ phase: "scan", done: 0, total: roots.length });
  const listings = await Promise.all(roots.map((r) => listMinutesFiles(r, opts.fs)));
  const files = listings.flatMap((l) => l.files);
  const unreadable = listings.flatMap((l) => l.unreadable);
  // Folder rules are read afresh by every ingest: an operator may have moved a file or changed a rule.
  forgetFolderRules();
  const rel = (f: string) => {
    const r = relative(opts.minutesDir, f);
    return r.startsWith("..") ? f : r.split(sep).join("/");
  };

  const manifest = opts.rebuild ? null : await readManifest(opts.indexDir).catch(() => null);
  const compatible = Boolean(
    manifest &&
      manifest.formatVersion === FORMAT_VERSION &&
      manifest.parserVersion === PARSER_VERSION &&
      manifest.segments &&
      manifest.embedder.provider === opts.embedder.provider,
  );
  if (
    compatible &&
    !opts.paths?.length &&
    unreadable.length === 0 &&
    Object.keys(manifest!.failed ?? {}).length === 0 &&
    files.length === Object.keys(manifest!.files).length
  ) {
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
    if (same) return { current: manifest!, files: files.length };
  }
  const previous: IndexDocs<LightMeta> | null = compatible ? await readIndexDocsLight(opts.indexDir, manifest!).catch(() => null) : null;
  const prevFiles = previous ? manifest!.files : {};
  const indexedAt = previous ? Date.parse(manifest!.indexedAt) : 0;
  const prevLoc = new Map<string, DocLocation>();
  previous?.segments.forEach((s, si) => {
    const dead = new Set(s.dead);
    s.metas.forEach((meta, di) => {
      if (!dead.has(di)) prevLoc.set(meta.id, { seg: si, doc: di, meta });
    });
  });

  const failed: IngestFailure[] = [...unreadable];
  let touchedOnly = false;
  const seen = new Set<string>();
  const scanned: ScannedFile[] = [];
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
      failed.push(failureOf(file, err));
    }
  }
  return { current: null, scan: { files, rel, manifest, previous, prevFiles, indexedAt, prevLoc, scanned, failed, touchedOnly, seen } };
}
