import { existsSync } from "node:fs";
import { variableError, type Config } from "../config.js";
import type { EmbedderSpec } from "./embeddings/index.js";
import type { IngestOptions, IngestSummary } from "./ingest.js";
import type { IngestProgress } from "./progress.js";
import { indexIsStale } from "./stale.js";

/** The embedder the configuration names. */
export function embedderSpec(config: Config): EmbedderSpec {
  return config.EMBEDDINGS === "openai"
    ? { provider: "openai", model: config.EMBEDDING_MODEL, baseURL: config.OPENAI_BASE_URL, apiKey: config.OPENAI_API_KEY }
    : { provider: "local" };
}

/** What an ingest takes from the file system, injected by tests (a failing listing or write). */
export type IngestDeps = Pick<IngestOptions, "fs" | "hooks">;

/** Ingests when the index is missing or the minutes folder changed. Returns the summary, or null when current. */
export async function ensureIndex(config: Config, onProgress?: (p: IngestProgress) => void, deps: IngestDeps = {}): Promise<IngestSummary | null> {
  if (!(await indexIsStale(config.MINUTES_DIR, config.INDEX_DIR, deps.fs))) return null;
  if (!existsSync(config.MINUTES_DIR))
    throw variableError("MINUTES_DIR", `${config.MINUTES_DIR}: no such folder, so there is nothing to index — set MINUTES_DIR to the folder of minutes files`);
  // Ingest (file readers, the build) is loaded only when there is something to ingest.
  const { ingest } = await import("./ingest.js");
  return ingest({
    minutesDir: config.MINUTES_DIR,
    indexDir: config.INDEX_DIR,
    lexiconDir: config.LEXICON_DIR,
    embedder: embedderSpec(config),
    onProgress,
    ...deps,
  });
}
