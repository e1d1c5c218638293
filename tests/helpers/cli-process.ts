import { spawn, type ChildProcess } from "node:child_process";
import { ROOT } from "./paths.js";
import type { TempCorpus } from "./corpus.js";

export interface CliRun {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  done: Promise<{ code: number | null; out: string; err: string }>;
  /** Output so far. */
  err(): string;
}

/** Starts the real CLI in a child process (`node --import tsx src/cli/main.ts <args>`) on the corpus's folders. */
export function startCli(c: TempCorpus, args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, MINUTES_DIR: c.minutesDir, INDEX_DIR: c.indexDir, LEXICON_DIR: c.config.LEXICON_DIR, ...env },
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d));
  child.stderr!.on("data", (d: Buffer) => (err += d));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
  return { child, done, err: () => err };
}

/** Runs the real CLI to completion. */
export function runCliProcess(c: TempCorpus, args: string[], env?: Record<string, string>) {
  return startCli(c, args, env).done;
}
