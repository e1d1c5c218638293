/**
 * A compact BM25 inverted index over pre-tokenized documents.
 *
 * Postings are delta-coded varints: per posting one varint `gap * 4 + min(tf - 1, 3)`,
 * followed by `varint(tf - 4)` when tf ≥ 4. Consecutive identical documents
 * (the title field of every passage of one agenda item) are stored once as a
 * *run*; a run's score is added to each of its documents, so scores are the
 * same as with one posting per document. About 1.5 bytes per posting instead
 * of 6, which keeps 500,000 passages in memory.
 *
 * An index can span several segments (the base built in parallel, plus small
 * segments added by incremental ingest): document frequencies, the document
 * count and the average length are summed over the segments, so a multi-segment
 * index scores exactly like one index over the same documents.
 */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface Bm25Params {
  k1: number;
  b: number;
}

/** One segment's postings, as stored on disk. */
export interface Bm25Serialized {
  params: Bm25Params;
  terms: string[];
  /** Byte offset of each term's postings in `postings` (length terms + 1). */
  termStarts: Uint32Array;
  postings: Uint8Array;
  /** Documents (not runs) containing each term. */
  dfs: Uint32Array;
  /** Length in tokens of each run. */
  runLens: Uint32Array;
  /** First document of each run (length runs + 1); null when every run is one document. */
  runStarts: Uint32Array | null;
  /** Number of documents. */
  docs: number;
}

interface Segment {
  data: Bm25Serialized;
  termIndex: Map<string, number>;
  /** First document of this segment in the combined label space. */
  base: number;
}

/**
 * Builds one segment document by document, encoding postings as they come, so
 * no token arrays are kept: 300,000 passages build in a few hundred MB.
 */
