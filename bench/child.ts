/**
 * The benchmark's child processes, one per kind of measurement, so each
 * reports its own peak RSS: `ingest`, `serve` (warm latency, accuracy, ANN),
 * `cold` (a fresh process: load the index and answer once), `swap` (see swap.ts), `baselines`
 * (exact brute-force cosine and minisearch on the same queries), `bot` and
 * `fake-telegram`. Started by main.ts through child_process.fork; results go
 * back over IPC as one message.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { peakRssMB, round, summarize } from "./stats.js";
import { swapChild } from "./swap.js";

export const CHILD_SCRIPT = fileURLToPath(import.meta.url);

/** efSearch settings the ANN is also measured at (latency here, recall in the baselines). */
export const EF_SWEEP = [100, 200, 400, 700, 1000];

/** Node flags for a child that runs TypeScript: this process's when it runs under tsx, else tsx's loader. */
export function tsxExecArgv(extra: string[] = []): string[] {
  if (process.execArgv.some((a) => a.includes("tsx"))) return [...process.execArgv, ...extra];
  return ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href, ...extra];
}

/** Runs a child command and resolves with its one result message. */
export function runChild<T>(command: string, args: unknown, opts: { execArgv?: string[]; timeoutMs?: number } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(CHILD_SCRIPT, [command], {
      execArgv: opts.execArgv ?? tsxExecArgv(),
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: { ok: true; value: T } | { ok: false; error: string } | null = null;
    const timer = opts.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs) : null;
    child.on("message", (m) => {
      const msg = m as { type: string; value?: T; error?: string };
      if (msg.type === "result") result = { ok: true, value: msg.value as T };
      else if (msg.type === "error") result = { ok: false, error: msg.error ?? "unknown error" };
      else if (msg.type === "ready") child.send({ type: "args", args });
    });
    child.on("exit", (code, signal) => {
      if (timer) clearTimeout(timer);
      if (result?.ok) resolve(result.value);
      else reject(new Error(`bench child «${command}» failed: ${result && !result.ok ? result.error : `exit ${code ?? signal}`}`));
    });
  });
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return n;
}

function listTxt(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listTxt(p));
    else if (e.name.endsWith(".txt")) out.push(p);
  }
  return out.sort();
}

interface QuestionLine {
  id: string;
  q: string;
  items: number[];
  must: string[];
  alt?: string[];
  kind: string;
  minutesId: string;
}

export function readQuestions(file: string): QuestionLine[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as QuestionLine);
}

// ---------------------------------------------------------------- ingest

export interface IngestArgs {
  minutesDir: string;
  indexDir: string;
  lexiconDir: string;
}

export interface IngestFigures {
  files: number;
  bytes: number;
  parse: { ms: number; docsPerSec: number; mbPerSec: number };
  ingest: { ms: number; documents: number; passages: number; passagesPerSec: number; phases: Record<string, number> };
  reingestOne: { ms: number; changed: number };
  reingestNone: { ms: number };
  indexBytes: number;
  peakRssMB: number;
}

