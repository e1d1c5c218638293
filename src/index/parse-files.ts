import type { Minutes } from "../minutes/schema.js";
import { readRecordsFile } from "../minutes/read.js";
import { serializeDoc, type SerializedDoc } from "./docstore.js";
import { failureOf, type IngestFailure } from "./failure.js";
import type { IngestProgress } from "./progress.js";
import type { BuildWorkers } from "./worker-pool.js";

/** A file read: its records (and, when read in this thread, the parsed minutes), or why it was skipped. */
export type ParsedFile = { ok: true; docs: SerializedDoc[]; minutes?: Minutes[]; sha256: string } | { ok: false; failure: IngestFailure };

/** Files each worker reads per request. */
const PARSE_BATCH = 64;

/**
 * Parses the new and changed files, over the worker threads when given
 * (records come back serialized), else in this thread. A file that cannot
 * be read is a failure, not an error.
 */
export async function parseFiles(
  files: string[],
  workers: BuildWorkers | null,
  progress: (p: IngestProgress) => void,
  rel: (file: string) => string,
): Promise<Map<string, ParsedFile>> {
  const parsed = new Map<string, ParsedFile>();
  if (workers) {
    const chunks = Array.from({ length: workers.size }, (_, i) => files.filter((_, j) => j % workers.size === i));
    let done = 0;
    await Promise.all(
      chunks.map(async (chunk, i) => {
        for (let at = 0; at < chunk.length; at += PARSE_BATCH) {
          const r = await workers.request<"parsed">(i, { type: "parse", files: chunk.slice(at, at + PARSE_BATCH) });
          for (const x of r.results) parsed.set(x.file, x.ok ? { ok: true, docs: x.docs, sha256: x.sha256 } : { ok: false, failure: x.failure });
          done += r.results.length;
          progress({ phase: "parse", done, total: files.length });
        }
      }),
    );
    return parsed;
  }
  for (const [i, file] of files.entries()) {
    progress({ phase: "parse", done: i, total: files.length, file: rel(file) });
    try {
      const ms = await readRecordsFile(file);
      parsed.set(file, { ok: true, docs: ms.map(serializeDoc), minutes: ms, sha256: ms[0].source.sha256 });
    } catch (err) {
      parsed.set(file, { ok: false, failure: failureOf(file, err) });
    }
  }
  return parsed;
}
