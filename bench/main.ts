/**
 * `npm run bench -- [--docs 1000,10000] [--json FILE] …` (`--help` lists every option).
 *
 * For each corpus size: generates (or reuses) a corpus, then measures in child
 * processes — ingest, cold start (`minutes ask` compiled and through tsx),
 * serving (warm latency, accuracy, ANN), baselines (exact brute-force cosine,
 * minisearch) and the Telegram bot through the fake Bot API server — and
 * prints one table.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadavg } from "node:os";
import { generationDir } from "../src/index/generations.js";
import { readQuestions, runChild, tsxExecArgv, type BaselineFigures, type BotFigures, type IngestFigures, type ServeFigures } from "./child.js";
import { measureColdStart, type ColdStartFigures } from "./cold-start.js";
import { writeCorpus } from "./corpus.js";
import type { SwapFigures } from "./swap.js";
import { machineFacts, percentile, round, type MachineFacts } from "./stats.js";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

export interface ScaleResult {
  docs: number;
  corpus: { dir: string; bytes: number; questions: number; generatedMs: number | null };
  ingest: IngestFigures;
  /** Process start → first answer of `minutes ask`, compiled and through tsx. */
  coldStart: ColdStartFigures;
  serve: ServeFigures;
  baselines: BaselineFigures;
  bot: BotFigures | null;
  /** The generation swap after a one-file change (null: --no-swap). */
  swap: SwapFigures | null;
}

export interface BenchResult {
  machine: MachineFacts;
  options: Record<string, unknown>;
  scales: ScaleResult[];
}

export interface BenchOptions {
  docs: number[];
  seed: number;
  workdir: string;
  questions: number;
  /** Questions run through the baselines (the first N); default 100 up to 2,000 documents, else 20. */
  baselineQueries?: number;
  /** Cold starts measured each way (compiled, tsx), and in one tsx process for the load breakdown. */
  coldRuns: number;
  /** Run `npm run build` first when dist/ is missing or older than src/ (default true); else measure dist/ as it is. */
  buildDist?: boolean;
  /** Run the minisearch baseline (default true; its build takes ≈ 22 min at 10,000 documents). */
  minisearch?: boolean;
  botUpdates: number;
  botChats: number;
  bot: boolean;
  lexiconDir: string;
  /** Skip the ingest when an earlier run left the index and its figures in the workdir. */
  reuseIndex?: boolean;
  /** Take the baselines' figures from an earlier run on the same index (they take long at 10,000 documents). */
  reuseBaselines?: boolean;
  /** Measure the generation swap after a one-file change (default true). */
  swap?: boolean;
  log?: (s: string) => void;
}

async function ensureCorpus(
  dir: string,
  docs: number,
  seed: number,
  questions: number,
): Promise<{ bytes: number; questions: number; generatedMs: number | null }> {
  const meta = join(dir, "corpus.json");
  if (existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, "utf8")) as {
      options: { docs: number; seed: number; questions?: number };
      summary: { bytes: number; questions: number };
    };
    if (m.options.docs === docs && m.options.seed === seed && (m.options.questions ?? 600) === questions)
      return { bytes: m.summary.bytes, questions: m.summary.questions, generatedMs: null };
  }
  const t = performance.now();
  const res = await writeCorpus({ docs, seed, out: dir, questions });
  return { bytes: res.summary.bytes, questions: res.summary.questions, generatedMs: round(performance.now() - t, 0) };
}

