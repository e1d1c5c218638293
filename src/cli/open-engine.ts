import { openEngine, type MinutesEngine } from "../answer/engine.js";
import type { Config } from "../config.js";
import type { IngestDeps } from "../index/ensure.js";
import { staleIndexWarning } from "../messages.js";
import { progressReporter } from "../progress/terminal.js";
import type { CliIo } from "./args.js";

/**
 * Opens the engine for a CLI command: a build's progress on stderr, and when
 * the index could not be updated (a full disk, an unreadable index folder),
 * a warning naming why before the command answers from the last good index.
 */
export async function openCliEngine(config: Config, io: CliIo, ingestDeps?: IngestDeps): Promise<MinutesEngine> {
  const engine = await openEngine({ config, onProgress: progressReporter((s) => io.err(s), io.isTTY), ...(ingestDeps ? { ingestDeps } : {}) });
  const failure = engine.status().lastIngestError;
  if (failure) io.err(staleIndexWarning(failure.message));
  return engine;
}
