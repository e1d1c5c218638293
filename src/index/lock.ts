/**
 * One writer at a time: an exclusive lock file in the index folder, created
 * with O_EXCL and holding the writer's pid, host and process start time. A
 * lock whose process is gone (or whose pid now names another process) is
 * stale and broken; breaking is itself serialized by a short-lived second
 * lock file, so two waiters never both take over.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { randomUUID } from "node:crypto";
import { IndexError } from "../errors.js";

/** The lock file's name inside the index folder. */
export const LOCK_FILE = "LOCK";

/** What a lock file records about the process holding it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The process's start time (Linux clock ticks since boot), to tell a reused pid apart; null where unknown. */
  started: string | null;
  at: string;
  /** Tells two locks of one process apart. */
  token?: string;
}

/** A held lock; release it exactly once. */
export interface IndexLock {
  release(): void;
}

export interface LockOptions {
  /** Wait for the holder to finish (default), or refuse at once. */
  wait?: boolean;
  /** Called once when the lock is held by another process and this one starts waiting. */
  onWait?: (holder: LockHolder) => void;
  /** Milliseconds between attempts while waiting. */
  pollMs?: number;
}

/** Start time of a process (field 22 of /proc/<pid>/stat), or null where /proc is unavailable. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** True while a process with this pid exists (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(file, "utf8")) as LockHolder;
    return typeof h.pid === "number" ? h : null;
  } catch {
    return null;
  }
}

/** A holder on this host whose process is gone or whose pid was reused. Other hosts' locks are never judged stale. */
function isStale(file: string, holder: LockHolder | null): boolean {
  if (!holder) {
    // Unreadable: a writer killed between creating and filling the file, or one filling it right now.
    try {
      return Date.now() - statSync(file).mtimeMs > 5_000;
    } catch {
      return false;
    }
  }
  if (holder.host !== hostname()) return false;
  if (!processAlive(holder.pid)) return true;
  return holder.started !== null && processStart(holder.pid) !== holder.started;
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Removes a stale lock, unless another process broke it (and perhaps took a new one) first. */
function breakStale(file: string, seen: LockHolder | null): void {
  const breaker = `${file}.break`;
  const me: LockHolder = { pid: process.pid, host: hostname(), started: processStart(process.pid), at: new Date().toISOString() };
  if (!tryCreate(breaker, me)) {
    // A breaker killed mid-break is itself stale after a few seconds.
    if (isStale(breaker, readHolder(breaker))) unlinkSync(breaker);
    return;
  }
  try {
    const now = readHolder(file);
    if (JSON.stringify(now) === JSON.stringify(seen) && isStale(file, now)) unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  } finally {
    unlinkSync(breaker);
  }
}

/**
 * Takes the exclusive writer lock of an index folder (which must exist).
 * Waits while another live process holds it, or throws an IndexError
 * `index_locked` (subject: the folder, `details.pid`: the holder) when `wait` is false.
 */
export async function lockIndex(dir: string, opts: LockOptions = {}): Promise<IndexLock> {
  const file = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), started: processStart(process.pid), at: new Date().toISOString(), token: randomUUID() };
  let told = false;
  for (;;) {
    if (tryCreate(file, me)) break;
    const holder = readHolder(file);
    if (isStale(file, holder)) {
      breakStale(file, holder);
      continue;
    }
    if (opts.wait === false) {
      throw new IndexError("index_locked", `${dir}: locked by another writer (pid ${holder?.pid ?? "?"})`, {
        subject: dir,
        details: { pid: holder?.pid ?? null },
      });
    }
    if (!told && holder) {
      told = true;
      opts.onWait?.(holder);
    }
    await sleep(opts.pollMs ?? 200);
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      // Only our own lock: a lock broken as stale and taken by another writer stays.
      if (readHolder(file)?.token === me.token) unlinkSync(file);
    },
  };
}