/** Runs the whole benchmark; returns the figures. */
export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const log = o.log ?? (() => {});
  const machine = machineFacts();
  const scales: ScaleResult[] = [];
  for (const docs of o.docs) {
    const dir = join(o.workdir, `corpus-${docs}-s${o.seed}`);
    const indexDir = join(o.workdir, `index-${docs}-s${o.seed}`);
    mkdirSync(dir, { recursive: true });
    log(`[${docs}] corpus…`);
    const corpus = await ensureCorpus(dir, docs, o.seed, o.questions);
    const base = { minutesDir: join(dir, "minutes"), indexDir, lexiconDir: o.lexiconDir };
    const questions = join(dir, "questions.jsonl");
    const annFile = join(o.workdir, `ann-${docs}.json`);
    const ingestFile = join(o.workdir, `ingest-${docs}-s${o.seed}.json`);
    let ingest: IngestFigures;
    if (o.reuseIndex && existsSync(ingestFile) && existsSync(join(generationDir(indexDir), "manifest.json"))) {
      log(`[${docs}] reusing the index and ingest figures of an earlier run`);
      ingest = JSON.parse(readFileSync(ingestFile, "utf8")) as IngestFigures;
    } else {
      log(`[${docs}] ingest…`);
      ingest = await runChild<IngestFigures>("ingest", base);
      writeFileSync(ingestFile, JSON.stringify(ingest));
    }
    log(`[${docs}] ingest ${(ingest.ingest.ms / 1000).toFixed(1)} s; cold start, compiled and through tsx…`);
    const coldStart = await measureColdStart({
      root: ROOT,
      ...base,
      cwd: o.workdir,
      questions: readQuestions(questions).map((q) => q.q),
      runs: o.coldRuns,
      buildDist: o.buildDist ?? true,
      log,
    });
    if (!coldStart.compiled) log(`[${docs}] compiled cold start not measured: ${coldStart.reason}`);
    log(`[${docs}] serving…`);
    const serve = await runChild<ServeFigures>("serve", { ...base, questions, annFile, coldRuns: o.coldRuns });
    writeFileSync(join(o.workdir, `serve-${docs}-s${o.seed}.json`), JSON.stringify(serve));
    let swap: SwapFigures | null = null;
    if (o.swap ?? true) {
      log(`[${docs}] generation swap after a one-file change…`);
      swap = await runChild<SwapFigures>(
        "swap",
        { ...base, questions, scratch: join(o.workdir, `swap-${docs}-s${o.seed}`), root: ROOT, execArgv: tsxExecArgv() },
        { execArgv: tsxExecArgv(["--expose-gc"]) },
      );
    }
    log(`[${docs}] search p95 ${serve.search.p95} ms, ask p95 ${serve.ask.p95} ms; baselines…`);
    const baselinesFile = join(o.workdir, `baselines-${docs}-s${o.seed}.json`);
    const baselines =
      o.reuseBaselines && existsSync(baselinesFile)
        ? (JSON.parse(readFileSync(baselinesFile, "utf8")) as BaselineFigures)
        : await runChild<BaselineFigures>(
            "baselines",
            { ...base, questions, annFile, baselineQueries: o.baselineQueries ?? (docs <= 2000 ? 100 : 20), minisearch: o.minisearch ?? true },
            { execArgv: tsxExecArgv(["--max-old-space-size=12288"]) },
          );
    writeFileSync(baselinesFile, JSON.stringify(baselines));
    let bot: BotFigures | null = null;
    if (o.bot) {
      log(`[${docs}] bot…`);
      bot = await runChild<BotFigures>("bot", { ...base, questions, updates: o.botUpdates, chats: o.botChats });
    }
    scales.push({ docs, corpus: { dir, ...corpus }, ingest, coldStart, serve, baselines, bot, swap });
  }
  machine.loadAvgEnd = Math.round(loadavg()[0] * 100) / 100;
  return { machine, options: { ...o, log: undefined }, scales };
}

// ---------------------------------------------------------------- table

interface Row {
  label: string;
  target?: string;
  value: (s: ScaleResult) => string;
}

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "n/a");
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "n/a");
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "n/a");
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "n/a");
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
const lat = (l: { p50: number; p95: number; p99: number }) => `${f2(l.p50)} / ${f2(l.p95)} / ${f2(l.p99)}`;
/** Our p50 over the questions the baselines ran (the first N), for like-for-like ratios. */
const subsetP50 = (xs: number[], n: number) => percentile(xs.slice(0, n), 50);

