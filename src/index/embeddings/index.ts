import type { Embeddings } from "@langchain/core/embeddings";
import { IndexError } from "../../errors.js";
import type { EmbedderInfo } from "../store.js";
import { LocalEmbeddings } from "./local.js";
import { OpenAICompatibleEmbeddings } from "./openai.js";

/** Which embedder to use, from configuration. */
export type EmbedderSpec =
  | { provider: "local"; dimension?: number }
  | { provider: "openai"; model: string; baseURL?: string; apiKey?: string; batchSize?: number; maxRetries?: number };

/** An embedder ready to embed, with what the index must record about it. */
export interface Embedder {
  embeddings: Embeddings;
  info: EmbedderInfo;
  /** State to persist beside the index (the local embedder's fitted frequencies). */
  state: Buffer | null;
}

export function specModel(spec: EmbedderSpec): string {
  return spec.provider === "local" ? LocalEmbeddings.model : spec.model;
}

function packLocal(e: LocalEmbeddings): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(e.state.dimension, 0);
  head.writeUInt32LE(e.state.documents, 4);
  return Buffer.concat([head, Buffer.from(e.state.df.buffer, e.state.df.byteOffset, e.state.df.byteLength)]);
}

export function unpackLocal(b: Buffer): LocalEmbeddings {
  const dimension = b.readUInt32LE(0);
  const documents = b.readUInt32LE(4);
  const df = new Uint32Array(new Uint8Array(b.subarray(8)).buffer);
  return new LocalEmbeddings({ dimension, documents, df });
}

/** The local embedder fitted from feature document frequencies counted over `documents` passages (see countFeatures). */
export function localEmbedderFromCounts(documents: number, df: Uint32Array, dimension = 512): Embedder {
  const e = new LocalEmbeddings({ dimension, documents, df });
  return { embeddings: e, info: { provider: "local", model: LocalEmbeddings.model, dimension: e.dimension }, state: packLocal(e) };
}

/** Fits (local) or connects (openai) an embedder for a new index over `corpus`. */
export async function embedderForIngest(spec: EmbedderSpec, corpus: string[]): Promise<Embedder> {
  if (spec.provider === "local") {
    const e = LocalEmbeddings.fit(corpus, spec.dimension ?? 512);
    return { embeddings: e, info: { provider: "local", model: LocalEmbeddings.model, dimension: e.dimension }, state: packLocal(e) };
  }
  const e = new OpenAICompatibleEmbeddings(spec);
  const probe = await e.embedQuery(corpus[0] ?? "测试");
  return { embeddings: e, info: { provider: "openai", model: spec.model, dimension: probe.length }, state: null };
}

/**
 * The embedder that matches an existing index. Throws IndexError
 * embedder_mismatch with a «re-ingest with …» message when the configured
 * embedder differs from the one the index was built with.
 */
export function embedderForIndex(spec: EmbedderSpec, recorded: EmbedderInfo, state: Buffer | null): Embedder {
  const model = specModel(spec);
  if (spec.provider !== recorded.provider || model !== recorded.model) {
    throw new IndexError(
      "embedder_mismatch",
      `the index was built with ${recorded.provider}/${recorded.model} (${recorded.dimension} dimensions) but ${spec.provider}/${model} is configured — re-ingest with \`minutes ingest --rebuild\` (or set EMBEDDINGS=${recorded.provider})`,
      { subject: "EMBEDDINGS", details: { recorded, configured: { provider: spec.provider, model } } },
    );
  }
  if (spec.provider === "local") {
    if (!state)
      throw new IndexError("index_corrupt", "the index lacks the local embedder's state — run `minutes ingest --rebuild`", { subject: "embedder.bin" });
    const e = unpackLocal(state);
    return { embeddings: e, info: recorded, state };
  }
  return { embeddings: new OpenAICompatibleEmbeddings(spec), info: recorded, state: null };
}
