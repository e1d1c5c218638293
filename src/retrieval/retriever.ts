import type { Embeddings } from "@langchain/core/embeddings";
import type { Bm25Params, WeightedTerm } from "../index/bm25.js";
import { COMMON_SHARE, KeywordScratch, keywordTopK, type KeywordFilter, type KeywordTopK } from "../index/keyword-topk.js";
import type { Passage } from "../index/passages.js";
import type { IndexData, KeywordIndexes } from "../index/store.js";
import { bigrams, fold, guessedGlue, tagged, words } from "../index/tokenize.js";
import type { Minutes } from "../minutes/schema.js";
import { unitCore, type Lexicon } from "../index/lexicon.js";
import { analyzeQuery, CLAUSE_WORDS, type AnalyzedQuery } from "./query.js";
import type { Access, SearchOptions } from "./types.js";

/** Fusion weights and ranking switches, chosen by the ablation in the README («Ranking components»). */
export interface RetrievalWeights {
  bigram: number;
  word: number;
  title: number;
  /** Weight of the vector similarity relative to the normalized keyword score. */
  vector: number;
  /** Weight of terms added by the synonym lexicon. */
  expansion: number;
  /** Bonus for a passage that contains a quoted term verbatim. */
  quoted: number;
  /** Bonus for a passage that states the figures the question names («37处»): archives repeat measures with other numbers. */
  figure: number;
  /**
   * Whether the title field counts only for a question that names a meeting
   * (第N号, 第N次, a year or a date): there it tells apart the 常务 and 专题
   * minutes of one number and year; for other questions it repeats the heading
   * path and cannot tell apart the passages of one document.
   */
  titleForMeetings: boolean;
  /** Bonus for a passage of the meeting date the question names. */
  date: number;
  /** Whether «第N号» / «第N次» in a question narrow the search to that minutes or session. */
  numberFilter: boolean;
  /** BM25 k1 and b at query time; null: those the index was built with (k1 1.2, b 0.75). */
  bm25: Bm25Params | null;
  /** Whether common terms are pruned (exact: the same candidates, fewer postings decoded). */
  commonTerms: boolean;
  /** Whether question words («请问», «什么», «吗») are dropped from the query terms (the content-word filter). */
  contentFilter: boolean;
  /** Whether character bigrams also span adjacent query words («交通规划» → «通规»), as in plain bigram BM25. */
  crossWordBigrams: boolean;
  /**
   * Whether the hybrid adds the vector index's nearest neighbours as
   * candidates. Lexical vectors (the local embedder) find what the keyword
   * index finds: the keyword candidates are then scored exactly and the ANN
   * search is skipped (a passage sharing no term with the question has no
   * coverage and is never an answer).
   */
  annCandidates: boolean;
}

export const DEFAULT_WEIGHTS: RetrievalWeights = {
  bigram: 1,
  word: 0.6,
  title: 0.5,
  titleForMeetings: true,
  vector: 0,
  expansion: 0.5,
  quoted: 0.5,
  figure: 0.3,
  date: 0.2,
  numberFilter: true,
  bm25: null,
  commonTerms: true,
  contentFilter: true,
  crossWordBigrams: true,
  annCandidates: false,
};

/**
 * Fusion weights per embedder. The local hashed n-gram vectors are lexical
 * too and weaker than BM25 (CMRC 2018: R@1 0.60 alone): fused even at 0.02
 * they add nothing on any evaluation set, and their frequencies are fitted
 * over internal passages too, so the hybrid leaves them out (vector mode still
 * uses them). A semantic model from an OpenAI-compatible endpoint gets a real
 * say. See README «Ranking components» for the figures.
 */
export function weightsFor(provider: string): RetrievalWeights {
  return provider === "local" ? DEFAULT_WEIGHTS : { ...DEFAULT_WEIGHTS, vector: 0.3, annCandidates: true };
}