export const ROWS: Row[] = [
  { label: "corpus: documents / MB / questions", value: (s) => `${f0(s.ingest.files)} / ${f1(s.ingest.bytes / 1048576)} / ${s.serve.questions}` },
  { label: "parse: documents/s · MB/s", value: (s) => `${f0(s.ingest.parse.docsPerSec)} · ${f2(s.ingest.parse.mbPerSec)}` },
  {
    label: "full ingest: time · passages · passages/s",
    target: "≤ 10 min",
    value: (s) => `${f1(s.ingest.ingest.ms / 1000)} s · ${f0(s.ingest.ingest.passages)} · ${f0(s.ingest.ingest.passagesPerSec)}`,
  },
  { label: "re-ingest, one file changed", target: "≤ 1 s", value: (s) => `${f0(s.ingest.reingestOne.ms)} ms` },
  { label: "re-ingest, nothing changed", value: (s) => `${f0(s.ingest.reingestNone.ms)} ms` },
  { label: "index size on disk", value: (s) => mb(s.ingest.indexBytes) },
  {
    label: "peak RSS: ingest · serving · cold start · with the vector graph",
    target: "≤ 2 GB",
    value: (s) =>
      `${f0(s.ingest.peakRssMB)} · ${f0(s.serve.servingRssMB ?? s.serve.peakRssMB)} · ${f0(Math.max(...s.serve.cold.map((c) => c.peakRssMB)))} · ${f0(s.serve.peakRssMB)} MB`,
  },
  {
    label: "cold start, process start → first answer of minutes ask (median): compiled · tsx",
    target: "≤ 3 s",
    value: (s) => {
      const c = s.coldStart;
      const compiled = c.compiled ? `${f0(c.compiled.medianMs)} ms${c.dist === "stale" ? " (dist/ older than src/)" : ""}` : `n/a (${c.reason})`;
      return `${compiled} · ${f0(c.tsx.medianMs)} ms`;
    },
  },
  {
    label: "cold start in one tsx process, no index check (median): total (load)",
    value: (s) => `${f0(s.serve.coldMedianMs)} ms (load ${f0(s.serve.cold[0]?.loadMs ?? NaN)})`,
  },
  { label: "search p50 / p95 / p99 (ms)", target: "p95 ≤ 30", value: (s) => lat(s.serve.search) },
  { label: "extractive ask p50 / p95 / p99 (ms)", target: "p95 ≤ 50", value: (s) => lat(s.serve.ask) },
  { label: "ask p95 − search p95 (ms): the answer's own cost", target: "≤ 10", value: (s) => f1(s.serve.ask.p95 - s.serve.search.p95) },
  {
    label: "督办台账: rows · build · filtered listing p50 / p95 · RSS once built",
    value: (s) =>
      `${f0(s.serve.ledger.rows)} · ${f0(s.serve.ledger.buildMs)} ms · ${f2(s.serve.ledger.filter.p50)} / ${f2(s.serve.ledger.filter.p95)} ms · ${f0(s.serve.ledger.rssMB)} MB`,
  },
  {
    label: "swap after a one-file change: ingest end → served · peak RSS ÷ serving RSS",
    target: "≤ 2 s · ≤ 1.3×",
    value: (s) =>
      s.swap
        ? `${f0(s.swap.servedMs)} ms · ${f2(s.swap.swapPeakRssMB / s.swap.servingRssMB)}× (${f0(s.swap.swapPeakRssMB)} ÷ ${f0(s.swap.servingRssMB)} MB)`
        : "skipped",
  },
  {
    label: "beside it, a full reload of that generation: time · peak RSS ÷ serving RSS",
    value: (s) => (s.swap ? `${f0(s.swap.fullReloadMs)} ms · ${f2(s.swap.fullReloadPeakRssMB / s.swap.servingRssMB)}×` : "skipped"),
  },
  {
    label: "top-1 item · top-1 minutes · answers correct",
    value: (s) => `${pct(s.serve.accuracy.top1Item)} · ${pct(s.serve.accuracy.top1Doc)} · ${pct(s.serve.accuracy.answerCorrect)}`,
  },
  { label: "ANN (hnsw) k=10 p50 / p95 / p99 (ms)", value: (s) => `${lat(s.serve.ann.search)} (ef ${s.serve.ann.efSearch})` },
  { label: "exact brute force p50 / p95 / p99 (ms)", value: (s) => `${lat(s.baselines.exact.search)} (${s.baselines.exact.queries} q)` },
  {
    label: "ANN speed-up over exact (p50, same queries)",
    target: "≥ 10×",
    value: (s) => `${f0(s.baselines.exact.search.p50 / subsetP50(s.serve.perQuestion.ann, s.baselines.queries))}×`,
  },
  {
    label: "ANN recall@10 (ties within 1e-3 · strict) · recall@100",
    target: "≥ 0.98",
    value: (s) => `${s.baselines.recallAt10Eps.toFixed(3)} · ${s.baselines.recallAt10.toFixed(3)} · ${s.baselines.recallAt100.toFixed(3)}`,
  },
  {
    label: "ANN efSearch sweep: ef → recall@10 (ties), p50 ms",
    value: (s) =>
      Object.entries(s.baselines.recallByEf)
        .map(([ef, r]) => `${ef}→${r.eps.toFixed(3)}, ${f2(s.serve.ann.sweep[Number(ef)]?.p50 ?? NaN)}`)
        .join("; "),
  },
  { label: "keyword-only retrieval p50 / p95 (ms)", value: (s) => `${f2(s.serve.keywordOnly.p50)} / ${f2(s.serve.keywordOnly.p95)}` },
  {
    label: "minisearch p50 / p95 (ms) · build · heap",
    value: ({ baselines: { minisearch: m } }) =>
      m ? `${f2(m.search.p50)} / ${f2(m.search.p95)} · ${f1(m.buildMs / 1000)} s · ${f0(m.heapMB)} MB` : "skipped (--no-minisearch)",
  },
  {
    label: "minisearch p50 ÷ our keyword p50 (same queries)",
    value: (s) =>
      s.baselines.minisearch ? `${f1(s.baselines.minisearch.search.p50 / subsetP50(s.serve.perQuestion.keyword, s.baselines.queries))}×` : "skipped",
  },
  {
    label: "bot burst: updates/s · p95 latency · lost",
    target: "≥ 300/s, 0 lost",
    value: (s) => {
      const r = s.bot?.runs.find((x) => x.mode === "burst");
      return r ? `${f0(r.updatesPerSec)}/s · ${f0(r.latency.p95)} ms · ${r.lost}` : (s.bot?.reason ?? "skipped");
    },
  },
  {
    label: "bot plumbing (/help, no engine): updates/s · p95 · lost",
    value: (s) => {
      const r = s.bot?.runs.find((x) => x.mode === "plumbing");
      return r ? `${f0(r.updatesPerSec)}/s · ${f0(r.latency.p95)} ms · ${r.lost}` : (s.bot?.reason ?? "skipped");
    },
  },
  {
    label: "bot paced: feed rate · p50 / p95 latency · lost",
    value: (s) => {
      const r = s.bot?.runs.find((x) => x.mode === "paced");
      return r ? `${r.feedRate}/s · ${f0(r.latency.p50)} / ${f0(r.latency.p95)} ms · ${r.lost}` : (s.bot?.reason ?? "skipped");
    },
  },
];

