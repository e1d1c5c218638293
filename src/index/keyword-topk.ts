/**
 * The keyword candidates of a query: BM25 over the bigram, word and title
 * indexes, summed term by term into a Float32Array, and the best `limit`
 * passages that pass the filter — ties in the order they were first touched,
 * exactly what a stable sort of every touched passage gives — without that
 * sort, without a Set of touched passages and without allocating an array the
 * size of the index per query.
 *
 * (A MaxScore variant over every term was measured slower on this archive:
 * queries of 30–60 character bigrams have too many terms of middling frequency
 * for its bound to prune. The bound here covers only the common terms.)
 */
import type { Bm25Index, WeightedTerm } from "./bm25.js";

export interface QueryPart {
  index: Bm25Index;
  terms: WeightedTerm[];
  scale: number;
}

/** Reusable per-query arrays sized to the number of passages (all zero between queries). */
export class KeywordScratch {
  readonly scores: Float32Array;
  readonly list: Int32Array;
  /** `mark[d] === epoch`: passage d's score includes every term of the current query. */
  readonly mark: Uint32Array;
  /** With `dropMark[d] === epoch`: how many common terms passage d had when pruning dropped it. */
  readonly dropMark: Uint32Array;
  readonly dropAt: Int32Array;
  epoch = 0;
  /** Candidates that pass the filter, their scores, and quickselect's working copy. */
  readonly labels: Int32Array;
  readonly vals: Float32Array;
  readonly work: Float32Array;

  constructor(readonly size: number) {
    this.scores = new Float32Array(size);
    this.list = new Int32Array(size);
    this.mark = new Uint32Array(size);
    this.dropMark = new Uint32Array(size);
    this.dropAt = new Int32Array(size);
    this.labels = new Int32Array(size);
    this.vals = new Float32Array(size);
    this.work = new Float32Array(size);
  }
}

/**
 * Which passages a search admits: a function, or (the hot path, no call per
 * passage) a minutes mask — passage d is admitted when
 * `allowed[labelMinutes[d]] === 1` (labelMinutes −1: a superseded passage).
 */
export type KeywordFilter = ((label: number) => boolean) | { labelMinutes: Int32Array; allowed: Uint8Array } | null;

export interface KeywordTopK {
  /** The best `limit` passages that pass the filter, best first (ties in first-touched order). */
  candidates: number[];
  /** The keyword score of any passage (0 when no query term is in it). Valid until release(). */
  score(label: number): number;
  /** Zeroes the scratch arrays again; call when done with score(). */
  release(): void;
}

/** The k-th largest of `vals[0..n)` (1 ≤ k ≤ n), by quickselect on a copy (in `work` when given). */
function kthLargest(vals: Float32Array, n: number, k: number, work?: Float32Array): number {
  const a = work ? work : vals.slice(0, n);
  if (work) work.set(vals.subarray(0, n));
  let lo = 0;
  let hi = n - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const x = a[i];
        a[i] = a[j];
        a[j] = x;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else break;
  }
  return a[want];
}

/** Positions of the best `limit` values, sorted by (value desc, position asc): a stable sort's first `limit`. */
function bestPositions(vals: Float32Array, n: number, limit: number): number[] {
  let keep: number[];
  if (n <= limit) keep = Array.from({ length: n }, (_, i) => i);
  else {
    const threshold = kthLargest(vals, n, limit);
    let above = 0;
    for (let i = 0; i < n; i++) if (vals[i] > threshold) above++;
    let ties = limit - above;
    keep = [];
    for (let i = 0; i < n; i++) {
      if (vals[i] > threshold) keep.push(i);
      else if (vals[i] === threshold && ties > 0) {
        keep.push(i);
        ties--;
      }
    }
  }
  return keep.sort((a, b) => vals[b] - vals[a] || a - b);
}

/**
 * A term in more than this share of the passages is *common*: the heading path
 * of every passage names the issuer, «会议纪要» and the date, so a question's
 * «会议», «政府» or «工作» name most of the index. At 10,000 documents such terms
 * are 94% of the postings a question would decode, and add little to a score.
 */
export const COMMON_SHARE = 1 / 8;

/**
 * Scores every passage holding a query term and returns the best `limit` that
 * pass `filter` (null: every passage).
 *
 * Rare terms are accumulated from their postings. Common terms (see
 * COMMON_SHARE) can add at most `bound` to any passage, so once the rare terms
 * give `limit` passages whose `limit`-th best score is θ, a passage below
 * θ − bound cannot enter the best `limit`: common terms are only added to the
 * others, by lookup (Bm25Index.addDense). The candidates are those of scoring
 * every term over every passage; when fewer than `limit` passages match a rare
 * term, or θ ≤ bound, common terms are accumulated in full. `commonShare`
 * Infinity turns the pruning off (for evaluation).
 */
