import { createHash } from "node:crypto";
import { type Dirent, existsSync, statSync } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { InputError, unreadableFile } from "../errors.js";
import { failureOf, type IngestFailure } from "./failure.js";
import { folderVisibility, forgetFolderRules } from "../minutes/folder-visibility.js";
import type { Visibility } from "../minutes/schema.js";
import { PARSER_VERSION } from "../minutes/version.js";
import { FORMAT_VERSION, readManifest } from "./store.js";

/** File endings ingest picks up from the minutes folder. */
export const MINUTES_EXTENSIONS = [".txt", ".md", ".text", ".pdf", ".docx", ".doc", ".wps", ".ofd", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff"];

/** Files whose modification time is this close to the last index write are hashed even when size and time match. */
export const RACY_MS = 2000;

/**
 * Same size and modification time as the manifest records, written well before
 * the index: unchanged without reading the file (git's «racily clean» rule).
 */
export function unchangedByStat(entry: { size: number; mtimeMs?: number }, st: { size: number; mtimeMs: number }, indexedAt: number): boolean {
  return entry.size === st.size && entry.mtimeMs === st.mtimeMs && st.mtimeMs < indexedAt - RACY_MS;
}

/**
 * The folder rule that decided an unmarked file's visibility is part of what the
 * index recorded: a folder made internal (or public) re-reads its files even
 * though their bytes did not change, so a revoked publication never stays public.
 */
export async function sameFolderRule(entry: { rule?: Visibility | null }, file: string): Promise<boolean> {
  return (entry.rule ?? null) === ((await folderVisibility(file)) ?? null);
}

/** The folder listing a scan makes; tests inject a failing one (an unreadable folder, even as root). */
export interface ListFs {
  readdir(dir: string): Promise<Dirent[]>;
}

const nodeListFs: ListFs = { readdir: (dir) => readdir(dir, { withFileTypes: true }) };

/** The minutes files under a root, and the sub-folders that could not be read (skipped, each a failure naming it). */
export interface Listing {
  files: string[];
  unreadable: IngestFailure[];
}

/**
 * The minutes files under `root`, sorted. Symbolic links are followed — to
 * files and to folders — and a folder reached twice (a link loop, or two
 * links to one folder) is read once. A sub-folder that cannot be read
 * (EACCES, EIO) is skipped and reported; the root itself must be readable.
 */
export async function listMinutesFiles(root: string, fs: ListFs = nodeListFs): Promise<Listing> {
  const st = await stat(root).catch(() => null);
  if (!st) throw new InputError("input_invalid", `${root}: no such file or folder`, { subject: root });
  if (st.isFile()) return { files: [root], unreadable: [] };
  const out: Listing = { files: [], unreadable: [] };
  await walk(root, new Set(), out, fs, true);
  out.files.sort();
  return out;
}

/** The minutes files under `root`, sorted (unreadable sub-folders left out). */
export async function listFiles(root: string, fs?: ListFs): Promise<string[]> {
  return (await listMinutesFiles(root, fs)).files;
}

async function walk(dir: string, seen: Set<string>, out: Listing, fs: ListFs, root = false): Promise<void> {
  const real = await realpath(dir).catch(() => null);
  if (!real || seen.has(real)) return;
  seen.add(real);
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir);
  } catch (err) {
    if (root) throw unreadableFile(dir, err);
    out.unreadable.push(failureOf(dir, unreadableFile(dir, err)));
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    // A link's target decides; a dangling link is left out like any non-minutes entry.
    const isDir = e.isDirectory() || (e.isSymbolicLink() && Boolean((await stat(p).catch(() => null))?.isDirectory()));
    if (isDir) await walk(p, seen, out, fs);
    else if (MINUTES_EXTENSIONS.some((x) => e.name.toLowerCase().endsWith(x))) out.files.push(p);
  }
}

function sha256(b: Buffer): string {
  return createHash("sha256").update(b).digest("hex");
}

/** True when the index is missing or the minutes folder differs from what it records. */
export async function indexIsStale(minutesDir: string, indexDir: string, fs?: ListFs): Promise<boolean> {
  const manifest = await readManifest(indexDir).catch(() => null);
  if (!manifest || manifest.formatVersion !== FORMAT_VERSION || manifest.parserVersion !== PARSER_VERSION || !manifest.segments) return true;
  if (!existsSync(minutesDir)) return false;
  const listing = await listMinutesFiles(minutesDir, fs);
  const key = (f: string) => relative(minutesDir, f).split(sep).join("/");
  const failed = manifest.failed ?? {};
  // An unreadable folder the index recorded as failed is no change; a new one is.
  if (listing.unreadable.some((u) => !(key(u.path) in failed))) return true;
  const files = listing.files;
  if (files.length + listing.unreadable.length !== Object.keys(manifest.files).length + Object.keys(failed).length) return true;
  const indexedAt = Date.parse(manifest.indexedAt);
  forgetFolderRules();
  for (const f of files) {
    const entry = manifest.files[key(f)];
    if (!entry) {
      if (key(f) in failed) continue;
      return true;
    }
    const st = statSync(f);
    if (st.size !== entry.size || !(await sameFolderRule(entry, f))) return true;
    if (unchangedByStat(entry, st, indexedAt)) continue;
    if (sha256(await readFile(f)) !== entry.sha256) return true;
  }
  return false;
}