export type RetrievalMode = "hybrid" | "keyword" | "vector";

/** Search filters (visibility through `access`), plus which half of the hybrid to use. */
export interface RetrieveOptions extends Omit<SearchOptions, "offset"> {
  mode?: RetrievalMode;
}

/** One ranked passage. `score` is the fused ranking score; `coverage` (0–1) how much of the question it covers. */
export interface RankedPassage {
  label: number;
  passage: Passage;
  minutes: Minutes;
  score: number;
  coverage: number;
}

/**
 * Keyword candidates fused with the vector similarities (4 × k when more are
 * asked for). 50 and 200 give the same seed-dev, CMRC 2018 and generated-archive
 * figures; fewer candidates raise the pruning threshold of the keyword scorer.
 */
export const KEYWORD_CANDIDATES = 50;

/** A filter that admits at most this many passages is searched exactly, not through hnswlib. */
const EXACT_MAX_PASSAGES = 3000;

/** Which minutes a caller may see: visibility filtering lives here so no caller can forget it. */
export function visible(m: { visibility: string }, access: Access | undefined): boolean {
  return m.visibility === "public" || Boolean(access?.internal);
}

/**
 * Hybrid retrieval over the index: BM25 on character bigrams and jieba words
 * (heading path included), a title field for agenda item titles and 《》
 * documents, and hnswlib vectors, fused by a weighted sum of normalized
 * scores.
 */
export class Retriever {
  readonly byId: Map<string, Minutes>;
  readonly weights: RetrievalWeights;
  /** Label → position of its minutes in index.minutes (−1: a superseded passage). */
  private readonly labelMinutes: Int32Array;
  /** First label and passage count per position in index.minutes, made on first use. */
  private ranges: { first: Int32Array; count: Int32Array } | null = null;
  /** Visibility per position in index.minutes, for public and for internal callers. */
  private readonly visibleTo: { public: Uint8Array; internal: Uint8Array };
  /** True when some labels are superseded passages (incremental ingest): every keyword search then filters. */
  private readonly hasSuperseded: boolean;
  /** Per-query scratch arrays, reused (queries run their keyword part one at a time). */
  private readonly scratch: KeywordScratch;
  /**
   * The keyword indexes as each caller scores them: term statistics (df, idf,
   * average length) over the passages that caller may see, so nothing a public
   * caller observes changes when an internal file is added.
   */
  private readonly keywordFor: { public: KeywordIndexes; internal: KeywordIndexes };

  constructor(
    readonly index: IndexData,
    private readonly embeddings: Embeddings,
    readonly lexicon: Lexicon,
    weights: Partial<RetrievalWeights> = {},
  ) {
    this.weights = { ...DEFAULT_WEIGHTS, ...weights };
    this.byId = new Map(index.minutes.map((m) => [m.id, m]));
    this.labelMinutes = index.labelMinutes ?? Retriever.labelMinutesOf(index);
    const n = index.minutes.length;
    this.visibleTo = { public: new Uint8Array(n), internal: new Uint8Array(n).fill(1) };
    index.minutes.forEach((m, i) => (this.visibleTo.public[i] = visible(m, undefined) ? 1 : 0));
    this.scratch = new KeywordScratch(this.labelMinutes.length);
    this.hasSuperseded = this.labelMinutes.some((x) => x < 0);
    const params = this.weights.bm25;
    const { bigram, word, title } = index.keyword;
    const internal = params ? { bigram: bigram.withParams(params), word: word.withParams(params), title: title.withParams(params) } : index.keyword;
    const pub = this.visibleTo.public;
    if (pub.every((x) => x === 1) && !this.hasSuperseded) this.keywordFor = { public: internal, internal };
    else {
      const scope = new Uint8Array(this.labelMinutes.length);
      this.labelMinutes.forEach((mi, label) => (scope[label] = mi >= 0 ? pub[mi] : 0));
      this.keywordFor = { public: { bigram: internal.bigram.scoped(scope), word: internal.word.scoped(scope), title: internal.title.scoped(scope) }, internal };
    }
  }

