import { loadConfig } from "../../config.js";
import { embedderSpec } from "../../index/ensure.js";
import { evaluateMinutesSet, minutesSetQuestions, type ClassFigures } from "../../answer/evaluate.js";
import { runAblation, type AblationRow } from "../../retrieval/ablation.js";
import { InputError } from "../../errors.js";
import { ablateRetrievalSet, evaluateRetrievalSet } from "../../retrieval/eval.js";
import { loadLexicon } from "../../index/lexicon.js";
import type { Command } from "../args.js";
import { evaluateAnswerSet } from "../../answer/answer-eval.js";
import { openCliEngine } from "../open-engine.js";

/** The public answer sets shipped for `eval --answers --set NAME`: passages, questions, and another set's questions as negatives. */
const ANSWER_SETS: Record<string, { passages: string; queries: string; negatives: string }> = {
  cmrc: {
    passages: "tests/fixtures/eval/cmrc2018/passages.jsonl",
    queries: "tests/fixtures/eval/cmrc2018/queries.jsonl",
    negatives: "tests/fixtures/eval/drcd/queries-simplified.jsonl",
  },
  drcd: {
    passages: "tests/fixtures/eval/drcd/passages.jsonl",
    queries: "tests/fixtures/eval/drcd/queries-simplified.jsonl",
    negatives: "tests/fixtures/eval/cmrc2018/queries.jsonl",
  },
};
import { evaluateLedger } from "../../ledger/eval.js";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The ablation as a table, one line per variant. */
function ablationTable(rows: AblationRow[]): string[] {
  const width = Math.max(...rows.map((r) => r.name.length)) + 2;
  return [
    `${"method".padEnd(width)}R@1     R@5     R@20    MRR@20  ms/query`,
    ...rows.map(
      (r) => `${r.name.padEnd(width)}${r.r1.toFixed(3)}   ${r.r5.toFixed(3)}   ${r.r20.toFixed(3)}   ${r.mrr.toFixed(3)}   ${r.msPerQuery.toFixed(1)}`,
    ),
    `(${rows[0]?.queries ?? 0} queries)`,
  ];
}