export class Bm25Builder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private bufs: Uint8Array[] = [];
  private lens: number[] = [];
  private prevRun: number[] = [];
  private dfs: number[] = [];
  private runLens: number[] = [];
  private runStarts: number[] = [];
  private docs = 0;
  private prevKey: string | null = null;
  private runTerms: number[] = [];
  private readonly tf = new Map<number, number>();

  constructor(readonly params: Bm25Params = { k1: 1.2, b: 0.75 }) {}

  private push(id: number, v: number): void {
    let buf = this.bufs[id];
    let len = this.lens[id];
    if (len + 10 > buf.length) {
      const bigger = new Uint8Array(buf.length * 2 + 16);
      bigger.set(buf.subarray(0, len));
      this.bufs[id] = buf = bigger;
    }
    while (v >= 0x80) {
      buf[len++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    buf[len++] = v;
    this.lens[id] = len;
  }

  /** Adds the next document. */
  add(tokens: string[]): void {
    const doc = this.docs++;
    const key = tokens.join("\u0001");
    if (doc > 0 && key === this.prevKey) {
      // Same tokens as the previous document: it joins the run.
      for (const id of this.runTerms) this.dfs[id]++;
      return;
    }
    this.prevKey = key;
    const run = this.runLens.length;
    this.runLens.push(tokens.length);
    this.runStarts.push(doc);
    const tf = this.tf;
    tf.clear();
    for (const t of tokens) {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(t, id);
        this.terms.push(t);
        this.bufs.push(new Uint8Array(4));
        this.lens.push(0);
        this.prevRun.push(-1);
        this.dfs.push(0);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    this.runTerms = [];
    for (const [id, n] of tf) {
      const gap = run - this.prevRun[id] - 1;
      this.prevRun[id] = run;
      const t = Math.min(n, 65535);
      this.push(id, gap * 4 + Math.min(t - 1, 3));
      if (t >= 4) this.push(id, t - 4);
      this.dfs[id]++;
      this.runTerms.push(id);
    }
  }

  finish(): Bm25Serialized {
    const n = this.terms.length;
    const termStarts = new Uint32Array(n + 1);
    let total = 0;
    for (let i = 0; i < n; i++) {
      termStarts[i] = total;
      total += this.lens[i];
    }
    termStarts[n] = total;
    const postings = new Uint8Array(total);
    for (let i = 0; i < n; i++) postings.set(this.bufs[i].subarray(0, this.lens[i]), termStarts[i]);
    const runs = this.runLens.length;
    const anyRun = runs !== this.docs;
    const runStarts = anyRun ? Uint32Array.from([...this.runStarts, this.docs]) : null;
    const out: Bm25Serialized = {
      params: this.params,
      terms: this.terms,
      termStarts,
      postings,
      dfs: Uint32Array.from(this.dfs),
      runLens: Uint32Array.from(this.runLens),
      runStarts,
      docs: this.docs,
    };
    this.bufs = [];
    this.lens = [];
    this.prevRun = [];
    return out;
  }
}

/** Documents d in [from, to) with scope[d] === 1. */
function countIn(scope: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let d = from; d < to; d++) n += scope[d];
  return n;
}

/** Calls `visit(run, tf)` for each posting of term `i` of a segment, in order (accumulateInto inlines the same decoding). */
function decodePostings(data: Bm25Serialized, i: number, visit: (run: number, tf: number) => void): void {
  const { termStarts, postings } = data;
  let at = termStarts[i];
  const end = termStarts[i + 1];
  let run = -1;
  const varint = () => {
    let v = postings[at++];
    if (v >= 0x80) {
      let shift = 128;
      v &= 0x7f;
      let byte: number;
      do {
        byte = postings[at++];
        v += (byte & 0x7f) * shift;
        shift *= 128;
      } while (byte >= 0x80);
    }
    return v;
  };
  while (at < end) {
    const v = varint();
    run += Math.floor(v / 4) + 1;
    let tf = (v & 3) + 1;
    if (tf === 4) tf += varint();
    visit(run, tf);
  }
}

export class Bm25Index {
  readonly params: Bm25Params;
  private readonly segments: Segment[];
  /** Documents the term statistics (df, document count, average length) are computed over; null: all. */
  private readonly scope: Uint8Array | null;
  private readonly labels: number;
  private readonly statDocs: number;
  private readonly avgLen: number;
  /** Global df per term, summed over segments (cached). */
  private readonly dfCache = new Map<string, number>();
  /** Dense term frequencies of common terms (see `denseTf`), most recently used last; shared by views of one index. */
  private readonly denseCache: Map<string, Uint8Array>;

  private constructor(
    segments: { data: Bm25Serialized; base: number; termIndex?: Map<string, number> }[],
    params: Bm25Params,
    view: { scope?: Uint8Array | null; denseCache?: Map<string, Uint8Array> } = {},
  ) {
    this.params = params;
    this.segments = segments.map((s) => ({ data: s.data, base: s.base, termIndex: s.termIndex ?? Bm25Index.termIndexOf(s.data) }));
    this.scope = view.scope ?? null;
    this.denseCache = view.denseCache ?? new Map();
    const scope = this.scope;
    let docs = 0;
    let total = 0;
    this.labels = 0;
    for (const { data, base } of this.segments) {
      this.labels += data.docs;
      const { runLens, runStarts } = data;
      if (!scope) {
        docs += data.docs;
        for (let r = 0; r < runLens.length; r++) total += runLens[r] * (runStarts ? runStarts[r + 1] - runStarts[r] : 1);
        continue;
      }
      for (let r = 0; r < runLens.length; r++) {
        const n = runStarts ? countIn(scope, base + runStarts[r], base + runStarts[r + 1]) : scope[base + r];
        docs += n;
        total += runLens[r] * n;
      }
    }
    this.statDocs = docs;
    this.avgLen = docs ? total / docs : 1;
  }

  /**
   * The same postings with term statistics computed only over the documents
   * where `scope[doc] === 1` (what one caller may see): scores then depend on
   * nothing outside the scope. Cheap: document frequencies are counted per
   * query term on first use and cached.
   */
  scoped(scope: Uint8Array): Bm25Index {
    return new Bm25Index(this.segments, this.params, { scope, denseCache: this.denseCache });
  }

  /** The same postings and statistics scored with other BM25 parameters (for evaluation). */
  withParams(params: Bm25Params): Bm25Index {
    return new Bm25Index(this.segments, params, { scope: this.scope, denseCache: this.denseCache });
  }

  private static termIndexOf(data: Bm25Serialized): Map<string, number> {
    const m = new Map<string, number>();
    const terms = data.terms;
    for (let i = 0; i < terms.length; i++) m.set(terms[i], i);
    return m;
  }

  /** Number of documents (passages): the label space, scope or not. */
  get size(): number {
    return this.labels;
  }

  /** Number of documents the statistics count (those in scope). */
  get documents(): number {
    return this.statDocs;
  }

  /** Builds one segment; consecutive documents with identical tokens share a run. */
  static build(docs: string[][], params: Bm25Params = { k1: 1.2, b: 0.75 }): Bm25Index {
    return new Bm25Index([{ data: Bm25Index.buildSegment(docs, params), base: 0 }], params);
  }

  static buildSegment(docs: Iterable<string[]>, params: Bm25Params = { k1: 1.2, b: 0.75 }): Bm25Serialized {
    const b = new Bm25Builder(params);
    for (const d of docs) b.add(d);
    return b.finish();
  }

  static fromSerialized(data: Bm25Serialized): Bm25Index {
    return new Bm25Index([{ data, base: 0 }], data.params);
  }

  /** One index over several segments; segment i's documents start at `bases[i]`. */
  static combine(segments: { data: Bm25Serialized; base: number; termIndex?: Map<string, number> }[]): Bm25Index {
    return new Bm25Index(segments, segments[0]?.data.params ?? { k1: 1.2, b: 0.75 });
  }

  /** Each segment's data and term lookup, in order: what a later generation sharing a segment reuses instead of reading it again. */
  segmentParts(): { data: Bm25Serialized; termIndex: Map<string, number> }[] {
    return this.segments.map((s) => ({ data: s.data, termIndex: s.termIndex }));
  }

  /** The single segment of an index built or loaded from one (for writing). */
  serialize(): Bm25Serialized {
    if (this.segments.length !== 1) throw new Error("serialize() needs a one-segment index");
    return this.segments[0].data;
  }

  /** Number of documents containing the term, over all segments. */
  df(term: string): number {
    let df = this.dfCache.get(term);
    if (df === undefined) {
      df = 0;
      const scope = this.scope;
      for (const s of this.segments) {
        const i = s.termIndex.get(term);
        if (i === undefined) continue;
        if (!scope) {
          df += s.data.dfs[i];
          continue;
        }
        const { runStarts } = s.data;
        decodePostings(s.data, i, (run) => {
          df! += runStarts ? countIn(scope, s.base + runStarts[run], s.base + runStarts[run + 1]) : scope[s.base + run];
        });
      }
      if (this.dfCache.size > 50_000) this.dfCache.clear();
      this.dfCache.set(term, df);
    }
    return df;
  }

  /** Inverse document frequency (BM25+ style, never negative). */
  idf(term: string): number {
    const df = this.df(term);
    const n = this.statDocs;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Adds the weighted BM25 score of each document into `scores` (length ≥ size)
   * and records each document that matched any term once in `touched`.
   */
  accumulate(query: WeightedTerm[], scores: Float32Array, scale = 1, touched?: Set<number>): Set<number> {
    const out = touched ?? new Set<number>();
    const { k1, b } = this.params;
    const avgLen = this.avgLen;
    for (const { term, weight } of query) {
      if (this.df(term) === 0) continue;
      const w = this.idf(term) * weight * scale;
      for (const seg of this.segments) {
        const i = seg.termIndex.get(term);
        if (i === undefined) continue;
        const { runLens, runStarts } = seg.data;
        const base = seg.base;
        decodePostings(seg.data, i, (run, tf) => {
          // The same arithmetic, in the same order, as one posting per document.
          const norm = tf + k1 * (1 - b + (b * runLens[run]) / avgLen);
          const s = (w * tf * (k1 + 1)) / norm;
          if (runStarts === null) {
            const d = base + run;
            scores[d] += s;
            out.add(d);
          } else {
            for (let d = base + runStarts[run], e = base + runStarts[run + 1]; d < e; d++) {
              scores[d] += s;
              out.add(d);
            }
          }
        });
      }
    }
    return out;
  }

  /** k1 · (1 − b + b · length / avgLen) per run of each segment: the length part of the BM25 norm, made once. */
  private normBases: Float64Array[] | null = null;

  private normBaseOf(i: number): Float64Array {
    if (!this.normBases) {
      const { k1, b } = this.params;
      const avgLen = this.avgLen;
      this.normBases = this.segments.map(({ data }) => {
        const out = new Float64Array(data.runLens.length);
        for (let r = 0; r < out.length; r++) out[r] = k1 * (1 - b + (b * data.runLens[r]) / avgLen);
        return out;
      });
    }
    return this.normBases[i];
  }

  /**
   * accumulate() for the hot path: adds into `scores` and appends each newly
   * touched document to `list` (a document is new while its score is 0 —
   * every contribution is positive). Returns the new list length. The same
   * arithmetic as accumulate(), so the scores are bit-identical.
   */
  accumulateInto(query: WeightedTerm[], scores: Float32Array, scale: number, list: Int32Array, length: number): number {
    const { k1 } = this.params;
    const k1p = k1 + 1;
    let n = length;
    for (const { term, weight } of query) {
      if (this.df(term) === 0) continue;
      const w = this.idf(term) * weight * scale;
      const w1 = w * 1 * k1p;
      for (let si = 0; si < this.segments.length; si++) {
        const seg = this.segments[si];
        const i = seg.termIndex.get(term);
        if (i === undefined) continue;
        const { termStarts, postings, runStarts } = seg.data;
        const normBase = this.normBaseOf(si);
        const base = seg.base;
        let at = termStarts[i];
        const end = termStarts[i + 1];
        let run = -1;
        while (at < end) {
          let v = postings[at++];
          if (v >= 0x80) {
            let shift = 128;
            v &= 0x7f;
            let byte: number;
            do {
              byte = postings[at++];
              v += (byte & 0x7f) * shift;
              shift *= 128;
            } while (byte >= 0x80);
          }
          run += (v >>> 2) + 1;
          let s: number;
          if ((v & 3) === 0) {
            // tf = 1: w · 1 · (k1 + 1) / (1 + norm), as accumulate() computes it.
            s = w1 / (1 + normBase[run]);
          } else {
            let tf = (v & 3) + 1;
            if (tf === 4) {
              let x = postings[at++];
              if (x >= 0x80) {
                let shift = 128;
                x &= 0x7f;
                let byte: number;
                do {
                  byte = postings[at++];
                  x += (byte & 0x7f) * shift;
                  shift *= 128;
                } while (byte >= 0x80);
              }
              tf += x;
            }
            s = (w * tf * k1p) / (tf + normBase[run]);
          }
          if (runStarts === null) {
            const d = base + run;
            const old = scores[d];
            if (old === 0) list[n++] = d;
            scores[d] = old + s;
          } else {
            for (let d = base + runStarts[run], e = base + runStarts[run + 1]; d < e; d++) {
              const old = scores[d];
              if (old === 0) list[n++] = d;
              scores[d] = old + s;
            }
          }
        }
      }
    }
    return n;
  }

  /** k1 · (1 − b + b · length / avgLen) per document over all segments (for `addDense`). */
  private docNorms: Float32Array | null = null;

  /** Common terms whose dense frequencies are cached (diagnostics). */
  get denseTerms(): number {
    return this.denseCache.size;
  }

  /** True when more than `share` of the documents contain the term. */
  isCommon(term: string, share: number): boolean {
    return this.df(term) > this.statDocs * share;
  }

  /** The largest score a term can add to one document: its weight times k1 + 1 (BM25's limit as tf grows). */
  maxContribution(term: string, weight: number, scale: number): number {
    return this.df(term) === 0 ? 0 : this.idf(term) * weight * scale * (this.params.k1 + 1);
  }

  /**
   * The term's frequency in every document (capped at 255), decoded once and
   * cached: for a common term, a lookup per candidate instead of decoding a
   * posting list that names most of the index. The cache holds at most 128 MB.
   */
  denseTf(term: string): Uint8Array {
    const hit = this.denseCache.get(term);
    if (hit) {
      this.denseCache.delete(term);
      this.denseCache.set(term, hit);
      return hit;
    }
    const out = new Uint8Array(this.size);
    for (const seg of this.segments) {
      const i = seg.termIndex.get(term);
      if (i === undefined) continue;
      const { runStarts } = seg.data;
      decodePostings(seg.data, i, (run, tf) => {
        const t = Math.min(tf, 255);
        if (runStarts === null) out[seg.base + run] = t;
        else out.fill(t, seg.base + runStarts[run], seg.base + runStarts[run + 1]);
      });
    }
    const cap = Math.max(8, Math.floor((128 << 20) / Math.max(1, this.size)));
    while (this.denseCache.size >= cap) this.denseCache.delete(this.denseCache.keys().next().value!);
    this.denseCache.set(term, out);
    return out;
  }

  private docNormsOf(): Float32Array {
    if (!this.docNorms) {
      const out = new Float32Array(this.size);
      this.segments.forEach(({ data, base }, si) => {
        const nb = this.normBaseOf(si);
        if (data.runStarts === null) for (let r = 0; r < nb.length; r++) out[base + r] = nb[r];
        else for (let r = 0; r < nb.length; r++) out.fill(nb[r], base + data.runStarts[r], base + data.runStarts[r + 1]);
      });
      this.docNorms = out;
    }
    return this.docNorms;
  }

  /**
   * Adds a term's weighted BM25 score to the given documents only (`docs[0..n)`),
   * through its dense frequencies: the same formula as accumulateInto().
   */
  addDense(term: string, weight: number, scale: number, scores: Float32Array, docs: Int32Array, n: number): void {
    if (this.df(term) === 0) return;
    const tfs = this.denseTf(term);
    const norms = this.docNormsOf();
    const w = this.idf(term) * weight * scale;
    const k1p = this.params.k1 + 1;
    for (let i = 0; i < n; i++) {
      const d = docs[i];
      const tf = tfs[d];
      if (tf !== 0) scores[d] += (w * tf * k1p) / (tf + norms[d]);
    }
  }

  /** A term's weighted BM25 score in one document, as addDense() adds it. */
  denseScore(term: string, weight: number, scale: number, doc: number): number {
    if (this.df(term) === 0) return 0;
    const tf = this.denseTf(term)[doc];
    return tf === 0 ? 0 : Math.fround((this.idf(term) * weight * scale * tf * (this.params.k1 + 1)) / (tf + this.docNormsOf()[doc]));
  }

  /** True when document `doc` contains the term (a scan of the term's postings; for tests and explanations). */
  contains(term: string, doc: number): boolean {
    const found = new Set<number>();
    const scores = new Float32Array(this.size);
    this.accumulate([{ term, weight: 1 }], scores, 1, found);
    return found.has(doc);
  }
}