  /** The same index, embedder and lexicon ranked with other weights (and other keyword fields when given): an evaluation variant. */
  variant(weights: Partial<RetrievalWeights>, keyword?: KeywordIndexes): Retriever {
    return new Retriever(keyword ? { ...this.index, keyword } : this.index, this.embeddings, this.lexicon, { ...this.weights, ...weights });
  }

  /** The keyword indexes with the term statistics of what `access` may see. */
  keywordIndexes(access: Access | undefined): KeywordIndexes {
    return access?.internal ? this.keywordFor.internal : this.keywordFor.public;
  }

  /** For an index built in memory: each passage's minutes by id. */
  private static labelMinutesOf(index: IndexData): Int32Array {
    const pos = new Map(index.minutes.map((m, i) => [m.id, i]));
    const out = new Int32Array(index.passages.length);
    index.passages.forEach((p, label) => (out[label] = pos.get(p.minutesId) ?? -1));
    return out;
  }

  analyze(q: string): AnalyzedQuery {
    return analyzeQuery(q, this.lexicon);
  }

  /** The minutes of a passage. */
  minutesOf(label: number): Minutes {
    return this.index.minutes[this.labelMinutes[label]];
  }

  /** The passages of one minutes document, in text order. */
  passagesOf(minutesId: string): { label: number; passage: Passage }[] {
    const m = this.byId.get(minutesId);
    if (!m) return [];
    const { first, count } = this.labelRanges();
    const mi = this.index.minutes.indexOf(m);
    const out: { label: number; passage: Passage }[] = [];
    // A document's passages are consecutive labels.
    for (let label = first[mi], end = label + count[mi]; label < end; label++) out.push({ label, passage: this.index.passages[label] });
    return out;
  }

  /** For a filter by minutes only (no unit): the minutes it admits, by position. */
  private maskOf = new WeakMap<(label: number) => boolean, Uint8Array>();

  /** True when the filter admits every current passage: the ANN search then needs no filter callback. */
  private admitsAll(filter: (label: number) => boolean): boolean {
    return this.maskOf.get(filter) === this.visibleTo.internal;
  }

  /** For a filter restricted beyond visibility (number, session, dates, id): the minutes it admits. */
  private restrictedTo(filter: (label: number) => boolean): Uint8Array | null {
    const allowed = this.maskOf.get(filter);
    return allowed && allowed !== this.visibleTo.public && allowed !== this.visibleTo.internal ? allowed : null;
  }

  /** First label and passage count of each minutes (by position in index.minutes). */
  private labelRanges(): { first: Int32Array; count: Int32Array } {
    if (!this.ranges) {
      const n = this.index.minutes.length;
      const first = new Int32Array(n).fill(-1);
      const count = new Int32Array(n);
      this.labelMinutes.forEach((mi, label) => {
        if (mi < 0) return;
        if (first[mi] < 0) first[mi] = label;
        count[mi]++;
      });
      this.ranges = { first, count };
    }
    return this.ranges;
  }

  /**
   * The passages a restricted filter admits, when they are few: an exact
   * vector search over them beats hnswlib, which would visit much of its
   * graph to find enough admitted neighbours.
   */
  private fewAdmitted(filter: (label: number) => boolean): Int32Array | null {
    const allowed = this.restrictedTo(filter);
    if (!allowed) return null;
    const { first, count } = this.labelRanges();
    let total = 0;
    for (let i = 0; i < allowed.length; i++) if (allowed[i]) total += count[i];
    if (total > EXACT_MAX_PASSAGES) return null;
    const out = new Int32Array(total);
    let at = 0;
    for (let i = 0; i < allowed.length; i++) if (allowed[i]) for (let l = first[i], e = l + count[i]; l < e; l++) out[at++] = l;
    return out.sort();
  }