async function ingestChild(a: IngestArgs): Promise<IngestFigures> {
  const { readMinutesFile } = await import("../src/minutes/read.js");
  const { ingest } = await import("../src/index/ingest.js");
  const files = listTxt(a.minutesDir);
  let bytes = 0;
  const tp = performance.now();
  for (const f of files) {
    bytes += statSync(f).size;
    await readMinutesFile(f);
  }
  const parseMs = performance.now() - tp;

  const phases: Record<string, number> = {};
  let phase = "";
  let at = performance.now();
  const t0 = at;
  const s = await ingest({
    minutesDir: a.minutesDir,
    indexDir: a.indexDir,
    lexiconDir: a.lexiconDir,
    embedder: { provider: "local" },
    rebuild: true,
    onProgress: (p) => {
      if (p.phase === phase) return;
      const now = performance.now();
      if (phase) phases[phase] = round((phases[phase] ?? 0) + now - at, 0);
      phase = p.phase;
      at = now;
    },
  });
  const ingestMs = performance.now() - t0;
  if (phase) phases[phase] = round((phases[phase] ?? 0) + performance.now() - at, 0);
  if (s.failed.length) throw new Error(`ingest failed on ${s.failed.length} files: ${s.failed[0].message}`);

  // One changed file: a small edit inside the first report sentence keeps the same minutes id.
  const victim = files[Math.floor(files.length / 2)];
  const before = readFileSync(victim, "utf8");
  writeFileSync(victim, before.replace("的汇报。", "的汇报（修订稿）。"));
  const t1 = performance.now();
  const one = await ingest({ minutesDir: a.minutesDir, indexDir: a.indexDir, lexiconDir: a.lexiconDir, embedder: { provider: "local" } });
  const oneMs = performance.now() - t1;
  writeFileSync(victim, before);
  // Back to the original text, so the index matches the corpus the questions were made from.
  await ingest({ minutesDir: a.minutesDir, indexDir: a.indexDir, lexiconDir: a.lexiconDir, embedder: { provider: "local" } });
  const t2 = performance.now();
  await ingest({ minutesDir: a.minutesDir, indexDir: a.indexDir, lexiconDir: a.lexiconDir, embedder: { provider: "local" } });
  const noneMs = performance.now() - t2;

  return {
    files: files.length,
    bytes,
    parse: { ms: round(parseMs, 0), docsPerSec: round(files.length / (parseMs / 1000)), mbPerSec: round(bytes / 1048576 / (parseMs / 1000), 2) },
    ingest: { ms: round(ingestMs, 0), documents: s.documents, passages: s.passages, passagesPerSec: round(s.passages / (ingestMs / 1000), 0), phases },
    reingestOne: { ms: round(oneMs, 0), changed: one.changed },
    reingestNone: { ms: round(noneMs, 0) },
    indexBytes: dirBytes(a.indexDir),
    peakRssMB: peakRssMB(),
  };
}

// ---------------------------------------------------------------- cold start

export interface ColdArgs {
  minutesDir: string;
  indexDir: string;
  lexiconDir: string;
  question: string;
}

export interface ColdFigures {
  /** From process start (performance.timeOrigin) to the first answer. */
  totalMs: number;
  bootMs: number;
  importMs: number;
  loadMs: number;
  firstAnswerMs: number;
  found: boolean;
  peakRssMB: number;
}

async function coldChild(a: ColdArgs): Promise<ColdFigures> {
  const t0 = performance.now();
  const { openEngine } = await import("../src/answer/engine.js");
  const { loadConfig } = await import("../src/config.js");
  const { FULL_ACCESS } = await import("../src/answer/types.js");
  const t1 = performance.now();
  const engine = await openEngine({ config: loadConfig({ MINUTES_DIR: a.minutesDir, INDEX_DIR: a.indexDir, LEXICON_DIR: a.lexiconDir }), ensureIndex: false });
  const t2 = performance.now();
  const ans = await engine.ask(a.question, { access: FULL_ACCESS });
  const t3 = performance.now();
  return {
    totalMs: round(t3, 0),
    bootMs: round(t0, 0),
    importMs: round(t1 - t0, 0),
    loadMs: round(t2 - t1, 0),
    firstAnswerMs: round(t3 - t2, 1),
    found: ans.found,
    peakRssMB: peakRssMB(),
  };
}

// ---------------------------------------------------------------- serve

export interface ServeArgs {
  minutesDir: string;
  indexDir: string;
  lexiconDir: string;
  questions: string;
  /** Where to write query vectors and ANN results for the baselines child. */
  annFile: string;
  coldRuns: number;
}