export function keywordTopK(
  parts: QueryPart[],
  filter: KeywordFilter,
  limit: number,
  scratch: KeywordScratch,
  commonShare = COMMON_SHARE,
  admitted: Int32Array | null = null,
): KeywordTopK {
  if (admitted) return admittedTopK(parts, admitted, limit, scratch, commonShare);
  const { scores, list } = scratch;
  type Deferred = { part: QueryPart; term: WeightedTerm; max: number };
  // Common terms, the one that can add most first.
  const common: Deferred[] = [];
  let m = 0;
  for (const part of parts) {
    const rare: WeightedTerm[] = [];
    for (const term of part.terms) {
      if (part.index.isCommon(term.term, commonShare)) common.push({ part, term, max: part.index.maxContribution(term.term, term.weight, part.scale) });
      else rare.push(term);
    }
    m = part.index.accumulateInto(rare, scores, part.scale, list, m);
  }
  common.sort((a, b) => b.max - a.max);
  let bound = 0;
  for (const c of common) bound += c.max;

  const { labels, vals, work } = scratch;
  let f = 0;
  const collect = () => {
    f = 0;
    if (filter === null) {
      for (let i = 0; i < m; i++) {
        const d = list[i];
        labels[i] = d;
        vals[i] = scores[d];
      }
      f = m;
      return;
    }
    if (typeof filter !== "function") {
      const { labelMinutes, allowed } = filter;
      for (let i = 0; i < m; i++) {
        const d = list[i];
        const mi = labelMinutes[d];
        if (mi < 0 || allowed[mi] !== 1) continue;
        labels[f] = d;
        vals[f++] = scores[d];
      }
      return;
    }
    for (let i = 0; i < m; i++) {
      const d = list[i];
      if (!filter(d)) continue;
      labels[f] = d;
      vals[f++] = scores[d];
    }
  };
  collect();
  // Passages whose score includes every term (all of them, unless pruned below).
  let pruned = false;
  let firstDense = 0;
  const epoch = (scratch.epoch = (scratch.epoch + 1) >>> 0 || 1);
  let deferred = 0;
  while (deferred < common.length) {
    const theta = f >= limit ? kthLargest(vals, f, limit, work) : 0;
    if (f >= limit && theta > bound) {
      // From here on a passage below θ − (what the remaining terms can add) is out for good;
      // the others get the next common term by lookup, and θ is raised again.
      pruned = true;
      firstDense = deferred;
      let t = theta;
      while (deferred < common.length) {
        let n = 0;
        for (let i = 0; i < f; i++) {
          if (vals[i] >= t - bound) {
            labels[n] = labels[i];
            vals[n++] = vals[i];
          } else {
            scratch.dropMark[labels[i]] = epoch;
            scratch.dropAt[labels[i]] = deferred;
          }
        }
        f = n;
        const { part, term, max } = common[deferred++];
        part.index.addDense(term.term, term.weight, part.scale, scores, labels, f);
        bound -= max;
        for (let i = 0; i < f; i++) vals[i] = scores[labels[i]];
        if (deferred < common.length) t = kthLargest(vals, f, limit, work);
      }
      for (let i = 0; i < f; i++) scratch.mark[labels[i]] = epoch;
      break;
    }
    // θ does not clear the bound yet: accumulate the strongest common term in full.
    const { part, term, max } = common[deferred++];
    m = part.index.accumulateInto([term], scores, part.scale, list, m);
    bound -= max;
    collect();
  }
  const candidates = bestPositions(vals, f, limit).map((i) => labels[i]);
  let released = false;
  return {
    candidates,
    score(label) {
      if (!pruned || scratch.mark[label] === epoch) return scores[label];
      // A passage the pruning passed over: the common terms it did not get, looked up now.
      const from = scratch.dropMark[label] === epoch ? scratch.dropAt[label] : firstDense;
      let extra = 0;
      for (const { part, term } of common.slice(from)) extra += part.index.denseScore(term.term, term.weight, part.scale, label);
      return scores[label] + extra;
    },
    release() {
      if (released) return;
      released = true;
      for (let i = 0; i < m; i++) scores[list[i]] = 0;
    },
  };
}

/**
 * The same scores when the filter admits few passages (one record, one
 * number): rare terms from their postings, common ones by lookup over the
 * admitted passages only. Pruning needs `limit` passages to set θ, which one
 * record seldom has, so the general path would decode the common terms'
 * postings over the whole archive (measured: 150 ms of a 165 ms «第11号纪要是哪天印发的» at 10,000 documents).
 */
function admittedTopK(parts: QueryPart[], admitted: Int32Array, limit: number, scratch: KeywordScratch, commonShare: number): KeywordTopK {
  const { scores, list, labels, vals } = scratch;
  let m = 0;
  for (const part of parts) {
    const rare: WeightedTerm[] = [];
    for (const term of part.terms) {
      if (part.index.isCommon(term.term, commonShare)) part.index.addDense(term.term, term.weight, part.scale, scores, admitted, admitted.length);
      else rare.push(term);
    }
    m = part.index.accumulateInto(rare, scores, part.scale, list, m);
  }
  let f = 0;
  for (let i = 0; i < admitted.length; i++) {
    const d = admitted[i];
    if (scores[d] > 0) {
      labels[f] = d;
      vals[f++] = scores[d];
    }
  }
  const candidates = bestPositions(vals, f, limit).map((i) => labels[i]);
  let released = false;
  return {
    candidates,
    score: (label) => scores[label],
    release() {
      if (released) return;
      released = true;
      for (let i = 0; i < m; i++) scores[list[i]] = 0;
      for (let i = 0; i < admitted.length; i++) scores[admitted[i]] = 0;
    },
  };
}