  /** The filter in the form the keyword scorer checks fastest. */
  private keywordFilter(filter: (label: number) => boolean): KeywordFilter {
    if (this.admitsAll(filter) && !this.hasSuperseded) return null;
    const allowed = this.maskOf.get(filter);
    return allowed ? { labelMinutes: this.labelMinutes, allowed } : filter;
  }

  private filterFor(opts: RetrieveOptions, aq: AnalyzedQuery): (label: number) => boolean {
    const minutes = this.index.minutes;
    const base = opts.access?.internal ? this.visibleTo.internal : this.visibleTo.public;
    const numbers = aq.minutesNumber !== null && opts.number === undefined && this.weights.numberFilter ? aq.minutesNumber : opts.number;
    const numberExists = numbers !== undefined && minutes.some((m, i) => m.number === numbers && base[i] === 1);
    // «第1次常务会议» narrows to that session when the archive has it, as «第1号» does to that number.
    const session = this.weights.numberFilter ? aq.session : null;
    const sessionExists = session !== null && minutes.some((m, i) => m.meeting.session === session && base[i] === 1);
    let allowed = base;
    if (opts.minutesId || (numbers !== undefined && numberExists) || sessionExists || opts.dateFrom || opts.dateTo) {
      allowed = new Uint8Array(minutes.length);
      for (let i = 0; i < minutes.length; i++) {
        if (!base[i]) continue;
        const m = minutes[i];
        if (opts.minutesId && m.id !== opts.minutesId) continue;
        if (numbers !== undefined && numberExists && m.number !== numbers) continue;
        if (sessionExists && m.meeting.session !== session) continue;
        const d = m.meeting.date ?? "";
        if (opts.dateFrom && d < opts.dateFrom) continue;
        if (opts.dateTo && d > opts.dateTo) continue;
        allowed[i] = 1;
      }
    }
    const labelMinutes = this.labelMinutes;
    const unit = opts.unit ? unitCore(opts.unit) : null;
    if (!unit) {
      const fn = (label: number) => {
        const mi = labelMinutes[label];
        return mi >= 0 && allowed[mi] === 1;
      };
      this.maskOf.set(fn, allowed);
      return fn;
    }
    const passages = this.index.passages;
    return (label) => {
      const mi = labelMinutes[label];
      if (mi < 0 || allowed[mi] !== 1) return false;
      const p = passages[label];
      const m = minutes[mi];
      if (!m.text.slice(p.start, p.end).includes(unit) && !(p.itemTitle ?? "").includes(unit)) {
        const item = p.itemOrdinal ? m.items[p.itemOrdinal - 1] : null;
        if (!item || !(item.reportingUnit ?? "").includes(unit)) return false;
      }
      return true;
    };
  }

  private queryTerms(aq: AnalyzedQuery, tokenize: (s: string) => string[]): WeightedTerm[] {
    const weights = new Map<string, number>();
    const text = !this.weights.contentFilter ? fold(aq.raw) : this.weights.crossWordBigrams && tokenize === bigrams ? aq.runs : aq.core;
    for (const t of tokenize(text)) weights.set(t, (weights.get(t) ?? 0) + 1);
    // A term of weight 0 would touch passages without scoring them: the keyword scorer needs every term positive.
    if (this.weights.expansion > 0)
      for (const e of aq.expansions) for (const t of tokenize(e)) weights.set(t, Math.max(weights.get(t) ?? 0, this.weights.expansion));
    return [...weights].map(([term, weight]) => ({ term, weight }));
  }

  /** How much of the question's content a passage covers, weighted by rarity over what `access` may see (0–1). */
  coverage(aq: AnalyzedQuery, label: number, access?: Access): number {
    const p = this.index.passages[label];
    const m = this.minutesOf(label);
    return this.coverageOf(aq, `${p.context} ${m.text.slice(p.start, p.end)}`, access);
  }