export interface ServeFigures {
  cold: ColdFigures[];
  coldMedianMs: number;
  questions: number;
  search: ReturnType<typeof summarize>;
  ask: ReturnType<typeof summarize>;
  keywordOnly: ReturnType<typeof summarize>;
  ann: { search: ReturnType<typeof summarize>; efSearch: number; sweep: Record<number, ReturnType<typeof summarize>> };
  /** Per question, in question order: keyword-only retrieval and ANN latency (ms), for ratios on the baselines' subset. */
  perQuestion: { keyword: number[]; ann: number[] };
  accuracy: {
    /** First search hit is the expected agenda item of the expected minutes (questions with an item). */
    top1Item: number;
    /** First search hit comes from the expected minutes (all questions). */
    top1Doc: number;
    /** Extractive answers: expected item (or minutes, for meta) cited first and the must-phrase present. */
    answerCorrect: number;
    byKind: Record<string, { n: number; top1: number; answer: number; search?: ReturnType<typeof summarize>; searchMs?: number[] }>;
  };
  loadMs: number;
  /** Peak RSS after the search and ask questions, before the ANN measurement loads the vector graph. */
  servingRssMB: number;
  /** The 督办台账: rows, build time, a filtered listing's latency (six filters, five times each), and RSS once built. */
  ledger: { rows: number; buildMs: number; filter: ReturnType<typeof summarize>; rssMB: number };
  /** Whether serving had loaded the graph by then (false with the local embedder). */
  graphLoaded: boolean;
  /** Peak RSS of the whole child, the graph loaded for the ANN figures included. */
  peakRssMB: number;
}

