import { Embeddings } from "@langchain/core/embeddings";
import { bigrams, fold, words } from "../tokenize.js";

/** Buckets of the hashed document-frequency table. */
const IDF_BUCKETS = 1 << 18;

export interface LocalEmbeddingsState {
  dimension: number;
  documents: number;
  /** Document frequency per hashed feature bucket. */
  df: Uint32Array;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Murmur3 finalizer: spreads the bits so bucket, dimension and sign are independent.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Character bigrams, trigrams of Chinese runs, and jieba words, each prefixed
 * by its kind. Ingest passes the bigrams and words it has already made for the
 * keyword index, so a passage is segmented once.
 */
export function features(text: string, bigramTokens: string[] = bigrams(text), wordTokens: string[] = words(text)): string[] {
  const out: string[] = [];
  for (const b of bigramTokens) out.push(`b${b}`);
  for (const run of fold(text).match(/[\u3400-\u9fff]{3,}/g) ?? []) {
    for (let i = 0; i + 2 < run.length; i++) out.push(`t${run.slice(i, i + 3)}`);
  }
  for (const w of wordTokens) if (w.length >= 2) out.push(`w${w}`);
  return out;
}

/** Adds one text's features to a document-frequency table (each bucket once per text), as fit() does. */
export function countFeatures(df: Uint32Array, feats: string[]): void {
  const seen = new Set<number>();
  for (const f of feats) seen.add(fnv1a(f) & (IDF_BUCKETS - 1));
  for (const b of seen) df[b]++;
}

/** An empty document-frequency table for countFeatures. */
export function newDfTable(): Uint32Array {
  return new Uint32Array(IDF_BUCKETS);
}

/**
 * The offline default embedder: hashed character n-gram and word TF-IDF,
 * signed random projection to `dimension`, L2-normalised. Deterministic, needs
 * no download; the document frequencies are fitted on the indexed corpus.
 */
export class LocalEmbeddings extends Embeddings {
  static readonly provider = "local";
  static readonly model = "hashed-ngram-tfidf-v1";
  readonly state: LocalEmbeddingsState;

  constructor(state: LocalEmbeddingsState) {
    super({});
    this.state = state;
  }

  /** Fits document frequencies on a corpus. */
  static fit(texts: Iterable<string>, dimension = 256): LocalEmbeddings {
    const df = newDfTable();
    let documents = 0;
    for (const text of texts) {
      documents++;
      countFeatures(df, features(text));
    }
    return new LocalEmbeddings({ dimension, documents, df });
  }

  get dimension(): number {
    return this.state.dimension;
  }

  embedText(text: string, bigramTokens?: string[], wordTokens?: string[]): number[] {
    const { dimension, df, documents } = this.state;
    const tf = new Map<number, number>();
    for (const f of features(text, bigramTokens, wordTokens)) {
      const h = fnv1a(f);
      tf.set(h, (tf.get(h) ?? 0) + 1);
    }
    const v = new Float64Array(dimension);
    for (const [h, n] of tf) {
      const idf = Math.log(1 + (documents + 1) / (df[h & (IDF_BUCKETS - 1)] + 1));
      const w = (1 + Math.log(n)) * idf;
      v[(h >>> 7) % dimension] += h & 0x40 ? w : -w;
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedText(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }
}
