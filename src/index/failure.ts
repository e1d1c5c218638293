import { errnoCode, MinutesQaError, unreadableFile, type ErrorCode } from "../errors.js";

/**
 * A file an ingest skipped, as data: the surfaces word it (messages.ts
 * `describeFailure`). A plain object, so it crosses from a worker thread.
 */
export interface IngestFailure {
  path: string;
  /** The error's code; "unexpected" for an error that is not one of ours (a bug, the file system). */
  code: ErrorCode | "unexpected";
  /** The error's own message: the file and what is wrong with it. */
  message: string;
  /** The file or field the error names. */
  subject?: string;
}

/** The failure of `path` from what reading it threw. */
export function failureOf(path: string, err: unknown): IngestFailure {
  // A file-system refusal (EIO, EACCES…) names the file: the system's own message does not.
  if (!(err instanceof MinutesQaError) && errnoCode(err)) return failureOf(path, unreadableFile(path, err));
  if (err instanceof MinutesQaError) return { path, code: err.code, message: err.message, ...(err.subject ? { subject: err.subject } : {}) };
  return { path, code: "unexpected", message: err instanceof Error ? err.message : String(err) };
}
