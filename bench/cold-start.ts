/**
 * Cold start as a user meets it: a fresh `minutes ask --json` process, from
 * spawn to its answer on stdout, run both ways in the same run — compiled
 * (`node dist/cli/main.js`, the JavaScript `npm start` and the `minutes`
 * binary run) and through tsx from the sources (`node --import tsx
 * src/cli/main.ts`) — alternating, so load on the machine falls on both alike.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { tsxExecArgv } from "./child.js";
import { percentile, round } from "./stats.js";

/** How dist/ stood against src/ when the compiled runs were measured. */
export type DistState =
  /** Newer than every file in src/. */
  | "fresh"
  /** Missing or older than src/; `npm run build` ran first. */
  | "built"
  /** Older than src/ and not rebuilt (buildDist off): the compiled runs measured the older code. */
  | "stale";

export interface ColdRun {
  /** Spawn → first byte of the answer on stdout. */
  answerMs: number;
  /** Spawn → process exit. */
  exitMs: number;
  found: boolean;
}

export interface ColdVariant {
  command: string;
  runs: ColdRun[];
  medianMs: number;
}

export interface ColdStartFigures {
  /** null when there is no dist/ to run (missing and not built, or the build failed): see `reason`. */
  compiled: ColdVariant | null;
  tsx: ColdVariant;
  dist: DistState | null;
  reason?: string;
}

export interface ColdStartArgs {
  root: string;
  minutesDir: string;
  indexDir: string;
  lexiconDir: string;
  /** Working directory of the runs: one without a .env, so only the variables below apply. */
  cwd: string;
  questions: string[];
  runs: number;
  /** Run `npm run build` when dist/ is missing or older than src/ (else measure it as it is, and say so). */
  buildDist: boolean;
  log?: (s: string) => void;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether dist/ holds the compiled CLI and nothing in src/ changed after it was last built. */
export function distIsFresh(root: string): { exists: boolean; fresh: boolean } {
  const entry = join(root, "dist/cli/main.js");
  if (!existsSync(entry)) return { exists: false, fresh: false };
  return { exists: true, fresh: newestMtime(join(root, "dist")) >= newestMtime(join(root, "src")) };
}

/** Brings dist/ up to date as asked; null with a reason when there is nothing to run. */
function prepareDist(a: ColdStartArgs): { state: DistState | null; reason?: string } {
  const d = distIsFresh(a.root);
  if (d.fresh) return { state: "fresh" };
  if (!a.buildDist) return d.exists ? { state: "stale" } : { state: null, reason: "dist/ is missing (npm run build)" };
  a.log?.(`dist/ is ${d.exists ? "older than src/" : "missing"}: npm run build…`);
  const r = spawnSync("npm", ["run", "build"], { cwd: a.root, encoding: "utf8" });
  if (r.status !== 0) {
    const last = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n").slice(-3).join(" / ");
    return { state: null, reason: `npm run build failed: ${last || `exit ${r.status ?? r.signal}`}` };
  }
  return { state: "built" };
}

function runOnce(argv: string[], a: ColdStartArgs, question: string): Promise<ColdRun> {
  return new Promise((resolve, reject) => {
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      MINUTES_DIR: a.minutesDir,
      INDEX_DIR: a.indexDir,
      LEXICON_DIR: a.lexiconDir,
      LOG_LEVEL: "silent",
    };
    const t0 = performance.now();
    const child = spawn(process.execPath, [...argv, "ask", "--json", question], { cwd: a.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let answerMs = NaN;
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      if (!out) answerMs = performance.now() - t0;
      out += s;
    });
    child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
    child.on("error", reject);
    child.on("close", (code) => {
      const exitMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`cold start «${argv.join(" ")} ask» exited ${code}: ${err.trim().slice(-500)}`));
      const found = (JSON.parse(out) as { found: boolean }).found;
      resolve({ answerMs: round(answerMs, 0), exitMs: round(exitMs, 0), found });
    });
  });
}

/** Measures `runs` cold starts each way, alternating which goes first. */
export async function measureColdStart(a: ColdStartArgs): Promise<ColdStartFigures> {
  const { state, reason } = prepareDist(a);
  const compiledArgv = [join(a.root, "dist/cli/main.js")];
  const tsxArgv = [...tsxExecArgv(), join(a.root, "src/cli/main.ts")];
  const compiled: ColdRun[] = [];
  const tsx: ColdRun[] = [];
  for (let i = 0; i < a.runs; i++) {
    const q = a.questions[i % a.questions.length];
    const order = i % 2 === 0 ? (["compiled", "tsx"] as const) : (["tsx", "compiled"] as const);
    for (const v of order) {
      if (v === "compiled" && state !== null) compiled.push(await runOnce(compiledArgv, a, q));
      if (v === "tsx") tsx.push(await runOnce(tsxArgv, a, q));
    }
  }
  const variant = (command: string, runs: ColdRun[]): ColdVariant => ({
    command,
    runs,
    medianMs: percentile(
      runs.map((r) => r.answerMs),
      50,
    ),
  });
  return {
    compiled: state === null ? null : variant("node dist/cli/main.js ask --json", compiled),
    tsx: variant("node --import tsx src/cli/main.ts ask --json", tsx),
    dist: state,
    ...(reason ? { reason } : {}),
  };
}
