import { z } from "zod";
import type { EmbedderSpec } from "../index/embeddings/index.js";
import { embedderForIndex } from "../index/embeddings/index.js";
import type { Lexicon } from "../index/lexicon.js";
import { buildFileSetIndex, readJsonl } from "../retrieval/eval.js";
import { Retriever, weightsFor } from "../retrieval/retriever.js";
import { normalizeQuestion } from "../text/question.js";
import { toSimplified } from "../text/script.js";
import { DEFAULT_THRESHOLD, ExtractiveAnswerer, SUPPORT_THRESHOLD } from "./extractive.js";
import { FULL_ACCESS, type Answer } from "./types.js";

const PassageLine = z.object({ id: z.union([z.string(), z.number()]).transform(String), text: z.string().min(1), title: z.string().optional() });
const AnswerQuery = z.object({
  qid: z.union([z.string(), z.number()]).transform(String),
  question: z.string().min(1),
  answer: z.string().optional(),
  all_answers: z.array(z.string()).optional(),
});

/** What a judged answer needs: the first two quotes hold a gold span and are short enough to paste. */
export const RIGHT_QUOTES = 2;
export const RIGHT_QUOTE_CHARS = 300;

/** One question of an answer set, as asked and judged. */
export interface JudgedAnswer {
  qid: string;
  found: boolean;
  /** The answer's support score (0–1), what the refusal threshold is compared with. */
  support: number;
  /** The gold span is inside the first two citations' quotes, together ≤ 300 characters. */
  holdsGold: boolean;
}

export interface AnswerSetFigures {
  questions: number;
  negatives: number;
  /** Right at the shipped threshold: found and holding the gold span. */
  right: number;
  /** Answerable questions refused at the shipped threshold. */
  refused: number;
  /** Negatives answered at the shipped threshold. */
  negativesAnswered: number;
  /** Right and negatives answered at each threshold over the support score. */
  curve: { threshold: number; right: number; negativesAnswered: number }[];
  msPerQuestion: number;
}

/** True when a gold span is inside the first two quotes and those quotes are short enough to paste. */
export function holdsGold(a: Answer, gold: string[]): boolean {
  const quotes = a.citations.slice(0, RIGHT_QUOTES).map((c) => c.quote);
  if (!quotes.length || quotes.reduce((n, q) => n + q.length, 0) > RIGHT_QUOTE_CHARS) return false;
  // A set's simplified questions carry simplified gold spans; the quotes keep the record's (traditional) characters.
  const folded = quotes.map(toSimplified);
  return gold.some((g) => g && folded.some((q) => q.includes(toSimplified(g))));
}

/**
 * Asks a reading-comprehension set (CMRC 2018, DRCD) of an archive made of its
 * passages, each a plain-text record, through the extractive answerer, and the
 * questions of another set as negatives: an answer to them is wrong.
 */
export async function evaluateAnswerSet(opts: {
  passagesFile: string;
  queriesFile: string;
  /** Questions the archive cannot answer (another set's). */
  negativesFile?: string;
  spec: EmbedderSpec;
  lexicon: Lexicon;
  limit?: number;
  thresholds?: number[];
  onProgress?: (done: number, total: number) => void;
}): Promise<AnswerSetFigures & { judged: JudgedAnswer[]; negativesJudged: JudgedAnswer[]; threshold: number }> {
  const passages = await readJsonl(opts.passagesFile, PassageLine);
  let queries = await readJsonl(opts.queriesFile, AnswerQuery);
  let negatives = opts.negativesFile ? await readJsonl(opts.negativesFile, AnswerQuery) : [];
  if (opts.limit) {
    queries = queries.slice(0, opts.limit);
    negatives = negatives.slice(0, opts.limit);
  }
  // Each context as a user would add it: a plain-text file, read by the parser like any other.
  const index = await buildFileSetIndex(passages, opts.spec, opts.lexicon);
  const embeddings = embedderForIndex(opts.spec, index.manifest.embedder, index.embedderState).embeddings;
  const retriever = new Retriever(index, embeddings, opts.lexicon, weightsFor(opts.spec.provider));
  // Every answer is kept and its support recorded: the curve applies each threshold afterwards.
  const answerer = new ExtractiveAnswerer(retriever, DEFAULT_THRESHOLD, 0);
  const total = queries.length + negatives.length;
  let done = 0;
  const started = performance.now();
  const ask = async (q: z.infer<typeof AnswerQuery>): Promise<JudgedAnswer> => {
    const a = await answerer.answer(normalizeQuestion(q.question), { access: FULL_ACCESS });
    opts.onProgress?.(++done, total);
    const gold = [...(q.all_answers ?? []), ...(q.answer ? [q.answer] : [])];
    return { qid: q.qid, found: a.found, support: a.support ?? (a.found ? 1 : 0), holdsGold: a.found && holdsGold(a, gold) };
  };
  const judged: JudgedAnswer[] = [];
  for (const q of queries) judged.push(await ask(q));
  const negativesJudged: JudgedAnswer[] = [];
  for (const q of negatives) negativesJudged.push(await ask(q));
  const ms = (performance.now() - started) / Math.max(1, total);
  const share = (n: number, of: number) => (of ? n / of : 0);
  const at = (t: number) => ({
    threshold: t,
    right: share(judged.filter((j) => j.found && j.support >= t && j.holdsGold).length, judged.length),
    negativesAnswered: share(negativesJudged.filter((j) => j.found && j.support >= t).length, negativesJudged.length),
  });
  const thresholds = opts.thresholds ?? Array.from({ length: 21 }, (_, i) => Math.round(i * 5) / 100);
  const shipped = at(SUPPORT_THRESHOLD);
  return {
    questions: judged.length,
    negatives: negativesJudged.length,
    right: shipped.right,
    refused: share(judged.filter((j) => !j.found || j.support < SUPPORT_THRESHOLD).length, judged.length),
    negativesAnswered: shipped.negativesAnswered,
    curve: thresholds.map(at),
    msPerQuestion: ms,
    judged,
    negativesJudged,
    threshold: SUPPORT_THRESHOLD,
  };
}