  /** Coverage of the question's content words by any text (0–1), weighted by rarity over what `access` may see. */
  coverageOf(aq: AnalyzedQuery, text: string, access?: Access): number {
    const hay = fold(text);
    const content = contentWords(aq);
    if (content.length === 0) return 0;
    const kw = this.keywordIndexes(access);
    let total = 0;
    let got = 0;
    for (const { word: w, weight } of content) {
      const idf = weight * Math.max(kw.word.idf(w), kw.bigram.idf(w.slice(0, 2)), 0.5);
      total += idf;
      got += idf * termPresence(w, hay, this.lexicon);
    }
    return total ? got / total : 0;
  }

  /**
   * The question's terms with their rarity weights over what `access` may see:
   * its content words (weight × IDF) and the character bigrams of its runs (IDF).
   * What sentence selection weighs its evidence by.
   */
  weightedTerms(aq: AnalyzedQuery, access?: Access): { words: { word: string; weight: number }[]; grams: { gram: string; weight: number; seen: boolean }[] } {
    const kw = this.keywordIndexes(access);
    const content = contentWords(aq);
    const words = [...content, ...gluedWords(aq, (g) => kw.bigram.df(g) > 0)].map(({ word, weight }) => ({
      word,
      weight: weight * Math.max(kw.word.idf(word), kw.bigram.idf(word.slice(0, 2)), 0.5),
    }));
    // A pair inside a guessed glue word («前出» of 什么时候前出方案) is glue too: weighed as a pair across words.
    const glue = content.filter((w) => w.glue).map((w) => w.word);
    const glued = (g: string) => glue.some((w) => w.includes(g)) && !content.some((w) => !w.glue && w.word.includes(g));
    const grams = [...new Set(bigrams(aq.runs))]
      .filter((g) => g.length === 2)
      .map((gram) => ({ gram, weight: kw.bigram.idf(gram) * (glued(gram) ? GLUE_PAIR : 1), seen: kw.bigram.df(gram) > 0 }));
    return { words, grams };
  }

  /**
   * Coverage of the question's character bigrams (its runs of content words,
   * adjacent words joined) by a text, weighted by rarity (0–1): soft where
   * words are cut differently («核融合» vs «融合»), strict about rare
   * characters a word list drops.
   */
  bigramCoverageOf(aq: AnalyzedQuery, text: string, access?: Access): number {
    const hay = fold(text);
    const grams = [...new Set(bigrams(aq.runs))].filter((g) => g.length === 2);
    if (!grams.length) return 0;
    const kw = this.keywordIndexes(access);
    let total = 0;
    let got = 0;
    for (const g of grams) {
      const idf = kw.bigram.idf(g);
      total += idf;
      if (hay.includes(g)) got += idf;
    }
    return total ? got / total : 0;
  }

  /** Ranks passages for a query. */
  async retrieve(query: string, opts: RetrieveOptions = {}): Promise<RankedPassage[]> {
    const aq = this.analyze(query);
    return this.retrieveAnalyzed(aq, opts);
  }

