/**
 * Follows an index folder's `CURRENT` pointer (see generations.ts): a serving
 * process learns of an ingest by another process within seconds, without a
 * restart, and swaps the new generation in.
 */
import { type FSWatcher, watch } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { CURRENT_FILE } from "./generations.js";

/** How often `CURRENT` is looked at when no event came: fs.watch misses changes on some file systems (NFS, some container mounts). */
export const INDEX_POLL_MS = 2_000;

/** A running watch; `close()` stops it and waits for a change being handled. */
export interface IndexWatch {
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Milliseconds between looks at `CURRENT` (default INDEX_POLL_MS). */
  pollMs?: number;
  /** False: the poll alone, as on a file system without events (default true). */
  events?: boolean;
  onError?: (err: unknown) => void;
}

/**
 * Calls `onChange` when `CURRENT` in `dir` is replaced (an ingest switched
 * generation): on a file-system event for it, and on a poll every `pollMs`
 * comparing its inode and modification time, and once at the start. Calls
 * never overlap; a change during one is handled after it. `onChange` must be
 * idempotent (called with no change it does nothing); its errors go to `onError`.
 */
export function watchIndex(dir: string, onChange: () => Promise<unknown>, opts: WatchOptions = {}): IndexWatch {
  const pointer = join(dir, CURRENT_FILE);
  let seen = "";
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const signature = async () => {
    const st = await stat(pointer).catch(() => null);
    return st ? `${st.ino}:${st.mtimeMs}:${st.size}` : "";
  };
  const check = (): void => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        const now = await signature();
        if (now === seen || closed) continue;
        seen = now;
        await onChange().catch((err: unknown) => opts.onError?.(err));
      } while (again && !closed);
    })().finally(() => (running = null));
  };

  // The pointer is renamed over, so the folder is watched (a watch on the file would follow the replaced inode).
  let watcher: FSWatcher | null = null;
  try {
    if (opts.events !== false) {
      watcher = watch(dir, { persistent: false }, (_event, file) => {
        if (file === null || file === CURRENT_FILE) check();
      });
      watcher.on("error", () => {
        watcher?.close();
        watcher = null;
      });
    }
  } catch {
    // A missing folder or a file system without events: the poll does it.
  }
  const timer = setInterval(check, opts.pollMs ?? INDEX_POLL_MS);
  timer.unref();
  // A change between the engine's load and this watch is caught at once (onChange does nothing when the generation is the one served).
  check();

  return {
    async close() {
      closed = true;
      clearInterval(timer);
      watcher?.close();
      await running;
    },
  };
}
