/**
 * Immutable index generations. Every ingest writes a new folder
 * `INDEX_DIR/g<ms>-<pid>-<n>` and then switches the pointer file `CURRENT`
 * to it atomically (written aside, fsynced, renamed). A generation is never
 * modified once written — incremental ingest hard-links the unchanged segment
 * files into the next one — so a reader that holds a generation reads the
 * same bytes however many ingests run meanwhile. Readers hold one with a
 * marker file `readers/<generation>@<pid>-<n>`; a generation that is not
 * current and that no live process holds is deleted by the next writer (or
 * at the next start). An index folder without `CURRENT` is the flat layout of
 * earlier versions, read in place and migrated by the next ingest.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { IndexError } from "../errors.js";
import { LOCK_FILE, lockIndex, processAlive } from "./lock.js";

/** The pointer file naming the current generation. */
export const CURRENT_FILE = "CURRENT";
const READERS = "readers";
/** The marker name for an index in the flat layout (files in the index folder itself). */
const FLAT = "flat";
const GENERATION = /^g\d+-\d+-\d+$/;
/** Files of the flat layout, deleted once a generation replaced them. */
const FLAT_FILE = /^(manifest\.json|passages\.json|embedder\.bin|[sd]\d+\..+)$/;

let sequence = 0;

/** The generation `CURRENT` names (null: no index, or the flat layout). */
export function currentGeneration(dir: string): string | null {
  try {
    const name = readFileSync(join(dir, CURRENT_FILE), "utf8").trim();
    return GENERATION.test(name) ? name : null;
  } catch {
    return null;
  }
}

/**
 * The folder holding an index's current files: the generation `CURRENT`
 * names, or `dir` itself (the flat layout, or a generation folder given directly).
 */
export function generationDir(dir: string): string {
  const name = currentGeneration(dir);
  return name ? join(dir, name) : dir;
}

/** A name for a new generation, unique across processes and within this one. */
export function newGenerationName(): string {
  return `g${Date.now()}-${process.pid}-${sequence++}`;
}

function fsyncPath(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on folders; the rename is still atomic.
  } finally {
    closeSync(fd);
  }
}

/** Flushes the files written into a new generation folder, and the folder, to disk (files linked from the previous generation are on disk already). */
export function syncFolder(dir: string): void {
  for (const f of readdirSync(dir)) if (statSync(join(dir, f)).nlink === 1) fsyncPath(join(dir, f));
  fsyncPath(dir);
}