export function renderTable(r: BenchResult): string {
  const head = ["", ...r.scales.map((s) => `${f0(s.docs)} docs`), "target (10k)"];
  const rows = ROWS.map((row) => [row.label, ...r.scales.map((s) => row.value(s)), row.target ?? ""]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((x) => [...x[i]].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c + " ".repeat(widths[i] - [...c].length)).join(" | ")} |`;
  const m = r.machine;
  return [
    `machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGB} GB, Node ${m.node}, ${m.platform}, ${m.date}, load avg ${m.loadAvgStart} → ${m.loadAvgEnd ?? "?"}`,
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ].join("\n");
}

// ---------------------------------------------------------------- CLI

const HELP = `usage: npm run bench -- [options]   (or: npx tsx bench/main.ts [options])

  --docs N[,N…]          corpus sizes, one column each (default 1000)
  --json FILE            also write every figure as JSON
  --seed S               corpus seed (default 1)
  --workdir DIR          corpora, indexes and intermediate files, reused across runs
                         (default $TMPDIR/minutes-qa-bench)
  --questions N          generated questions per corpus (default 600)
  --baseline-queries N   the first N questions through both baselines
                         (default 100 up to 2,000 documents, else 20)
  --cold-runs N          cold starts each way: minutes ask compiled (node dist/…) and
                         through tsx, alternating, and in one tsx process (default 3)
  --no-build             do not run npm run build when dist/ is missing or older than src/
                         (a stale dist/ is measured as it is and marked so)
  --bot-updates N        updates per bot run (default 2000)
  --bot-chats N          chats they come from (default 200)
  --no-bot               skip the bot through the fake Bot API
  --no-minisearch        skip the minisearch baseline (its build takes ≈ 22 min at 10,000 documents)
  --reuse-index          keep the index and ingest figures an earlier run left in the workdir
  --reuse-baselines      take the baselines' figures from an earlier run on the same index
  --no-swap              skip the generation swap after a one-file change
  -h, --help             this text
