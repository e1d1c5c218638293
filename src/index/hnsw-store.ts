import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { VectorStore } from "@langchain/core/vectorstores";
import { HnswIndex, type HnswParams, type LabelFilter } from "./hnsw.js";

export { DEFAULT_HNSW, type HnswParams, type LabelFilter } from "./hnsw.js";

/**
 * LangChain's VectorStore interface over the hnswlib index, so another
 * LangChain store can be swapped in and LangChain retrievers work on it.
 * Documents carry their label in metadata.label; scores are similarities
 * (1 − cosine distance). The index itself lives in HnswIndex, which the
 * retriever uses directly (no LangChain import on the query path).
 */
export class HnswVectorStore extends VectorStore {
  declare FilterType: LabelFilter;
  readonly index: HnswIndex;
  private docs: (DocumentInterface | undefined)[] = [];

  constructor(embeddings: EmbeddingsInterface, dimension: number, params: Partial<HnswParams> = {}, index?: HnswIndex) {
    super(embeddings, {});
    this.index = index ?? new HnswIndex(embeddings, dimension, params);
  }

  /** Wraps an existing index; documents default to `{ pageContent: "", metadata: { label } }`. */
  static over(index: HnswIndex, documentOf?: (label: number) => DocumentInterface): HnswVectorStore {
    const store = new HnswVectorStore(index.embeddings, index.dimension, index.params, index);
    if (documentOf) store.documentOf = documentOf;
    return store;
  }

  private documentOf: (label: number) => DocumentInterface = (label) => new Document({ pageContent: "", metadata: {} });

  _vectorstoreType(): string {
    return "hnswlib-node";
  }

  get size(): number {
    return this.index.size;
  }

  get params(): HnswParams {
    return this.index.params;
  }

  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<string[]> {
    return vectors.map((v, i) => {
      const label = this.index.add(v);
      this.docs[label] = new Document({ ...documents[i], metadata: { ...documents[i].metadata, label } });
      return String(label);
    });
  }

  async addDocuments(documents: DocumentInterface[]): Promise<string[]> {
    const vectors = await this.embeddings.embedDocuments(documents.map((d) => d.pageContent));
    return this.addVectors(vectors, documents);
  }

  /** Synchronous: for an index read from disk, `await index.load()` first. */
  searchLabels(query: number[], k: number, filter?: LabelFilter): { label: number; score: number }[] {
    return this.index.searchLabels(query, k, filter);
  }

  async similaritySearchVectorWithScore(query: number[], k: number, filter?: LabelFilter): Promise<[DocumentInterface, number][]> {
    await this.index.load();
    return this.index.searchLabels(query, k, filter).map(({ label, score }) => {
      const d = this.docs[label] ?? this.documentOf(label);
      return [new Document({ ...d, metadata: { ...d.metadata, label } }), score];
    });
  }

  vectorOf(label: number): number[] {
    return this.index.vectorOf(label);
  }
}
