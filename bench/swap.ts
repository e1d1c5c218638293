/**
 * The generation swap at archive scale (issue 26): a serving engine, one file
 * changed and ingested by another process, and the engine following CURRENT.
 * Measured: ingest end → the new generation served, the process's peak RSS
 * during the swap against its serving RSS, and beside it, on the same new
 * generation, a full reload (every segment read again, as before segments
 * were reused). Runs on a hard-linked copy of the bench's index and corpus,
 * so the index a later run reuses is never touched.
 */
import { spawn } from "node:child_process";
import { linkSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { round } from "./stats.js";

export interface SwapArgs {
  minutesDir: string;
  indexDir: string;
  lexiconDir: string;
  questions: string;
  /** Scratch folder for the linked copies (removed at the end). */
  scratch: string;
  root: string;
  execArgv: string[];
}

export interface SwapFigures {
  servingRssMB: number;
  /** Ingest end → the engine answers from the new generation. */
  servedMs: number;
  swapPeakRssMB: number;
  /** Reading the same generation whole again (no reuse), in the same serving process. */
  fullReloadMs: number;
  fullReloadPeakRssMB: number;
  ingestMs: number;
}

/** Copies a tree as hard links: generations are immutable and a changed file is replaced, never written in place. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) linkTree(join(from, e.name), join(to, e.name));
    else if (e.isFile()) linkSync(join(from, e.name), join(to, e.name));
  }
}

function firstTxt(dir: string): string | null {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isFile() && e.name.endsWith(".txt")) return p;
    if (e.isDirectory()) {
      const f = firstTxt(p);
      if (f) return f;
    }
  }
  return null;
}

/** RSS now or its peak since resetPeak(), in MB, from /proc (Linux); elsewhere the current RSS, a lower bound of the peak. */
function status(field: "VmRSS" | "VmHWM"): number {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return process.memoryUsage.rss() / 1048576;
  }
}

/** Resets the kernel's peak-RSS mark (Linux), so VmHWM reads the peak from now on. */
function resetPeak(): void {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    // Not Linux: the figures are current RSS, as status() says.
  }
}

export async function swapChild(a: SwapArgs): Promise<SwapFigures> {
  const { openEngine } = await import("../src/answer/engine.js");
  const { loadConfig } = await import("../src/config.js");
  const { FULL_ACCESS } = await import("../src/answer/types.js");
  const { watchIndex } = await import("../src/index/watch.js");
  const { loadIndex } = await import("../src/index/store.js");
  rmSync(a.scratch, { recursive: true, force: true });
  const env = { MINUTES_DIR: join(a.scratch, "minutes"), INDEX_DIR: join(a.scratch, "index"), LEXICON_DIR: a.lexiconDir };
  linkTree(a.minutesDir, env.MINUTES_DIR);
  linkTree(a.indexDir, env.INDEX_DIR);
  try {
    const engine = await openEngine({ config: loadConfig(env), ensureIndex: false });
    const questions = readFileSync(a.questions, "utf8")
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { q: string }).q);
    for (const q of questions.slice(0, 60)) await engine.ask(q, { access: FULL_ACCESS });
    (globalThis as { gc?: () => void }).gc?.();
    const servingRssMB = status("VmRSS");
    const before = engine.status().generation;
    const watch = watchIndex(env.INDEX_DIR, () => engine.switchGeneration(), { pollMs: 100 });

    const file = firstTxt(env.MINUTES_DIR);
    if (!file) throw new Error(`${env.MINUTES_DIR}: no .txt file to change`);
    const text = readFileSync(file, "utf8");
    unlinkSync(file); // a hard link: replace it, never write through to the bench's corpus
    writeFileSync(file, text.replace("。", "（修订）。"));
    resetPeak();
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [...a.execArgv, join(a.root, "src/cli/main.ts"), "ingest"], {
        cwd: a.root,
        env: { ...process.env, ...env },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`ingest exited ${code}: ${err.slice(-400)}`))));
    });
    const ingestEnd = performance.now();
    while (engine.status().generation === before) await new Promise((r) => setTimeout(r, 5));
    const servedMs = performance.now() - ingestEnd;
    await engine.ask(questions[0], { access: FULL_ACCESS });
    const swapPeakRssMB = status("VmHWM");
    await watch.close();

    (globalThis as { gc?: () => void }).gc?.();
    resetPeak();
    const t1 = performance.now();
    const full = await loadIndex(env.INDEX_DIR);
    const fullReloadMs = performance.now() - t1;
    const fullReloadPeakRssMB = status("VmHWM");
    full.release?.();
    await engine.close();
    return {
      servingRssMB: round(servingRssMB, 0),
      servedMs: round(servedMs, 0),
      swapPeakRssMB: round(swapPeakRssMB, 0),
      fullReloadMs: round(fullReloadMs, 0),
      fullReloadPeakRssMB: round(fullReloadPeakRssMB, 0),
      ingestMs: round(ingestEnd - t0, 0),
    };
  } finally {
    rmSync(a.scratch, { recursive: true, force: true });
  }
}