async function serveChild(a: ServeArgs): Promise<ServeFigures> {
  const cold: ColdFigures[] = [];
  for (let i = 0; i < a.coldRuns; i++) {
    const qs = readQuestions(a.questions);
    cold.push(await runChild<ColdFigures>("cold", { ...a, question: qs[i % qs.length].q }));
  }
  const { openEngine } = await import("../src/answer/engine.js");
  const { loadConfig } = await import("../src/config.js");
  const { FULL_ACCESS } = await import("../src/answer/types.js");
  const tl = performance.now();
  const engine = await openEngine({ config: loadConfig({ MINUTES_DIR: a.minutesDir, INDEX_DIR: a.indexDir, LEXICON_DIR: a.lexiconDir }), ensureIndex: false });
  const loadMs = performance.now() - tl;
  const questions = readQuestions(a.questions);
  const retriever = engine.retriever;
  const vectors = retriever.index.vectors;
  const embeddings = vectors.embeddings;

  // Warm-up: JIT and caches.
  for (const q of questions.slice(0, 30)) {
    await engine.search(q.q, { k: 5, access: FULL_ACCESS });
    await engine.ask(q.q, { access: FULL_ACCESS });
  }

  const searchMs: number[] = [];
  const askMs: number[] = [];
  const kwMs: number[] = [];
  const annMs: number[] = [];
  let top1Item = 0,
    withItem = 0,
    top1Doc = 0,
    correct = 0;
  const byKind: ServeFigures["accuracy"]["byKind"] = {};
  const ann: { qv: number[]; top10: number[]; top100: number[]; byEf: Record<number, number[]> }[] = [];
  for (const q of questions) {
    const k = (byKind[q.kind] ??= { n: 0, top1: 0, answer: 0, searchMs: [] as number[] });
    k.n++;
    let t = performance.now();
    const hits = await engine.search(q.q, { k: 5, access: FULL_ACCESS });
    searchMs.push(performance.now() - t);
    k.searchMs!.push(performance.now() - t);
    t = performance.now();
    const answer = await engine.ask(q.q, { access: FULL_ACCESS });
    askMs.push(performance.now() - t);
    t = performance.now();
    await retriever.retrieve(q.q, { k: 10, mode: "keyword", access: FULL_ACCESS });
    kwMs.push(performance.now() - t);

    const first = hits[0];
    if (first?.minutesId === q.minutesId) top1Doc++;
    if (q.items.length) {
      withItem++;
      if (first?.minutesId === q.minutesId && first.item && q.items.includes(first.item.ordinal)) {
        top1Item++;
        k.top1++;
      }
    } else if (first?.minutesId === q.minutesId) k.top1++;
    const c0 = answer.citations[0];
    const text = `${answer.answer}\n${answer.citations.map((c) => c.quote).join("\n")}`;
    const phraseOk = q.must.every((p) => text.includes(p)) || (q.alt ?? []).some((x) => text.includes(x));
    const targetOk = c0?.minutesId === q.minutesId && (q.items.length === 0 || (c0.item !== null && q.items.includes(c0.item.ordinal)));
    if (answer.found && targetOk && phraseOk) {
      correct++;
      k.answer++;
    }
  }
  // What serving the product holds: the engine with the local embedder never loads the graph.
  const servingRssMB = peakRssMB();
  const graphLoaded = vectors.loaded;

  // The 督办台账: built once per generation from every record (it reads them all), then filtered per request.
  const { LedgerService } = await import("../src/ledger/service.js");
  const { markStore } = await import("../src/ledger/marks.js");
  const marksDir = mkdtempSync(join(tmpdir(), "minutes-bench-marks-"));
  const ledgerService = new LedgerService({ engine, marks: markStore({ LEDGER_MARKS: join(marksDir, "marks.jsonl") }) });
  const tb = performance.now();
  const ledgerRows = ledgerService.book().tasks.length;
  const ledgerBuildMs = performance.now() - tb;
  const filters = [{}, { open: true }, { status: "逾期" as const }, { unit: "市住建局" }, { month: "2024-05" }, { text: "交通规划" }];
  const ledgerMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    for (const f of filters) {
      const t = performance.now();
      await ledgerService.rows(f, FULL_ACCESS);
      ledgerMs.push(performance.now() - t);
    }
  }
  rmSync(marksDir, { recursive: true, force: true });
  const ledgerRssMB = peakRssMB();

  // The ANN on its own (it needs the graph): the query vector the retriever builds, k = 10 at the configured efSearch.
  await vectors.load();
  for (const q of questions) {
    const aq = retriever.analyze(q.q);
    const qv = await embeddings.embedQuery([aq.core, ...aq.expansions].join(" ") || aq.raw);
    const t = performance.now();
    const r10 = vectors.searchLabels(qv, 10);
    annMs.push(performance.now() - t);
    const r100 = vectors.searchLabels(qv, 100);
    ann.push({ qv, top10: r10.map((r) => r.label), top100: r100.map((r) => r.label), byEf: {} });
  }
  // Recall against efSearch: the same queries at other settings (recall is computed by the baselines child).
  const efSweep: Record<number, ReturnType<typeof summarize>> = {};
  const ef0 = vectors.params.efSearch;
  for (const ef of EF_SWEEP) {
    vectors.params.efSearch = ef;
    const ms: number[] = [];
    for (const x of ann) {
      const t = performance.now();
      x.byEf[ef] = vectors.searchLabels(x.qv, 10).map((r) => r.label);
      ms.push(performance.now() - t);
    }
    efSweep[ef] = summarize(ms);
  }
  vectors.params.efSearch = ef0;
  writeFileSync(a.annFile, JSON.stringify(ann));
  const n = questions.length;
  for (const v of Object.values(byKind)) {
    v.top1 = round(v.top1 / v.n, 3);
    v.answer = round(v.answer / v.n, 3);
    v.search = summarize(v.searchMs!);
    delete v.searchMs;
  }
  const coldTotals = cold.map((c) => c.totalMs).sort((x, y) => x - y);
  return {
    cold,
    coldMedianMs: coldTotals[Math.floor(coldTotals.length / 2)] ?? NaN,
    questions: n,
    search: summarize(searchMs),
    ask: summarize(askMs),
    keywordOnly: summarize(kwMs),
    ann: { search: summarize(annMs), efSearch: vectors.params.efSearch, sweep: efSweep },
    perQuestion: { keyword: kwMs.map((x) => round(x, 3)), ann: annMs.map((x) => round(x, 3)) },
    accuracy: { top1Item: round(top1Item / Math.max(1, withItem), 3), top1Doc: round(top1Doc / n, 3), answerCorrect: round(correct / n, 3), byKind },
    loadMs: round(loadMs, 0),
    servingRssMB,
    graphLoaded,
    ledger: { rows: ledgerRows, buildMs: round(ledgerBuildMs, 0), filter: summarize(ledgerMs), rssMB: ledgerRssMB },
    peakRssMB: peakRssMB(),
  };
}

