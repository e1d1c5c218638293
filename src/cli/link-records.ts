/**
 * The records `minutes parse` links a file's records with: those of the
 * existing index, or, without one, MINUTES_DIR's files parsed now. A file
 * given on the command line stands for its indexed version (the same path or
 * the same record id), so an edited file is linked as it reads now.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Config } from "../config.js";
import { listFiles } from "../index/stale.js";
import { readIndexedMinutes, readManifest } from "../index/store.js";
import { readRecordsFile } from "../minutes/read.js";
import type { Minutes } from "../minutes/schema.js";

async function minutesDirRecords(dir: string): Promise<Minutes[]> {
  if (!existsSync(dir)) return [];
  const out: Minutes[] = [];
  for (const file of await listFiles(dir)) {
    // A file the index would skip has no links to show; ingest is the place that reports it.
    out.push(...(await readRecordsFile(file).catch(() => [])));
  }
  return out;
}

/** `parsed` and the other records of the archive `config` names, each record once. */
export async function recordsToLink(config: Pick<Config, "MINUTES_DIR" | "INDEX_DIR">, parsed: readonly Minutes[]): Promise<Minutes[]> {
  const others = (await readManifest(config.INDEX_DIR)) ? await readIndexedMinutes(config.INDEX_DIR) : await minutesDirRecords(config.MINUTES_DIR);
  const ids = new Set(parsed.map((m) => m.id));
  const paths = new Set(parsed.map((m) => resolve(m.source.path)));
  return [...parsed, ...others.filter((m) => !ids.has(m.id) && !paths.has(resolve(m.source.path)))];
}
