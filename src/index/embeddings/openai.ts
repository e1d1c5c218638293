import type { OpenAIEmbeddings } from "@langchain/openai";
import { Embeddings } from "@langchain/core/embeddings";
import { ServiceError } from "../../errors.js";
import { createRedactor } from "../../redact.js";

export interface OpenAIEmbedderOptions {
  baseURL?: string;
  apiKey?: string;
  model: string;
  /** Texts per request. */
  batchSize?: number;
  maxRetries?: number;
  timeoutMs?: number;
}

/**
 * Embeddings from any OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen, vLLM,
 * Ollama) through LangChain's OpenAIEmbeddings, batched and retried. A failing
 * endpoint raises a ServiceError that names the endpoint, never the key.
 */
export class OpenAICompatibleEmbeddings extends Embeddings {
  static readonly provider = "openai";
  readonly model: string;
  private client: Promise<OpenAIEmbeddings> | null = null;
  private readonly opts: OpenAIEmbedderOptions;
  dimension = 0;

  constructor(opts: OpenAIEmbedderOptions) {
    super({});
    this.opts = opts;
    this.model = opts.model;
  }

  /** LangChain's OpenAI client, imported on first use so a local-embedder process never loads it. */
  private inner(): Promise<OpenAIEmbeddings> {
    const opts = this.opts;
    return (this.client ??= import("@langchain/openai").then(
      ({ OpenAIEmbeddings }) =>
        new OpenAIEmbeddings({
          model: opts.model,
          apiKey: opts.apiKey ?? "not-needed",
          batchSize: opts.batchSize ?? 64,
          maxRetries: opts.maxRetries ?? 3,
          timeout: opts.timeoutMs ?? 30_000,
          configuration: opts.baseURL ? { baseURL: opts.baseURL } : undefined,
        }),
    ));
  }

  private wrap(err: unknown): ServiceError {
    const where = this.opts.baseURL ?? "the OpenAI API";
    const msg = createRedactor([this.opts.apiKey])(err instanceof Error ? err.message : String(err));
    return new ServiceError("embedder_unavailable", `embedding endpoint ${where} failed (model ${this.model}): ${msg}`, {
      subject: "OPENAI_BASE_URL",
    });
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    try {
      const out = await (await this.inner()).embedDocuments(texts);
      if (out[0]) this.dimension = out[0].length;
      return out;
    } catch (err) {
      throw this.wrap(err);
    }
  }

  async embedQuery(text: string): Promise<number[]> {
    try {
      return await (await this.inner()).embedQuery(text);
    } catch (err) {
      throw this.wrap(err);
    }
  }
}