// ---------------------------------------------------------------- baselines

export interface BaselineArgs {
  minutesDir: string;
  indexDir: string;
  lexiconDir: string;
  questions: string;
  annFile: string;
  /** Queries (the first N questions) for both baselines: they are slow at scale. */
  baselineQueries: number;
  /** Build and query minisearch too (its build takes ≈ 22 min at 10,000 documents). */
  minisearch: boolean;
}

export interface BaselineFigures {
  vectors: number;
  dimension: number;
  exact: { search: ReturnType<typeof summarize>; queries: number };
  queries: number;
  recallAt10: number;
  /** ann-benchmarks' definition: an ANN neighbour counts when its similarity is within 1e-3 of the 10th exact one (ties). */
  recallAt10Eps: number;
  /** Recall@10 (strict and with ties) at each efSearch of the sweep. */
  recallByEf: Record<string, { strict: number; eps: number }>;
  recallAt100: number;
  /** null when skipped (--no-minisearch). */
  minisearch: MinisearchFigures | null;
  peakRssMB: number;
}

export interface MinisearchFigures {
  buildMs: number;
  search: ReturnType<typeof summarize>;
  heapMB: number;
}

async function baselinesChild(a: BaselineArgs): Promise<BaselineFigures> {
  const { readAllVectors } = await import("../src/index/store.js");
  const ann = JSON.parse(readFileSync(a.annFile, "utf8")) as { qv: number[]; top10: number[]; top100: number[]; byEf: Record<number, number[]> }[];
  const sweepHits: Record<number, { strict: number; eps: number }> = {};
  const all = await readAllVectors(a.indexDir);
  const { dimension: D, count: N, data, live } = all;

  // LangChain's MemoryVectorStore: the cosine similarity of the query with every stored vector, then one sort.
  // (Vectors are Float32 rows here rather than number[] objects, which favours the baseline.)
  const norms = new Float32Array(N);
  const exactMs: number[] = [];
  let hit10 = 0,
    hit10eps = 0,
    hit100 = 0;
  const nq = Math.min(a.baselineQueries, ann.length);
  for (let qi = 0; qi < nq; qi++) {
    const q = ann[qi].qv;
    const t = performance.now();
    const scored: { similarity: number; index: number }[] = [];
    for (let i = 0; i < N; i++) {
      if (!live[i]) continue;
      const o = i * D;
      let dot = 0,
        na = 0,
        nb = 0;
      for (let j = 0; j < D; j++) {
        const x = q[j];
        const y = data[o + j];
        dot += x * y;
        na += x * x;
        nb += y * y;
      }
      norms[i] = nb;
      scored.push({ similarity: na && nb ? dot / (Math.sqrt(na) * Math.sqrt(nb)) : 0, index: i });
    }
    scored.sort((x, y) => (x.similarity > y.similarity ? -1 : x.similarity < y.similarity ? 1 : 0));
    const top = scored.slice(0, 100).map((s) => s.index);
    exactMs.push(performance.now() - t);
    const e10 = new Set(top.slice(0, 10));
    const e100 = new Set(top);
    hit10 += ann[qi].top10.filter((l) => e10.has(l)).length / Math.max(1, Math.min(10, e10.size));
    hit100 += ann[qi].top100.filter((l) => e100.has(l)).length / Math.max(1, Math.min(100, e100.size));
    const kth = scored[Math.min(9, scored.length - 1)]?.similarity ?? 0;
    let qn = 0;
    for (const x of q) qn += x * x;
    qn = Math.sqrt(qn) || 1;
    const simOf = (l: number) => {
      let dot = 0;
      for (let j = 0; j < D; j++) dot += q[j] * data[l * D + j];
      return dot / qn;
    };
    for (const l of ann[qi].top10) if (simOf(l) >= kth - 1e-3) hit10eps++;
    for (const [ef, labels] of Object.entries(ann[qi].byEf ?? {})) {
      const h = (sweepHits[Number(ef)] ??= { strict: 0, eps: 0 });
      h.strict += labels.filter((l) => e10.has(l)).length / 10;
      h.eps += labels.filter((l) => simOf(l) >= kth - 1e-3).length / 10;
    }
  }

  return {
    vectors: live.reduce((n, x) => n + x, 0),
    dimension: D,
    exact: { search: summarize(exactMs), queries: nq },
    queries: nq,
    recallAt10: round(hit10 / Math.max(1, nq), 4),
    recallAt10Eps: round(hit10eps / Math.max(1, nq) / 10, 4),
    recallByEf: Object.fromEntries(
      Object.entries(sweepHits).map(([ef, h]) => [ef, { strict: round(h.strict / Math.max(1, nq), 4), eps: round(h.eps / Math.max(1, nq), 4) }]),
    ),
    recallAt100: round(hit100 / Math.max(1, nq), 4),
    minisearch: a.minisearch ? await minisearchBaseline(a, nq, live) : null,
    peakRssMB: peakRssMB(),
  };
}

