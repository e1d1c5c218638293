/**
 * Per-chat session, for every platform: the recent conversation (for follow-up
 * questions) and the recent answers Telegram's inline buttons refer to. Stored
 * as one JSON file per chat under SESSION_DIR, written atomically (temp file +
 * rename); entries expire.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StorageAdapter } from "grammy";
import type { ItemRef, Turn } from "../answer/types.js";
import { LIMITS } from "../limits.js";
import type { Visibility } from "../minutes/schema.js";
import type { Logger } from "../log.js";

/** A citation's formal reference, kept for the 引用 button; its visibility is re-checked against whoever presses. */
export interface StoredReference {
  n: number;
  minutesId: string;
  visibility: Visibility;
  text: string;
}

/** An answer the keyboard under it refers to (原文 / 引用 / 更多 / 👍 👎). */
export interface StoredAnswer {
  key: string;
  question: string;
  answer: string;
  mode: string;
  /** "minutesId:start" of each citation, so 更多 skips what the answer already showed. */
  cited: string[];
  /** The formal references of the citations (absent in answers stored by older versions). */
  references?: StoredReference[];
  focus: ItemRef | null;
  at: number;
  vote?: "up" | "down";
}

export interface SessionData {
  history: (Turn & { at: number })[];
  answers: StoredAnswer[];
}

export const initialSession = (): SessionData => ({ history: [], answers: [] });

export interface SessionLimits {
  /** Turns older than this are no longer used for follow-ups. */
  historyTtlMs: number;
  /** Buttons under answers older than this report that they expired. */
  answerTtlMs: number;
  maxTurns: number;
  maxAnswers: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  historyTtlMs: 60 * 60 * 1000,
  answerTtlMs: 7 * 24 * 60 * 60 * 1000,
  maxTurns: LIMITS.historyTurns,
  maxAnswers: 20,
};

/** Drops expired entries and caps the lists (mutates and returns the session). */
export function pruneSession(s: SessionData, now: number, limits: SessionLimits = DEFAULT_SESSION_LIMITS): SessionData {
  s.history = (s.history ?? []).filter((t) => now - t.at <= limits.historyTtlMs).slice(-limits.maxTurns);
  s.answers = (s.answers ?? []).filter((a) => now - a.at <= limits.answerTtlMs).slice(-limits.maxAnswers);
  return s;
}

/** Time to live of a whole session file: the longest-lived entry. */
export const sessionTtlMs = (limits: SessionLimits = DEFAULT_SESSION_LIMITS) => Math.max(limits.historyTtlMs, limits.answerTtlMs);

/**
 * A StorageAdapter keeping one JSON file per key in `dir`. Writes go to a temp
 * file that is renamed over the target, so a crash never leaves a torn file.
 */
export class FileSessionStorage<T> implements StorageAdapter<T> {
  constructor(
    readonly dir: string,
    private readonly log?: Logger,
  ) {}

  private file(key: string): string {
    return join(this.dir, `${encodeURIComponent(key)}.json`);
  }

  async read(key: string): Promise<T | undefined> {
    let raw: string;
    try {
      raw = await readFile(this.file(key), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
    try {
      return JSON.parse(raw) as T;
    } catch {
      this.log?.warn("session file is not JSON; starting a fresh session", { key });
      return undefined;
    }
  }

  async write(key: string, value: T): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.file(key);
    const tmp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(value), { encoding: "utf8", mode: 0o600 });
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async has(key: string): Promise<boolean> {
    return (await this.read(key)) !== undefined;
  }

  async *readAllKeys(): AsyncIterable<string> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    for (const n of names) if (n.endsWith(".json")) yield decodeURIComponent(n.slice(0, -5));
  }
}