`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      docs: { type: "string", default: "1000" },
      json: { type: "string" },
      seed: { type: "string", default: "1" },
      workdir: { type: "string" },
      questions: { type: "string", default: "600" },
      "baseline-queries": { type: "string" },
      "cold-runs": { type: "string", default: "3" },
      "bot-updates": { type: "string", default: "2000" },
      "bot-chats": { type: "string", default: "200" },
      "no-bot": { type: "boolean", default: false },
      "no-minisearch": { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      "reuse-index": { type: "boolean", default: false },
      "reuse-baselines": { type: "boolean", default: false },
      "no-swap": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const docs = String(values.docs)
    .split(",")
    .map((x) => Number(x.trim()));
  if (docs.some((d) => !Number.isInteger(d) || d < 1)) {
    process.stderr.write("--docs takes comma-separated positive integers\n");
    process.exit(2);
  }
  const questions = Number(values.questions);
  const opts: BenchOptions = {
    docs,
    seed: Number(values.seed),
    workdir: resolve(values.workdir ?? join(tmpdir(), "minutes-qa-bench")),
    questions,
    baselineQueries: values["baseline-queries"] ? Number(values["baseline-queries"]) : undefined,
    coldRuns: Number(values["cold-runs"]),
    botUpdates: Number(values["bot-updates"]),
    botChats: Number(values["bot-chats"]),
    bot: !values["no-bot"],
    minisearch: !values["no-minisearch"],
    buildDist: !values["no-build"],
    reuseIndex: Boolean(values["reuse-index"]),
    reuseBaselines: Boolean(values["reuse-baselines"]),
    swap: !values["no-swap"],
    lexiconDir: join(ROOT, "data/lexicon"),
    log: (s) => process.stderr.write(`${s}\n`),
  };
  mkdirSync(opts.workdir, { recursive: true });
  const result = await runBench(opts);
  process.stdout.write(`${renderTable(result)}\n`);
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
    process.stderr.write(`wrote ${values.json}\n`);
  }
}