/** minisearch over the same passage texts with the same tokenizers (bigrams and jieba words over heading path + text, and the title field). */
async function minisearchBaseline(a: BaselineArgs, nq: number, live: Uint8Array): Promise<MinisearchFigures> {
  const { loadIndex } = await import("../src/index/store.js");
  const { passageIndexText, registerDomainWords } = await import("../src/index/ingest.js");
  const { loadLexicon } = await import("../src/index/lexicon.js");
  const { analyzeQuery } = await import("../src/retrieval/query.js");
  const { bigrams, words } = await import("../src/index/tokenize.js");
  const MiniSearch = (await import("minisearch")).default;
  const index = await loadIndex(a.indexDir);
  const lexicon = await loadLexicon(a.lexiconDir);
  registerDomainWords(index.minutes, lexicon);
  const byId = new Map(index.minutes.map((m) => [m.id, m]));
  const heap0 = process.memoryUsage().heapUsed;
  const tb = performance.now();
  const ms = new MiniSearch<{ id: number; text: string; title: string }>({
    fields: ["bigram", "word", "title"],
    extractField: (doc, field) => (field === "id" ? String(doc.id) : field === "title" ? doc.title : doc.text),
    tokenize: (text, field) => (field === "word" ? words(text) : bigrams(text)),
    processTerm: (t) => t,
    searchOptions: { combineWith: "OR" },
  });
  const passages = index.passages;
  for (let i = 0; i < passages.length; i++) {
    const p = passages[i];
    if (!live[i]) continue;
    const m = byId.get(p.minutesId)!;
    const item = p.itemOrdinal === null ? null : m.items[p.itemOrdinal - 1];
    const title = item ? `${item.title} ${item.documents.join(" ")} ${item.reportingUnit ?? ""}` : `${m.title} ${p.section}`;
    ms.add({ id: i, text: passageIndexText(m, p), title });
  }
  const buildMs = performance.now() - tb;
  const heapMB = Math.round((process.memoryUsage().heapUsed - heap0) / 1048576);
  const qs = readQuestions(a.questions).slice(0, nq);
  const miniMs: number[] = [];
  for (const q of qs) {
    const t = performance.now();
    const aq = analyzeQuery(q.q, lexicon);
    const text = [aq.core, ...aq.expansions].join(" ");
    ms.search({
      combineWith: "OR",
      queries: [
        { queries: [text], fields: ["bigram"], tokenize: (s: string) => bigrams(s), boost: { bigram: 1 } },
        { queries: [text], fields: ["word"], tokenize: (s: string) => words(s), boost: { word: 0.6 } },
        { queries: [text], fields: ["title"], tokenize: (s: string) => bigrams(s), boost: { title: 0.5 } },
      ],
    } as unknown as string);
    miniMs.push(performance.now() - t);
  }
  return { buildMs: round(buildMs, 0), search: summarize(miniMs), heapMB };
}

// ---------------------------------------------------------------- bot

export interface BotArgs {
  minutesDir: string;
  indexDir: string;
  lexiconDir: string;
  questions: string;
  updates: number;
  chats: number;
}

