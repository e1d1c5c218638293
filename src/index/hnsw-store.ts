import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { VectorStore } from "@langchain/core/vectorstores";
import hnswlib from "hnswlib-node";

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
}

export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 200, efSearch: 96 };

/** Filter by label (the passage's position in the index). */
export type LabelFilter = (label: number) => boolean;

/**
 * Cosine vectors in hnswlib-node behind LangChain's VectorStore interface, so
 * another LangChain store can be swapped in. Documents carry their label in
 * metadata.label; scores returned are similarities (1 − cosine distance).
 */
export class HnswVectorStore extends VectorStore {
  declare FilterType: LabelFilter;
  private index: Hnsw | null = null;
  private docs: DocumentInterface[] = [];
  readonly params: HnswParams;

  constructor(embeddings: EmbeddingsInterface, readonly dimension: number, params: Partial<HnswParams> = {}) {
    super(embeddings, {});
    this.params = { ...DEFAULT_HNSW, ...params };
  }

  _vectorstoreType(): string {
    return "hnswlib-node";
  }

  get size(): number {
    return this.index?.getCurrentCount() ?? 0;
  }

  private ensure(capacity: number): Hnsw {
    if (!this.index) {
      this.index = new HierarchicalNSW("cosine", this.dimension);
      this.index.initIndex({ maxElements: Math.max(capacity, 16), m: this.params.m, efConstruction: this.params.efConstruction, randomSeed: 100 });
      this.index.setEf(this.params.efSearch);
    } else if (capacity > this.index.getMaxElements()) {
      this.index.resizeIndex(Math.max(capacity, Math.ceil(this.index.getMaxElements() * 1.5)));
    }
    return this.index;
  }

  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<string[]> {
    const index = this.ensure(this.size + vectors.length);
    const ids: string[] = [];
    vectors.forEach((v, i) => {
      if (v.length !== this.dimension) throw new Error(`vector ${i} has dimension ${v.length}, the index has ${this.dimension}`);
      const label = this.docs.length;
      index.addPoint(v, label);
      this.docs.push(new Document({ ...documents[i], metadata: { ...documents[i].metadata, label } }));
      ids.push(String(label));
    });
    return ids;
  }

  async addDocuments(documents: DocumentInterface[]): Promise<string[]> {
    const vectors = await this.embeddings.embedDocuments(documents.map((d) => d.pageContent));
    return this.addVectors(vectors, documents);
  }

  /** Nearest labels with cosine similarity; synchronous for the hot path. */
  searchLabels(query: number[], k: number, filter?: LabelFilter): { label: number; score: number }[] {
    if (!this.index || this.size === 0) return [];
    const n = Math.min(k, this.size);
    this.index.setEf(Math.max(this.params.efSearch, n));
    const res = this.index.searchKnn(query, n, filter);
    return res.neighbors.map((label, i) => ({ label, score: 1 - res.distances[i] }));
  }

  async similaritySearchVectorWithScore(query: number[], k: number, filter?: LabelFilter): Promise<[DocumentInterface, number][]> {
    return this.searchLabels(query, k, filter).map(({ label, score }) => [this.docs[label], score]);
  }

  async save(file: string): Promise<void> {
    if (!this.index) this.ensure(16);
    await this.index!.writeIndex(file);
  }

  /** Loads vectors written by save(); documents are re-attached by label. */
  static async load(file: string, embeddings: EmbeddingsInterface, dimension: number, documents: DocumentInterface[], params: Partial<HnswParams> = {}): Promise<HnswVectorStore> {
    const store = new HnswVectorStore(embeddings, dimension, params);
    const index = new HierarchicalNSW("cosine", dimension);
    await index.readIndex(file);
    index.setEf(store.params.efSearch);
    store.index = index;
    store.docs = documents.map((d, label) => new Document({ ...d, metadata: { ...d.metadata, label } }));
    return store;
  }

  /** Exact cosine over stored vectors, for measuring ANN recall. */
  vectorOf(label: number): number[] {
    return this.index ? this.index.getPoint(label) : [];
  }
}
