import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, type Config } from "../../src/config.js";
import { MINUTES_FIXTURES, ROOT, SEED } from "./paths.js";

/** The internal (unpublished) fixture used by access-control tests. */
export const INTERNAL_FIXTURE = join(MINUTES_FIXTURES, "internal-standing-2023-02.txt");

export interface TempCorpus {
  dir: string;
  minutesDir: string;
  indexDir: string;
  config: Config;
  cleanup(): void;
}

/** A temp minutes folder (the seed, plus the internal fixture when asked) and a temp index folder. */
export function makeCorpus(opts: { internal?: boolean; extra?: string[]; env?: Record<string, string>; seed?: boolean } = {}): TempCorpus {
  const dir = mkdtempSync(join(tmpdir(), "minutes-qa-"));
  const minutesDir = join(dir, "minutes");
  const indexDir = join(dir, "index");
  rmSync(minutesDir, { recursive: true, force: true });
  mkdirSync(minutesDir, { recursive: true });
  if (opts.seed !== false) copyFileSync(SEED, join(minutesDir, "taicang-2022-01.txt"));
  if (opts.internal) copyFileSync(INTERNAL_FIXTURE, join(minutesDir, "internal-standing-2023-02.txt"));
  for (const f of opts.extra ?? []) copyFileSync(f, join(minutesDir, f.split("/").pop()!));
  const config = loadConfig({ MINUTES_DIR: minutesDir, INDEX_DIR: indexDir, LEXICON_DIR: join(ROOT, "data/lexicon"), ...opts.env });
  return { dir, minutesDir, indexDir, config, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