export interface BotRun {
  /** burst: all questions at once; paced: questions at 70% of the burst rate; plumbing: «/help» (no engine) at once. */
  mode: "burst" | "paced" | "plumbing";
  updates: number;
  replies: number;
  lost: number;
  seconds: number;
  updatesPerSec: number;
  latency: ReturnType<typeof summarize>;
  feedRate: number | null;
}

export interface BotFigures {
  available: boolean;
  reason?: string;
  runs: BotRun[];
  errors: number;
  peakRssMB: number;
}

interface FeedCommand {
  type: "feed";
  updates: { chat: number; text: string }[];
  /** Updates per second; 0 pushes them all at once. */
  rate: number;
  timeoutMs: number;
}

async function botChild(a: BotArgs): Promise<BotFigures> {
  const { existsSync } = await import("node:fs");
  const here = fileURLToPath(new URL(".", import.meta.url));
  if (!existsSync(join(here, "../src/bot/create-bot.ts")) || !existsSync(join(here, "../src/bot/run.ts"))) {
    return { available: false, reason: "src/bot is not there yet", runs: [], errors: 0, peakRssMB: peakRssMB() };
  }
  const { createBot } = await import("../src/bot/create-bot.js");
  const { runBot } = await import("../src/bot/run.js");
  const { openEngine } = await import("../src/answer/engine.js");
  const { loadConfig } = await import("../src/config.js");
  const { silentLogger } = await import("../src/log.js");

  // The fake Bot API server runs in its own process, as Telegram would.
  const fake = fork(CHILD_SCRIPT, ["fake-telegram"], { execArgv: tsxExecArgv(), stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const fromFake = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const on = (m: unknown) => {
        const msg = m as { type: string; value: T; error?: string };
        if (msg.type === type) {
          fake.off("message", on);
          resolve(msg.value);
        } else if (msg.type === "error") reject(new Error(msg.error));
      };
      fake.on("message", on);
    });
  const started = fromFake<{ apiRoot: string; token: string }>("started");
  const { apiRoot, token } = await started;

  const sessions = mkdtempSync(join(tmpdir(), "minutes-bench-sessions-"));
  const users = Array.from({ length: a.chats * 3 }, (_, i) => 1000 + i);
  const config = loadConfig({
    MINUTES_DIR: a.minutesDir,
    INDEX_DIR: a.indexDir,
    LEXICON_DIR: a.lexiconDir,
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_API_ROOT: apiRoot,
    SESSION_DIR: sessions,
    FEEDBACK_LOG: join(sessions, "feedback.jsonl"),
    BOT_INTERNAL_USERS: users.join(","),
    LOG_LEVEL: "silent",
  });
  const engine = await openEngine({ config, ensureIndex: false });
  const created = createBot(engine, config, { log: silentLogger });
  const handle = await runBot(created, config, silentLogger, { pollTimeoutSeconds: 1, drainMs: 30_000 });
  const questions = readQuestions(a.questions);
  const runs: BotRun[] = [];
  try {
    for (const [round, mode] of (["burst", "paced", "plumbing"] as const).entries()) {
      const perChat = Math.ceil(a.updates / a.chats);
      const updates: { chat: number; text: string }[] = [];
      // Interleave chats: chat 1 q1, chat 2 q1, …, chat 1 q2, …
      for (let k = 0; k < perChat; k++) {
        for (let c = 0; c < a.chats && updates.length < a.updates; c++) {
          updates.push({ chat: users[round * a.chats + c], text: mode === "plumbing" ? "/help" : questions[(k * a.chats + c) % questions.length].q });
        }
      }
      const burst = runs[0];
      const rate = mode === "paced" ? Math.max(5, Math.floor(Math.min(300, (burst?.updatesPerSec ?? 300) * 0.7))) : 0;
      const done = fromFake<Omit<BotRun, "mode" | "feedRate">>("fed");
      fake.send({ type: "feed", updates, rate, timeoutMs: 600_000 } satisfies FeedCommand);
      runs.push({ mode, ...(await done), feedRate: rate || null });
    }
  } finally {
    await handle.stop();
    fake.send({ type: "close" });
    rmSync(sessions, { recursive: true, force: true });
  }
  return { available: true, runs, errors: created.runtime.stats.errors, peakRssMB: peakRssMB() };
}

