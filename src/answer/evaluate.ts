import { z } from "zod";
import type { RankedQuestion } from "../retrieval/ablation.js";
import { readJsonl } from "../retrieval/eval.js";
import { fold } from "../index/tokenize.js";
import { contentWords, type RankedPassage } from "../retrieval/retriever.js";
import { FULL_ACCESS, type Turn } from "./types.js";
import type { MinutesEngine } from "./engine.js";

export const MinutesQuestionSchema = z
  .object({
    id: z.string(),
    q: z.string().min(1),
    /** Agenda items (ordinals) the answer cites first; a string is an element a complete answer quotes (a set lists «下岙», «沙头», «岭背»). */
    items: z.array(z.union([z.number().int(), z.string().min(1)])).default([]),
    must: z.array(z.string()).default([]),
    alt: z.array(z.string()).optional(),
    kind: z.string().optional(),
    none: z.boolean().optional(),
    /** Words the first cited record's title, issuer or opening names («鹤鸣区»): an answer from another meeting is wrong. */
    from: z.string().optional(),
    /** Phrases a right answer must not contain (e.g. another unit than the one asked about). */
    not: z.array(z.string()).optional(),
    /** Earlier questions of the same conversation, asked first in order: the question is a follow-up to them. */
    history: z.array(z.string()).optional(),
  })
  .transform(({ items, ...q }) => ({
    ...q,
    items: items.filter((x): x is number => typeof x === "number"),
    elements: items.filter((x): x is string => typeof x === "string"),
  }));
export type MinutesQuestion = z.infer<typeof MinutesQuestionSchema>;

export interface MinutesSetFigures {
  questions: number;
  /** Retrieval: expected item is the first item among the ranked passages. */
  top1: number;
  recall3: number;
  mrr: number;
  /** Retrieval: every must-phrase (or an alternative) appears in the top-3 quotes. */
  mustHit: number;
  /** Answers: expected item cited first, must-phrases in the cited quotes or the answer, `none` refused. */
  answerCorrect: number;
  /** Lowest top-1 coverage of an answerable question minus the highest of a `none` question. */
  noneMargin: number | null;
  perQuestion: { id: string; kind?: string; itemRank: number | null; mustHit: boolean; answerOk: boolean; found: boolean; coverage: number }[];
  /** Answer calibration, overall and per question class (`kind`). */
  calibration: { overall: ClassFigures; perClass: Record<string, ClassFigures> };
}

/** How right the answers of one class are: zero wrong answers first, then recall. */
export interface ClassFigures {
  questions: number;
  answerable: number;
  /** Answers given (found). */
  answered: number;
  /** Right answers among those given. */
  precision: number;
  /** Answerable questions answered right. */
  recall: number;
  /** Answers given that are wrong (including any answer to an unanswerable question). */
  wrong: number;
  /** Answerable questions refused. */
  refusedAnswerable: number;
}

/** Precision, recall, wrong answers and refusals of answerable questions over some judged questions. */
export function classFigures(judged: { none: boolean; found: boolean; right: boolean }[]): ClassFigures {
  const answered = judged.filter((j) => j.found);
  const answerable = judged.filter((j) => !j.none);
  const rightGiven = answered.filter((j) => j.right).length;
  return {
    questions: judged.length,
    answerable: answerable.length,
    answered: answered.length,
    precision: answered.length ? rightGiven / answered.length : 1,
    recall: answerable.length ? answerable.filter((j) => j.found && j.right).length / answerable.length : 1,
    wrong: answered.length - rightGiven,
    refusedAnswerable: answerable.filter((j) => !j.found).length,
  };
}

/** Phrases are compared with white space removed: a PDF's «1 月 21 日» is read as «1月21日». */
const squeeze = (s: string) => s.replace(/\s+/g, "");
const hasPhrase = (hay: string, q: MinutesQuestion) => {
  const h = squeeze(hay);
  return q.must.every((p) => h.includes(squeeze(p))) || (q.alt ?? []).some((a) => h.includes(squeeze(a)));
};

/** The rank (0-based, −1: absent) of the first expected agenda item among the items of the ranked passages. */
function itemRankOf(hits: RankedPassage[], items: number[]): number {
  const itemOrder: number[] = [];
  for (const h of hits) if (h.passage.itemOrdinal !== null && !itemOrder.includes(h.passage.itemOrdinal)) itemOrder.push(h.passage.itemOrdinal);
  return itemOrder.findIndex((o) => items.includes(o));
}