  async retrieveAnalyzed(aq: AnalyzedQuery, opts: RetrieveOptions = {}): Promise<RankedPassage[]> {
    const k = opts.k ?? 10;
    const mode = opts.mode ?? "hybrid";
    const filter = this.filterFor(opts, aq);
    const w = this.weights;
    const qv =
      mode === "vector" || (mode === "hybrid" && w.vector > 0) ? await this.embeddings.embedQuery([aq.core, ...aq.expansions].join(" ") || aq.raw) : null;

    // Lexical vectors score the keyword candidates exactly; other vectors add their nearest neighbours.
    const ann = qv !== null && !(mode === "hybrid" && !w.annCandidates);
    const few = ann ? this.fewAdmitted(filter) : null;
    if (ann && !few) await this.index.vectors.load();

    // From here on everything is synchronous, so the shared scratch arrays
    // serve one query at a time.
    let keyword: KeywordTopK | null = null;
    try {
      let candidates: number[] = [];
      if (mode !== "vector") {
        // BM25 over bigrams, words and titles, summed; the best candidates by MaxScore pruning.
        const kw = this.keywordIndexes(opts.access);
        const parts = [
          { index: kw.bigram, terms: this.queryTerms(aq, bigrams), scale: w.bigram },
          { index: kw.word, terms: this.queryTerms(aq, words), scale: w.word },
          { index: kw.title, terms: this.queryTerms(aq, bigrams), scale: !w.titleForMeetings || namesMeeting(aq) ? w.title : 0 },
        ].filter((part) => part.scale > 0);
        // A filter to one record or a few: common terms looked up over its passages instead of the whole archive.
        const admitted = few ?? (w.commonTerms ? this.fewAdmitted(filter) : null);
        keyword = keywordTopK(
          parts,
          this.keywordFilter(filter),
          Math.max(KEYWORD_CANDIDATES, k * 4),
          this.scratch,
          w.commonTerms ? COMMON_SHARE : Infinity,
          w.commonTerms ? admitted : null,
        );
        candidates = keyword.candidates;
      }
      // The keyword score of any passage that passed the filter (0 when no query term is in it).
      const kwScore = (label: number) => (keyword ? keyword.score(label) : 0);
      const maxKw = candidates.length ? kwScore(candidates[0]) : 0;

      const vec = new Map<number, number>();
      if (qv && !ann) {
        // Lexical vectors: the exact similarity of each keyword candidate, no graph walk.
        const sorted = Int32Array.from(candidates).sort();
        const sims = this.index.vectors.similarities(qv, sorted);
        sorted.forEach((label, i) => vec.set(label, sims[i]));
      } else if (qv) {
        // Superseded passages are marked deleted in hnswlib: with no other restriction, no filter callback per visited node.
        const annFilter = this.admitsAll(filter) ? undefined : filter;
        // Under a restricting filter hnswlib visits about ef ÷ (share admitted) nodes: the efSearch of
        // the unfiltered search would cost tens of milliseconds, so such searches keep ef at 100.
        const ef = this.restrictedTo(filter) ? 100 : undefined;
        const nearest = few
          ? this.index.vectors.exactSearch(qv, Math.max(100, k * 2), few)
          : this.index.vectors.searchLabels(qv, Math.max(100, k * 2), annFilter, ef);
        for (const { label, score } of nearest) vec.set(label, score);
        if (mode === "hybrid") {
          // Exact similarity for the strongest keyword candidates the ANN search did not return.
          const missing = Int32Array.from(candidates.slice(0, 50).filter((l) => !vec.has(l))).sort();
          const sims = this.index.vectors.similarities(qv, missing);
          missing.forEach((label, i) => vec.set(label, sims[i]));
          const inCandidates = new Set(candidates);
          for (const label of vec.keys()) if (!inCandidates.has(label)) candidates.push(label);
        } else {
          candidates = [...vec.keys()];
        }
      }
      let maxVec = 0;
      for (const v of vec.values()) maxVec = Math.max(maxVec, v);

      const quoted = aq.quoted.map(fold);
      const ranked = candidates.map((label) => {
        const p = this.index.passages[label];
        const m = this.minutesOf(label);
        let score = 0;
        if (mode !== "vector") score += maxKw > 0 ? kwScore(label) / maxKw : 0;
        if (mode !== "keyword") score += (mode === "vector" ? 1 : w.vector) * (maxVec > 0 ? Math.max(0, vec.get(label) ?? 0) / maxVec : 0);
        if (aq.date && p.meetingDate && (p.meetingDate === aq.date || p.meetingDate.endsWith(aq.date.slice(2)))) score += w.date;
        return { label, passage: p, minutes: m, score, coverage: 0 };
      });
      const bonus = (quoted.length ? w.quoted : 0) + (aq.figures.length ? w.figure : 0);
      if (bonus > 0 && ranked.length) {
        // Quoted terms and figures need the passage text: read only where the bonus can change the top k.
        const kth = ranked.map((r) => r.score).sort((a, b) => b - a)[Math.min(k, ranked.length) - 1];
        for (const r of ranked) {
          if (r.score < kth - bonus) continue;
          const text = fold(r.minutes.text.slice(r.passage.start, r.passage.end));
          if (quoted.length) r.score += (w.quoted * quoted.filter((q) => text.includes(q)).length) / quoted.length;
          if (aq.figures.length) r.score += (w.figure * aq.figures.filter((x) => text.includes(x)).length) / aq.figures.length;
        }
      }
      ranked.sort((a, b) => b.score - a.score || a.label - b.label);
      const top = ranked.slice(0, k);
      for (const r of top) r.coverage = this.coverage(aq, r.label, opts.access);
      return top;
    } finally {
      keyword?.release();
    }
  }
}

