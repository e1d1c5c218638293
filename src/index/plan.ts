/**
 * The second step of an ingest: from the scan and the parse, which documents
 * the new index holds (kept from the previous one, or new), which previous
 * ones are superseded, what each file records in the manifest, and whether
 * the index is left alone, gets a segment for the changes, or is rebuilt.
 */
import { DocumentError } from "../errors.js";
import { folderVisibility } from "../minutes/folder-visibility.js";
import type { Minutes } from "../minutes/schema.js";
import type { SerializedDoc } from "./docstore.js";
import type { EmbedderSpec } from "./embeddings/index.js";
import { failureOf, type IngestFailure } from "./failure.js";
import type { ParsedFile } from "./parse-files.js";
import { recordIds, type DocLocation, type Scan } from "./scan.js";
import type { Manifest } from "./store.js";

/**
 * Incremental ingest adds a segment for the changed files while the
 * documents added, changed or removed since the last full build stay within
 * this share of the archive (and there are few segments); beyond it the
 * index is rebuilt, which refits the embedder and drops superseded passages.
 */
export const INCREMENTAL_MAX_SHARE = 0.1;
export const MAX_SEGMENTS = 12;

/** A document of the new index: kept where the previous index has it (read from `file`), or new from a parse. */
export type KeptDoc = ({ kind: "prev"; key: string; file: string } & DocLocation) | { kind: "new"; key: string; doc: SerializedDoc; minutes?: Minutes };

export type FreshDoc = Extract<KeptDoc, { kind: "new" }>;

/** What the ingest will do. */
export interface Plan {
  /** Leave the index as it is, add a segment for the changes, or rebuild it. */
  mode: "none" | "incremental" | "full";
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  /** Files skipped: unreadable, not minutes, or the same minutes as another file. */
  failed: IngestFailure[];
  /** Every current document, in file order. */
  kept: KeptDoc[];
  /** The new and changed documents among them. */
  fresh: FreshDoc[];
  /** Previous documents that are no longer current: changed, deleted or replaced. */
  superseded: DocLocation[];
  /** Documents added, changed or removed (a changed document is one change). */
  changes: number;
  /** The manifest's record of the last full build (documents then, changes since). */
  build: { documents: number; changedSince: number };
  /** The manifest's files and failures. */
  files: Manifest["files"];
  failedFiles: Record<string, string>;
}

/** What planning needs of the ingest options. */
export interface PlanOptions {
  embedder: EmbedderSpec;
  paths?: string[];
  rebuild?: boolean;
}

/** Reconciles the scan with the parse (in file order, refusing a second file holding the same minutes) and chooses the mode. */
export async function planIngest(scan: Scan, parsed: Map<string, ParsedFile>, opts: PlanOptions): Promise<Plan> {
  const { manifest, previous, prevFiles, prevLoc } = scan;
  const counts = { added: 0, changed: 0, unchanged: 0 };
  const failed = [...scan.failed];
  const files: Manifest["files"] = {};
  const kept: KeptDoc[] = [];
  const idOwner = new Map<string, string>();
  for (const s of scan.scanned) {
    // A file holding several meetings gives one record each.
    let entries: KeptDoc[];
    if (s.state === "same") {
      entries = s.minutesIds.map((id) => ({ kind: "prev", key: s.key, ...prevLoc.get(id)!, file: s.file }));
    } else {
      const r = parsed.get(s.file)!;
      if (!r.ok) {
        failed.push(r.failure);
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
      failed.push(
        failureOf(
          s.file,
          new DocumentError("format_invalid", `${s.file}: the same minutes (${m.title} 第${m.number}号, ${m.year}) as ${owner}`, { subject: s.file }),
        ),
      );
      continue;
    }
    for (const id of ids) idOwner.set(id, s.file);
    if (s.state === "same") counts.unchanged++;
    else if (prevFiles[s.key]) counts.changed++;
    else counts.added++;
    kept.push(...entries);
    const sha = s.state === "same" ? s.sha256 : (parsed.get(s.file) as { sha256: string }).sha256;
    const rule = (await folderVisibility(s.file)) ?? null;
    files[s.key] = {
      sha256: sha,
      minutesId: ids[0],
      ...(ids.length > 1 ? { more: ids.slice(1) } : {}),
      ...(rule ? { rule } : {}),
      size: s.size,
      mtimeMs: s.mtimeMs,
    };
  }
  // When explicit paths are given, files of the previous index outside them stay.
  if (opts.paths?.length) {
    for (const [key, entry] of Object.entries(prevFiles)) {
      const ids = recordIds(entry);
      if (scan.seen.has(key) || files[key] || ids.some((id) => idOwner.has(id))) continue;
      const locs = ids.map((id) => prevLoc.get(id));
      if (locs.every((l) => l)) {
        for (const loc of locs) kept.push({ kind: "prev", key, ...loc!, file: manifest!.paths?.[loc!.meta.id] ?? loc!.meta.source.path });
        files[key] = entry;
        for (const id of ids) idOwner.set(id, key);
        counts.unchanged++;
      }
    }
  }
  const removed = Object.keys(prevFiles).filter((k) => !files[k]).length;

  const failedFiles = Object.fromEntries(failed.map((f) => [scan.rel(f.path), f.message]));
  const sameFailures = previous && JSON.stringify(Object.keys(failedFiles).sort()) === JSON.stringify(Object.keys(manifest!.failed ?? {}).sort());
  const nothingChanged = previous && counts.added === 0 && counts.changed === 0 && removed === 0 && sameFailures;

  const keptPrev = new Set(kept.flatMap((k) => (k.kind === "prev" ? [`${k.seg}:${k.doc}`] : [])));
  const superseded: DocLocation[] = [...prevLoc.values()].filter((l) => !keptPrev.has(`${l.seg}:${l.doc}`));
  const fresh = kept.filter((k): k is FreshDoc => k.kind === "new");
  const freshIds = new Set(fresh.map((f) => f.doc.meta.id));
  const changes = fresh.length + superseded.filter((x) => !freshIds.has(x.meta.id)).length;
  const build = manifest?.build ?? { documents: prevLoc.size, changedSince: 0 };
  const incremental =
    previous !== null &&
    !opts.rebuild &&
    manifest!.embedder.model === (opts.embedder.provider === "local" ? manifest!.embedder.model : opts.embedder.model) &&
    (changes === 0 || build.changedSince + changes <= INCREMENTAL_MAX_SHARE * Math.max(kept.length, build.documents)) &&
    previous.segments.length + (fresh.length ? 1 : 0) <= MAX_SEGMENTS;
  const mode = nothingChanged && !scan.touchedOnly ? "none" : incremental ? "incremental" : "full";
  return { mode, ...counts, removed, failed, kept, fresh, superseded, changes, build, files, failedFiles };
}