async function fakeTelegramChild(): Promise<void> {
  const { startFakeTelegram } = await import("../tests/fakes/telegram-server.js");
  const tg = await startFakeTelegram();
  process.send!({ type: "started", value: { apiRoot: tg.apiRoot, token: tg.token } });
  process.on("message", async (m) => {
    const cmd = m as FeedCommand | { type: "close" };
    if (cmd.type === "close") {
      await tg.close();
      process.exit(0);
    }
    if (cmd.type !== "feed") return;
    tg.clearCalls();
    const pushed = new Map<number, number[]>();
    const replies = new Map<number, number[]>();
    const t0 = Date.now();
    let seen = 0;
    const collect = () => {
      const calls = tg.calls;
      for (; seen < calls.length; seen++) {
        const c = calls[seen];
        if (c.method !== "sendMessage") continue;
        const chat = Number(c.payload.chat_id);
        replies.set(chat, [...(replies.get(chat) ?? []), c.at]);
      }
    };
    const total = cmd.updates.length;
    const push = (u: { chat: number; text: string }) => {
      pushed.set(u.chat, [...(pushed.get(u.chat) ?? []), Date.now()]);
      tg.sendText({ id: u.chat, type: "private" }, { id: u.chat, first_name: `U${u.chat}` }, u.text);
    };
    if (cmd.rate <= 0) cmd.updates.forEach(push);
    else {
      const every = 1000 / cmd.rate;
      for (let i = 0; i < total; i++) {
        const due = t0 + i * every;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        push(cmd.updates[i]);
        collect();
      }
    }
    const countReplies = () => [...replies.values()].reduce((n, r) => n + r.length, 0);
    while (Date.now() - t0 < cmd.timeoutMs) {
      collect();
      if (countReplies() >= total) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    // Late duplicates would show up here; wait a moment for stragglers.
    await new Promise((r) => setTimeout(r, 200));
    collect();
    const lat: number[] = [];
    let lost = 0;
    let last = t0;
    for (const [chat, ts] of pushed) {
      const rs = replies.get(chat) ?? [];
      ts.forEach((t, i) => {
        if (i < rs.length) {
          lat.push(rs[i] - t);
          last = Math.max(last, rs[i]);
        } else lost++;
      });
    }
    const seconds = (last - t0) / 1000;
    process.send!({
      type: "fed",
      value: {
        updates: total,
        replies: countReplies(),
        lost,
        seconds: round(seconds, 2),
        updatesPerSec: round((total - lost) / Math.max(0.001, seconds), 0),
        latency: summarize(lat),
      },
    });
  });
}

// ---------------------------------------------------------------- dispatch

const commands: Record<string, (args: never) => Promise<unknown>> = {
  ingest: ingestChild,
  cold: coldChild,
  serve: serveChild,
  baselines: baselinesChild,
  bot: botChild,
  swap: swapChild,
};

if (process.argv[1] === CHILD_SCRIPT && process.send) {
  const name = process.argv[2];
  if (name === "fake-telegram") {
    fakeTelegramChild().catch((e: unknown) => {
      process.send!({ type: "error", error: String((e as Error).stack ?? e) });
      process.exit(1);
    });
  } else {
    process.once("message", (m) => {
      const msg = m as { type: string; args: never };
      const fn = commands[name];
      if (!fn) {
        process.send!({ type: "error", error: `unknown child command ${name}` }, () => process.exit(2));
        return;
      }
      fn(msg.args)
        .then((value) => process.send!({ type: "result", value }, () => process.exit(0)))
        .catch((e: unknown) => process.send!({ type: "error", error: String((e as Error).stack ?? e) }, () => process.exit(1)));
    });
    process.send({ type: "ready" });
  }
}