/** True when the question names a meeting: its number, session, year or date. */
function namesMeeting(aq: AnalyzedQuery): boolean {
  return aq.minutesNumber !== null || aq.session !== null || aq.year !== null || aq.date !== null;
}

/** Parts of speech that frame a question rather than name its topic: verbs, adjectives, adverbs, pronouns. */
const FRAMING_TAGS = /^(v|vd|a|ad|d|r|p|c|u|y|e|o|m|q|f)/;

/**
 * The words of a question that carry its content (question and clause words
 * removed), weighted: nouns and names 1, framing words («方便», «解决») 0.35 —
 * a topic is named by nouns, so an unseen verb says less than an unseen noun.
 */
export function contentWords(aq: AnalyzedQuery): { word: string; weight: number; glue?: boolean }[] {
  const content: { word: string; weight: number; glue?: boolean }[] = [];
  for (const { word, tag } of tagged(aq.core)) {
    if (word.length < 2 || CLAUSE_WORDS.includes(word) || content.some((c) => c.word === word)) continue;
    const glue = guessedGlue(word, tag);
    content.push({ word, weight: (FRAMING_TAGS.test(tag) && tag !== "vn") || glue ? 0.35 : 1, ...(glue ? { glue } : {}) });
  }
  for (const q of aq.quoted.map(fold)) if (!content.some((c) => c.word === q)) content.push({ word: q, weight: 1 });
  return content;
}

/** What a character pair inside a guessed glue word weighs (as a pair across two words does in support). */
const GLUE_PAIR = 0.3;

/**
 * A one-character noun the word cutter split off a name, joined back to its
 * neighbour when the archive never writes the two together («人|设局» →
 * 人设局: «人设» is nowhere): support then asks for the whole name, not only
 * the part that happens to occur in another one («设局» of 建设局). Added
 * beside the parts, never instead of them. A join the archive does write
 * («鹤鸣|区») adds nothing the parts do not. Measured over the full public
 * sets at equal negatives: DRCD +0.5 to +1.5 points, CMRC −0.2 (−0.4 when
 * written joins were glued too), the blind set one wrong answer fewer;
 * joining only at the start of a run (人|设局) was neutral on all three.
 */
export function gluedWords(aq: AnalyzedQuery, seen: (bigram: string) => boolean = () => false): { word: string; weight: number }[] {
  const t = tagged(aq.core);
  const content = (i: number) => i >= 0 && i < t.length && t[i].word.length >= 2 && !FRAMING_TAGS.test(t[i].tag) && !CLAUSE_WORDS.includes(t[i].word);
  const out: { word: string; weight: number }[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i].word.length !== 1 || !/^n/.test(t[i].tag)) continue;
    // Chinese compounds are head-final: a lone noun joins the word before it (鹤鸣|区), the one after only at the start (人|设局).
    const before = content(i - 1);
    const word = before ? t[i - 1].word + t[i].word : content(i + 1) ? t[i].word + t[i + 1].word : null;
    if (!word) continue;
    const joint = before ? t[i - 1].word.slice(-1) + t[i].word : t[i].word + t[i + 1].word[0];
    if (!seen(joint) && !out.some((o) => o.word === word)) out.push({ word, weight: 1 });
  }
  for (const word of unknownNames(t)) if (!out.some((o) => o.word === word)) out.push({ word, weight: 1 });
  return out;
}