/** The questions of a minutes set that name their items, ranked by the first expected item (for the ablation). */
export async function minutesSetQuestions(file: string): Promise<RankedQuestion[]> {
  const questions = await readJsonl(file, MinutesQuestionSchema);
  return questions.filter((q) => q.items.length > 0).map((q) => ({ question: q.q, rank: (hits) => itemRankOf(hits, q.items) }));
}

/** Evaluates retrieval and answers on a minutes question set (format of eval/seed-dev.jsonl). */
export async function evaluateMinutesSet(engine: MinutesEngine, file: string): Promise<MinutesSetFigures> {
  const questions = await readJsonl(file, MinutesQuestionSchema);
  const per: MinutesSetFigures["perQuestion"] = [];
  let top1 = 0,
    recall3 = 0,
    mrr = 0,
    withItems = 0,
    mustHit = 0,
    mustTotal = 0,
    correct = 0;
  let minAnswerable = Infinity,
    maxNone = -Infinity;
  const judged: { kind: string; none: boolean; found: boolean; right: boolean }[] = [];
  for (const q of questions) {
    const hits = await engine.retriever.retrieve(q.q, { k: 20, access: FULL_ACCESS });
    let itemRank: number | null = null;
    if (q.items.length) {
      withItems++;
      const r = itemRankOf(hits, q.items);
      itemRank = r >= 0 ? r + 1 : null;
      if (r === 0) top1++;
      if (r >= 0 && r < 3) recall3++;
      if (r >= 0) mrr += 1 / (r + 1);
    }
    const cov = hits[0]?.coverage ?? 0;
    // A question with no content words of its own («第1号纪要是哪天印发的») has no coverage to compare.
    const content = contentWords(engine.retriever.analyze(q.q)).length > 0;
    if (q.none) maxNone = Math.max(maxNone, cov);
    else if (content) minAnswerable = Math.min(minAnswerable, cov);
    let mh = false;
    if (q.must.length) {
      mustTotal++;
      const quotes = hits
        .slice(0, 3)
        .map((h) => h.minutes.text.slice(h.passage.start, h.passage.end))
        .join("\n");
      mh = hasPhrase(quotes, q);
      if (mh) mustHit++;
    }
    const history: Turn[] = [];
    for (const h of q.history ?? []) {
      const prior = await engine.ask(h, { access: FULL_ACCESS, history: [...history] });
      history.push({ question: h, intent: prior.intent, focus: prior.focus, record: prior.record, answer: prior.answer });
    }
    const a = await engine.ask(q.q, { access: FULL_ACCESS, history });
    let ok: boolean;
    if (q.none) ok = !a.found;
    else {
      const firstItem = a.citations[0]?.item?.ordinal ?? null;
      const itemOk = q.items.length ? firstItem !== null && q.items.includes(firstItem) : true;
      const text = `${a.answer}\n${a.citations.map((c) => c.quote).join("\n")}`;
      const first = a.citations[0] ? engine.getMinutes(a.citations[0].minutesId, FULL_ACCESS) : null;
      const fromOk =
        !q.from || Boolean(first && fold(`${first.title} ${first.issuer ?? ""} ${first.summary} ${first.text.slice(0, 400)}`).includes(fold(q.from)));
      const notOk = !(q.not ?? []).some((p) => text.includes(p));
      const complete = q.elements.every((p) => squeeze(text).includes(squeeze(p)));
      ok = a.found && itemOk && fromOk && notOk && complete && (q.must.length ? hasPhrase(text, q) : true);
    }
    if (ok) correct++;
    judged.push({ kind: q.kind ?? "other", none: Boolean(q.none), found: a.found, right: ok });
    per.push({ id: q.id, kind: q.kind, itemRank, mustHit: mh, answerOk: ok, found: a.found, coverage: Math.round(cov * 1000) / 1000 });
  }
  return {
    questions: questions.length,
    top1: withItems ? top1 / withItems : 0,
    recall3: withItems ? recall3 / withItems : 0,
    mrr: withItems ? mrr / withItems : 0,
    mustHit: mustTotal ? mustHit / mustTotal : 0,
    answerCorrect: correct / questions.length,
    noneMargin: Number.isFinite(maxNone) && Number.isFinite(minAnswerable) ? Math.round((minAnswerable - maxNone) * 1000) / 1000 : null,
    perQuestion: per,
    calibration: {
      overall: classFigures(judged),
      perClass: Object.fromEntries([...new Set(judged.map((j) => j.kind))].sort().map((k) => [k, classFigures(judged.filter((j) => j.kind === k))])),
    },
  };
}
