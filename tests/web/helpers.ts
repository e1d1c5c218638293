import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openEngine } from "../../src/answer/engine.js";
import { loadConfig, type Config } from "../../src/config.js";
import { createLogger, type Logger } from "../../src/log.js";
import { MINUTES_FIXTURES, ROOT, SEED } from "../helpers/paths.js";

export const PUBLIC_ID_FILE = "taicang-2022-01.txt";
export const INTERNAL_FILE = "internal-standing-2023-02.txt";

export type RealEngine = Awaited<ReturnType<typeof openEngine>>;

/**
 * The real engine over a temp minutes folder holding the public seed minutes and one internal
 * fixture, with its index in a temp dir. `config(env)` makes a Config pointing at those folders.
 */
export async function openTestEngine(): Promise<{
  engine: RealEngine;
  root: string;
  config: (env?: Record<string, string>) => Config;
  publicId: string;
  internalId: string;
  cleanup: () => Promise<void>;
}> {
  const root = mkdtempSync(join(tmpdir(), "minutes-web-"));
  const minutesDir = join(root, "minutes");
  mkdirSync(minutesDir);
  copyFileSync(SEED, join(minutesDir, PUBLIC_ID_FILE));
  copyFileSync(join(MINUTES_FIXTURES, INTERNAL_FILE), join(minutesDir, INTERNAL_FILE));
  const config = (env: Record<string, string> = {}) =>
    loadConfig({ MINUTES_DIR: minutesDir, INDEX_DIR: join(root, "index"), LEXICON_DIR: join(ROOT, "data/lexicon"), LOG_LEVEL: "silent", ...env });
  const engine = await openEngine({ config: config() });
  const all = engine.listMinutes({ internal: true });
  const publicId = all.find((m) => m.visibility === "public")!.id;
  const internalId = all.find((m) => m.visibility === "internal")!.id;
  return {
    engine,
    root,
    config,
    publicId,
    internalId,
    cleanup: async () => {
      await engine.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A logger that keeps its JSON lines for assertions. */
export function memoryLogger(secrets: (string | undefined)[] = []): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger({ level: "debug", secrets, write: (l) => lines.push(l) }), lines };
}
