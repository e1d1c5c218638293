/**
 * The keyword candidates of a query: BM25 over the bigram, word and title
 * indexes, summed term by term into a Float32Array, and the best `limit`
 * passages that pass the filter — ties in the order they were first touched,
 * exactly what a stable sort of every touched passage gives — without that
 * sort, without a Set of touched passages and without allocating an array the
 * size of the index per query.
 *
 * (A MaxScore variant, which skips low-impact terms, was tried and measured
 * slower on this archive: queries of 30–60 character bigrams have too many
 * terms of middling frequency for the bound to prune. See docs/performance.md.)
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

  constructor(readonly size: number) {
    this.scores = new Float32Array(size);
    this.list = new Int32Array(size);
  }
}

export interface KeywordTopK {
  /** The best `limit` passages that pass the filter, best first (ties in first-touched order). */
  candidates: number[];
  /** The keyword score of a passage (0 when no query term is in it). Valid until release(). */
  score(label: number): number;
  /** Zeroes the scratch arrays again; call when done with score(). */
  release(): void;
}

/** The k-th largest of `vals[0..n)` (1 ≤ k ≤ n), by quickselect on a copy. */
function kthLargest(vals: Float32Array, n: number, k: number): number {
  const a = vals.slice(0, n);
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
 * Scores every passage holding a query term (each part's terms in order, as
 * Bm25Index.accumulate does) and returns the best `limit` that pass `filter`.
 */
export function keywordTopK(parts: QueryPart[], filter: (label: number) => boolean, limit: number, scratch: KeywordScratch): KeywordTopK {
  const { scores, list } = scratch;
  let m = 0;
  for (const part of parts) m = part.index.accumulateInto(part.terms, scores, part.scale, list, m);
  const labels = new Int32Array(m);
  const vals = new Float32Array(m);
  let f = 0;
  for (let i = 0; i < m; i++) {
    const d = list[i];
    if (!filter(d)) continue;
    labels[f] = d;
    vals[f++] = scores[d];
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
    },
  };
}