export const evalCommand: Command = {
  name: "eval",
  summary: "measure retrieval and answers: a minutes question set, or any passages/queries set",
  summaryZh: "评测检索和回答：纪要问题集、任意段落/问题集，或公开答案集（CMRC、DRCD）",
  examples: [
    "minutes eval --set tests/fixtures/eval/seed-dev.jsonl",
    "minutes eval --passages P.jsonl --queries Q.jsonl --ablate",
    "minutes eval --answers --set cmrc --limit 500",
    "minutes eval --ledger",
  ],
  usage: "eval --set FILE | --passages P.jsonl --queries Q.jsonl [--ablate] [--json] | --answers --set cmrc|drcd [--limit N] [--json] | --ledger [GOLD.jsonl]",
  options: {
    set: { type: "string" },
    passages: { type: "string" },
    queries: { type: "string" },
    negatives: { type: "string" },
    ablate: { type: "boolean" },
    answers: { type: "boolean" },
    limit: { type: "string" },
    json: { type: "boolean" },
    ledger: { type: "boolean" },
  },
  async run({ values, positionals }, io) {
    if (values.ledger) {
      // Gold files name records relative to the working directory (the repository).
      const r = await evaluateLedger(positionals[0] ?? "tests/fixtures/eval/ledger-gold.jsonl", process.cwd());
      if (values.json) io.out(JSON.stringify(r, null, 2));
      else {
        io.out(
          `ledger rows: gold ${r.gold}, predicted ${r.predicted}, matched ${r.matched} — precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}, unsupported ${r.unsupported}`,
        );
        for (const m of r.misses) io.out(`  MISS  ${m.file} 第${m.item}项 «${m.quote}» ${m.unit || "（无单位）"} ${m.deadline || "（无时限）"}`);
        for (const x of r.extras) io.out(`  EXTRA ${x.file} 第${x.item}项 «${x.quote.slice(0, 40)}» ${x.unit ?? "（无单位）"} ${x.deadline ?? "（无时限）"}`);
      }
      return 0;
    }
    const config = loadConfig(io.env);
    if (values.answers) return answerSet(values, io, config);
    const printAblation = (rows: AblationRow[]) => {
      if (values.json) io.out(JSON.stringify(rows, null, 2));
      else ablationTable(rows).forEach((line) => io.out(line));
      return 0;
    };
    if (values.set) {
      const engine = await openCliEngine(config, io);
      if (values.ablate) return printAblation(await runAblation(engine.retriever, await minutesSetQuestions(values.set as string)));
      const f = await evaluateMinutesSet(engine, values.set as string);
      if (values.json) {
        io.out(JSON.stringify(f, null, 2));
        return 0;
      }
      io.out(
        `questions ${f.questions}: top1 ${pct(f.top1)}, recall@3 ${pct(f.recall3)}, MRR ${f.mrr.toFixed(3)}, must-phrase hit ${pct(f.mustHit)}, answers correct ${pct(f.answerCorrect)}, none margin ${f.noneMargin ?? "n/a"}`,
      );
      const row = (name: string, c: ClassFigures) =>
        `${name.padEnd(12)}${String(c.questions).padStart(4)}${String(c.answerable).padStart(6)}${String(c.answered).padStart(6)}   ${c.precision.toFixed(3)}   ${c.recall.toFixed(3)}${String(c.wrong).padStart(6)}${String(c.refusedAnswerable).padStart(8)}`;
      io.out(`${"class".padEnd(12)}   n  ans.  given  prec.   recall  wrong refused`);
      for (const [k, c] of Object.entries(f.calibration.perClass)) io.out(row(k, c));
      io.out(row("overall", f.calibration.overall));
      for (const p of f.perQuestion) {
        io.out(
          `  ${p.answerOk ? "ok  " : "MISS"} ${p.id.padEnd(6)} ${(p.kind ?? "").padEnd(11)} item rank ${p.itemRank ?? "-"}  must ${p.mustHit ? "yes" : "no "}  found ${p.found ? "yes" : "no "}  coverage ${p.coverage}`,
        );
      }
      return 0;
    }
    if (values.passages && values.queries) {
      const lexicon = await loadLexicon(config.LEXICON_DIR);
      if (values.ablate) return printAblation(await ablateRetrievalSet(values.passages as string, values.queries as string, embedderSpec(config), lexicon));
      const r = await evaluateRetrievalSet(values.passages as string, values.queries as string, embedderSpec(config), lexicon);
      if (values.json) {
        io.out(JSON.stringify(r, null, 2));
        return 0;
      }
      io.out("method    R@1     R@5     R@20    MRR@20  ms/query");
      for (const [mode, f] of Object.entries(r)) {
        io.out(`${mode.padEnd(9)} ${f.r1.toFixed(3)}   ${f.r5.toFixed(3)}   ${f.r20.toFixed(3)}   ${f.mrr.toFixed(3)}   ${f.msPerQuery.toFixed(1)}`);
      }
      io.out(`(${Object.values(r)[0]?.queries ?? 0} queries)`);
      return 0;
    }
    throw new InputError("usage", "give --set FILE, or --passages and --queries");
  },
};

/** `eval --answers`: a public answer set asked through the extractive answerer, with the curve over thresholds. */
async function answerSet(values: Record<string, unknown>, io: Parameters<Command["run"]>[1], config: ReturnType<typeof loadConfig>): Promise<number> {
  const named = typeof values.set === "string" ? ANSWER_SETS[values.set] : undefined;
  const files = named ?? {
    passages: values.passages as string | undefined,
    queries: values.queries as string | undefined,
    negatives: values.negatives as string | undefined,
  };
  if (!files.passages || !files.queries)
    throw new InputError("usage", `--answers needs --set ${Object.keys(ANSWER_SETS).join("|")}, or --passages and --queries (and --negatives)`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) throw new InputError("usage", "--limit takes a positive whole number");
  const f = await evaluateAnswerSet({
    passagesFile: files.passages,
    queriesFile: files.queries,
    negativesFile: files.negatives,
    spec: embedderSpec(config),
    lexicon: await loadLexicon(config.LEXICON_DIR),
    limit,
    onProgress: io.isTTY ? (d, t) => d % 100 === 0 && io.err(`${d}/${t}`) : undefined,
  });
  if (values.json) {
    const { judged, negativesJudged, ...figures } = f;
    io.out(JSON.stringify({ ...figures, judged: judged.length, negativesJudged: negativesJudged.length }, null, 2));
    return 0;
  }
  io.out(
    `questions ${f.questions}, negatives ${f.negatives}: right ${pct(f.right)}, refused ${pct(f.refused)}, negatives answered ${pct(f.negativesAnswered)} (threshold ${f.threshold}), ${f.msPerQuestion.toFixed(1)} ms/question`,
  );
  io.out("threshold  right    negatives answered");
  for (const c of f.curve) io.out(`${c.threshold.toFixed(2).padStart(9)}  ${pct(c.right).padStart(6)}   ${pct(c.negativesAnswered).padStart(6)}`);
  return 0;
}
