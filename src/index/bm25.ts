/**
 * A compact BM25 inverted index over pre-tokenized documents. Postings live
 * in typed arrays so the index loads fast and stays small on disk.
 */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface Bm25Params {
  k1: number;
  b: number;
}

export interface Bm25Serialized {
  params: Bm25Params;
  terms: string[];
  termStarts: Uint32Array;
  docIds: Uint32Array;
  tfs: Uint16Array;
  docLens: Uint32Array;
}

export class Bm25Index {
  readonly params: Bm25Params;
  private readonly termIndex = new Map<string, number>();
  private readonly avgLen: number;

  private constructor(private readonly data: Bm25Serialized) {
    this.params = data.params;
    data.terms.forEach((t, i) => this.termIndex.set(t, i));
    let total = 0;
    for (const l of data.docLens) total += l;
    this.avgLen = data.docLens.length ? total / data.docLens.length : 1;
  }

  get size(): number {
    return this.data.docLens.length;
  }

  static build(docs: string[][], params: Bm25Params = { k1: 1.2, b: 0.75 }): Bm25Index {
    const postings = new Map<string, number[]>();
    const docLens = new Uint32Array(docs.length);
    docs.forEach((tokens, doc) => {
      docLens[doc] = tokens.length;
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let list = postings.get(t);
        if (!list) postings.set(t, (list = []));
        list.push(doc, Math.min(n, 65535));
      }
    });
    const terms = [...postings.keys()];
    const termStarts = new Uint32Array(terms.length + 1);
    let count = 0;
    terms.forEach((t, i) => {
      termStarts[i] = count;
      count += postings.get(t)!.length / 2;
    });
    termStarts[terms.length] = count;
    const docIds = new Uint32Array(count);
    const tfs = new Uint16Array(count);
    terms.forEach((t, i) => {
      const list = postings.get(t)!;
      let at = termStarts[i];
      for (let j = 0; j < list.length; j += 2, at++) {
        docIds[at] = list[j];
        tfs[at] = list[j + 1];
      }
    });
    return new Bm25Index({ params, terms, termStarts, docIds, tfs, docLens });
  }

  static fromSerialized(data: Bm25Serialized): Bm25Index {
    return new Bm25Index(data);
  }

  serialize(): Bm25Serialized {
    return this.data;
  }

  /** Inverse document frequency (BM25+ style, never negative). */
  idf(term: string): number {
    const i = this.termIndex.get(term);
    const df = i === undefined ? 0 : this.data.termStarts[i + 1] - this.data.termStarts[i];
    const n = this.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Number of documents containing the term. */
  df(term: string): number {
    const i = this.termIndex.get(term);
    return i === undefined ? 0 : this.data.termStarts[i + 1] - this.data.termStarts[i];
  }

  /**
   * Adds the weighted BM25 score of each document into `scores` (length = size)
   * and returns the ids of documents that matched any term.
   */
  accumulate(query: WeightedTerm[], scores: Float32Array, scale = 1, touched?: Set<number>): Set<number> {
    const out = touched ?? new Set<number>();
    const { k1, b } = this.params;
    const { termStarts, docIds, tfs, docLens } = this.data;
    for (const { term, weight } of query) {
      const i = this.termIndex.get(term);
      if (i === undefined) continue;
      const w = this.idf(term) * weight * scale;
      for (let at = termStarts[i]; at < termStarts[i + 1]; at++) {
        const doc = docIds[at];
        const tf = tfs[at];
        const norm = tf + k1 * (1 - b + (b * docLens[doc]) / this.avgLen);
        scores[doc] += (w * tf * (k1 + 1)) / norm;
        out.add(doc);
      }
    }
    return out;
  }

  /** Terms of the document-term matrix present in document `doc` among `terms` (for explanations and coverage). */
  contains(term: string, doc: number): boolean {
    const i = this.termIndex.get(term);
    if (i === undefined) return false;
    const { termStarts, docIds } = this.data;
    let lo = termStarts[i];
    let hi = termStarts[i + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (docIds[mid] === doc) return true;
      if (docIds[mid] < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
