/**
 * Staff marks (办结 with a note): append-only, one JSON line per mark in
 * LEDGER_MARKS (outside the index generations, so a re-ingest never loses
 * one), or a Redis list when REDIS_URL is configured.
 */
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import type { RedisConnection } from "../redis/connection.js";
import type { Logger } from "../log.js";

export const MarkSchema = z.object({
  /** The row id. */
  id: z.string().min(1),
  /** ISO timestamp. */
  at: z.string(),
  by: z.string().min(1),
  note: z.string(),
});
export type Mark = z.infer<typeof MarkSchema>;

export interface MarkStore {
  list(): Promise<Mark[]>;
  add(mark: Mark): Promise<void>;
}

/** Marks in a JSONL file; a line that is not a mark is skipped and logged, never rewritten. */
export class FileMarkStore implements MarkStore {
  constructor(
    readonly file: string,
    private readonly log?: Logger,
  ) {}

  async list(): Promise<Mark[]> {
    let raw: string;
    try {
      raw = await readFile(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    const out: Mark[] = [];
    raw.split("\n").forEach((line, i) => {
      if (!line.trim()) return;
      try {
        out.push(MarkSchema.parse(JSON.parse(line)));
      } catch {
        this.log?.warn("ledger mark line skipped", { file: this.file, line: i + 1 });
      }
    });
    return out;
  }

  async add(mark: Mark): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(MarkSchema.parse(mark))}\n`, { encoding: "utf8", mode: 0o600 });
  }
}

/** Marks in a Redis list (RPUSH / LRANGE), shared by every process of a deployment. */
export class RedisMarkStore implements MarkStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly key = "minutes-qa:ledger:marks",
  ) {}

  async list(): Promise<Mark[]> {
    const lines = await this.redis.run("LRANGE", (c) => c.lRange(this.key, 0, -1));
    return lines.flatMap((l) => {
      const r = MarkSchema.safeParse(JSON.parse(l));
      return r.success ? [r.data] : [];
    });
  }

  async add(mark: Mark): Promise<void> {
    const line = JSON.stringify(MarkSchema.parse(mark));
    await this.redis.run("RPUSH", (c) => c.rPush(this.key, line));
  }
}

/** The configured store: Redis when a connection is given (REDIS_URL), else the LEDGER_MARKS file. */
export function markStore(config: { LEDGER_MARKS: string }, redis?: RedisConnection, log?: Logger): MarkStore {
  return redis ? new RedisMarkStore(redis) : new FileMarkStore(config.LEDGER_MARKS, log);
}
