/**
 * The ablation of the ranking: the full method, each component switched off
 * in turn (through the retriever's own options), and plain character-bigram
 * BM25 with and without the title, measured on the same queries in one run.
 */
import { Bm25Index } from "../index/bm25.js";
import { prepareSegment } from "../index/segment.js";
import type { IndexData, KeywordIndexes } from "../index/store.js";
import type { RankedPassage, RetrievalMode, RetrievalWeights, Retriever } from "./retriever.js";

/** One row of the ablation: a retriever configuration. */
export interface AblationVariant {
  name: string;
  mode: RetrievalMode;
  weights: Partial<RetrievalWeights>;
  /** The keyword fields hold the passage text alone, without its heading path or title. */
  bareIndex?: boolean;
}

/** Plain BM25 over character bigrams (k1 1.2, b 0.75): no words, title field, filters, bonuses, vectors or expansion. */
const PLAIN: Partial<RetrievalWeights> = {
  bigram: 1,
  word: 0,
  title: 0,
  vector: 0,
  expansion: 0,
  quoted: 0,
  figure: 0,
  date: 0,
  numberFilter: false,
  contentFilter: false,
  bm25: { k1: 1.2, b: 0.75 },
};

/** The rows of `minutes eval --ablate`, in table order. */
export function ablationVariants(full: RetrievalWeights): AblationVariant[] {
  const off = (name: string, weights: Partial<RetrievalWeights>): AblationVariant => ({ name, mode: "hybrid", weights });
  return [
    { name: "full (hybrid)", mode: "hybrid", weights: {} },
    { name: "keyword", mode: "keyword", weights: {} },
    off("− jieba words", { word: 0 }),
    off("− bigram field", { bigram: 0 }),
    off("− title field", { title: 0 }),
    off("title field for every question", { title: full.title || 0.5, titleForMeetings: false }),
    { name: "− heading in body", mode: "hybrid", weights: {}, bareIndex: true },
    off("BM25 k1 0.9 b 0.4", { bm25: { k1: 0.9, b: 0.4 } }),
    off("BM25 k1 1.5 b 0.9", { bm25: { k1: 1.5, b: 0.9 } }),
    off("− common-term pruning", { commonTerms: false }),
    off("− content-word filter", { contentFilter: false }),
    off("− cross-word bigrams", { crossWordBigrams: false }),
    off("− figure/quote/number bonuses", { quoted: 0, figure: 0, date: 0, numberFilter: false }),
    full.vector > 0 ? off("− local vectors", { vector: 0 }) : off("+ local vectors 0.02", { vector: 0.02 }),
    off("− lexicon expansion", { expansion: 0 }),
    { name: "plain bigram BM25", mode: "keyword", weights: PLAIN, bareIndex: true },
    { name: "plain bigram BM25 + title", mode: "keyword", weights: PLAIN },
  ];
}

/** R@1, R@5, R@20 and MRR@20 of one configuration, and its time per query. */
export interface RankFigures {
  r1: number;
  r5: number;
  r20: number;
  mrr: number;
  queries: number;
  msPerQuery: number;
}

/** A question and the rank (0-based, −1: not in the top 20) of its first relevant hit. */
export interface RankedQuestion {
  question: string;
  rank: (hits: RankedPassage[]) => number;
}

/** Ranks every question with `retriever` and sums up where the first relevant hit came. */
export async function rankFigures(retriever: Retriever, questions: RankedQuestion[], mode: RetrievalMode): Promise<RankFigures> {
  let r1 = 0,
    r5 = 0,
    r20 = 0,
    mrr = 0;
  const t0 = performance.now();
  for (const q of questions) {
    const rank = q.rank(await retriever.retrieve(q.question, { k: 20, mode, access: { internal: true } }));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0 && rank < 20) {
      r20++;
      mrr += 1 / (rank + 1);
    }
  }
  const n = questions.length || 1;
  return { r1: r1 / n, r5: r5 / n, r20: r20 / n, mrr: mrr / n, queries: questions.length, msPerQuery: (performance.now() - t0) / n };
}

/** The keyword fields of an index rebuilt over the passage text alone (no heading path). */
export function bareKeywordIndexes(index: IndexData): KeywordIndexes {
  const current = new Set(index.minutes.map((m) => m.id));
  const passages = index.passages.filter((p) => current.has(p.minutesId));
  if (passages.length !== index.passages.length) throw new Error("bareKeywordIndexes needs an index without superseded passages (ingest --rebuild)");
  const prep = prepareSegment(index.minutes, { countFeatures: false, passages, context: false });
  return {
    bigram: Bm25Index.fromSerialized(prep.keyword.bigram),
    word: Bm25Index.fromSerialized(prep.keyword.word),
    title: Bm25Index.fromSerialized(prep.keyword.title),
  };
}

/** One row of the ablation table. */
export interface AblationRow extends RankFigures {
  name: string;
}

/** Runs every variant of the ablation over the same questions. */
export async function runAblation(retriever: Retriever, questions: RankedQuestion[]): Promise<AblationRow[]> {
  let bare: KeywordIndexes | null = null;
  const rows: AblationRow[] = [];
  for (const v of ablationVariants(retriever.weights)) {
    const keyword = v.bareIndex ? (bare ??= bareKeywordIndexes(retriever.index)) : undefined;
    const variant = retriever.variant(v.weights, keyword);
    rows.push({ name: v.name, ...(await rankFigures(variant, questions, v.mode)) });
  }
  return rows;
}