/** Points `CURRENT` at generation `name`: written aside, flushed, then renamed over the old pointer. */
export async function switchGeneration(dir: string, name: string): Promise<void> {
  const tmp = join(dir, `${CURRENT_FILE}.tmp-${process.pid}-${Date.now()}`);
  const fd = openSync(tmp, "w");
  try {
    writeFileSync(fd, `${name}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  await rename(tmp, join(dir, CURRENT_FILE));
  fsyncPath(dir);
}

/** A generation held for reading: its folder, until `release()`. */
export interface HeldGeneration {
  /** The generation folder (or the index folder, in the flat layout). */
  dir: string;
  release(): void;
}

/**
 * Holds the current generation of an index for reading: no writer deletes it
 * until released (or this process ends). On a read-only index folder nothing
 * is recorded, and nothing can be deleted either.
 */
export function holdGeneration(dir: string): HeldGeneration {
  for (let attempt = 0; attempt < 20; attempt++) {
    const name = currentGeneration(dir);
    const marker = join(dir, READERS, `${name ?? FLAT}@${process.pid}-${sequence++}`);
    try {
      mkdirSync(join(dir, READERS), { recursive: true });
      writeFileSync(marker, "");
    } catch {
      return { dir: name ? join(dir, name) : dir, release() {} };
    }
    // A writer may have switched (and pruned) between reading CURRENT and writing the marker.
    if (currentGeneration(dir) === name && (!name || existsSync(join(dir, name)))) {
      let held = true;
      return {
        dir: name ? join(dir, name) : dir,
        release() {
          if (!held) return;
          held = false;
          rmSync(marker, { force: true });
        },
      };
    }
    rmSync(marker, { force: true });
  }
  throw new IndexError("index_corrupt", `${dir}: the index changed twenty times while it was being opened`, { subject: dir });
}

/** Generations (or FLAT) held by a live process; markers of dead ones are removed. */
function heldGenerations(dir: string): Set<string> {
  const held = new Set<string>();
  let markers: string[] = [];
  try {
    markers = readdirSync(join(dir, READERS));
  } catch {
    return held;
  }
  for (const m of markers) {
    const [name, owner] = m.split("@");
    const pid = Number(owner?.split("-")[0]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) held.add(name);
    else rmSync(join(dir, READERS, m), { force: true });
  }
  return held;
}

/**
 * Removes what no reader needs: generations other than the current one that
 * no live process holds (superseded ones, and half-written ones of a killed
 * ingest), pointer and probe files left aside, the flat layout's files once a
 * generation replaced them, and the sibling folders a killed ingest of the
 * flat layout left (`INDEX_DIR.tmp-<pid>-<ms>`, `INDEX_DIR.old`). Call only
 * with the writer lock held.
 */
export async function pruneGenerations(dir: string): Promise<void> {
  const current = currentGeneration(dir);
  const held = heldGenerations(dir);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && GENERATION.test(e.name) && e.name !== current && !held.has(e.name)) await rm(join(dir, e.name), { recursive: true, force: true });
    else if (e.isFile() && (e.name.startsWith(`${CURRENT_FILE}.tmp-`) || e.name.startsWith(".probe-"))) unlinkSync(join(dir, e.name));
    else if (current && e.isFile() && FLAT_FILE.test(e.name) && !held.has(FLAT)) unlinkSync(join(dir, e.name));
  }
  // The flat layout's own leftovers, next to the index folder; kept while the process that made them lives.
  const parent = dirname(dir);
  const base = basename(dir);
  let siblings: string[] = [];
  try {
    siblings = readdirSync(parent);
  } catch {
    return;
  }
  for (const s of siblings) {
    const tmp = s.startsWith(`${base}.tmp-`) ? /^(\d+)-\d+$/.exec(s.slice(base.length + 5)) : null;
    if (tmp && !processAlive(Number(tmp[1]))) await rm(join(parent, s), { recursive: true, force: true });
    else if (s === `${base}.old` && existsSync(join(generationDir(dir), "manifest.json"))) await rm(join(parent, s), { recursive: true, force: true });
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir retries forever on
 * /proc, where creating a folder fails with ENOENT under a parent that exists.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

/**
 * Creates the index folder when missing. A folder that cannot be created or
 * written — read-only, no permission, a file in the way, a pseudo file
 * system such as /proc — is an IndexError `index_unwritable` (subject: the
 * folder, `details.reason`: why).
 */
export function makeIndexFolder(dir: string): void {
  try {
    makeFolders(dir);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
    // Creating a file proves the folder takes writes (mkdir succeeds on an existing read-only folder).
    const probe = join(dir, `.probe-${process.pid}-${sequence++}`);
    writeFileSync(probe, "");
    // (A writer's prune may have removed it already.)
    rmSync(probe, { force: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason =
      e.code === "EACCES" || e.code === "EPERM"
        ? "permission denied"
        : e.code === "EROFS"
          ? "read-only file system"
          : e.code === "ENOTDIR" || e.code === "EEXIST"
            ? "a file is in the way"
            : e.code === "ENOENT"
              ? "its parent folder cannot hold new folders"
              : `${e.code ?? "error"}: ${e.message}`;
    throw new IndexError("index_unwritable", `${dir}: the index folder cannot be written (${reason})`, { subject: dir, details: { reason }, cause: err });
  }
}

/**
 * Start-up housekeeping: removes unused generations and a killed ingest's
 * leftovers when no writer is running (otherwise that writer does it). Does
 * nothing on a missing or read-only index folder.
 */
export async function tidyIndex(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  let lock: Awaited<ReturnType<typeof lockIndex>>;
  try {
    lock = await lockIndex(dir, { wait: false });
  } catch {
    return;
  }
  try {
    await pruneGenerations(dir);
  } finally {
    lock.release();
  }
}

export { LOCK_FILE };