/** Single characters that frame a question even where the cutter tags them otherwise. */
const SINGLE_FRAMING = /^(u|p|c|r|d|m|q|y|e|o|f|v)/;

/**
 * A name the word cutter does not know falls apart into single characters
 * («郭|麐», «涞|滩|镇», «高|畠»): the run is one word, so support asks for the
 * name, not for the question's other words alone. A lone character outside
 * the dictionary («䲟», tagged x) is a word too.
 */
function unknownNames(t: { word: string; tag: string }[]): string[] {
  const out: string[] = [];
  let run: { word: string; tag: string }[] = [];
  const flush = () => {
    if (run.length >= 2 || (run.length === 1 && /^(x|zg)$/.test(run[0].tag))) out.push(run.map((r) => r.word).join(""));
    run = [];
  };
  for (const x of t) {
    if (x.word.length === 1 && /\p{Script=Han}/u.test(x.word) && !SINGLE_FRAMING.test(x.tag)) run.push(x);
    else flush();
  }
  flush();
  return out;
}

/**
 * How present a question word is in a text (0–1): verbatim 1; through a
 * synonym 0.8; a compound whose parts all appear («教育规划» in «教育事业发展规划») 0.9;
 * most of its character bigrams, partially.
 */
export function termPresence(w: string, hay: string, lexicon: Lexicon): number {
  if (hay.includes(w)) return 1;
  if ((lexicon.synonyms.get(w) ?? []).some((s) => hay.includes(fold(s)))) return 0.8;
  // «坐地铁» is not in the lexicon but contains «地铁», which is. The word's substrings are looked up, not the lexicon
  // scanned: this runs per word per sentence, and a scan grew with every entry (measured: 13 → 28 ms a question at 600).
  for (let i = 0; i < w.length - 1; i++) {
    for (let j = i + 2; j <= w.length; j++) {
      const key = w.slice(i, j);
      const formal = key !== w ? lexicon.synonyms.get(key) : undefined;
      if (formal && (hay.includes(key) || formal.some((s) => hay.includes(fold(s))))) return 0.7;
    }
  }
  if (w.length >= 3) {
    const parts = words(w).filter((x) => x !== w && x.length >= 2);
    if (parts.length >= 2 && parts.every((x) => hay.includes(x))) return 0.9;
  }
  const bg = bigrams(w);
  if (bg.length >= 2) {
    const hits = bg.filter((b) => hay.includes(b)).length / bg.length;
    if (hits >= 0.66) return hits * 0.8;
  }
  // «国企» of «国有企业», «医保» of «医疗保障»: a two-character short form is its full name's first characters.
  if (w.length === 2 && /^\p{Script=Han}{2}$/u.test(w) && abbreviationIn(w, hay)) return 0.7;
  return 0;
}

/**
 * True when `hay` writes a four-character name whose two words start with the short form's characters
 * («国有|企业» for «国企»); «路周边建» is no name of «路边» (the cutter reads «路|周边|建»).
 */
function abbreviationIn(w: string, hay: string): boolean {
  for (let at = hay.indexOf(w[0]); at >= 0; at = hay.indexOf(w[0], at + 1)) {
    const span = hay.slice(at, at + 4);
    if (hay[at + 2] !== w[1] || !/^\p{Script=Han}{4}$/u.test(span)) continue;
    const cut = words(span);
    if (cut.includes(span.slice(0, 2)) && cut.includes(span.slice(2))) return true;
  }
  return false;
}
