/**
 * The project's error classes. Each carries a stable `code` and the offending
 * file, field or parameter as data; the wording users see lives in messages.ts.
 */
export type ErrorCode =
  | "config_invalid"
  | "file_not_found"
  | "file_empty"
  | "file_binary"
  | "file_too_large"
  | "file_unreadable"
  | "file_timeout"
  | "not_minutes"
  | "format_unsupported"
  | "format_invalid"
  | "ocr_engine_missing"
  | "index_missing"
  | "index_corrupt"
  | "index_locked"
  | "index_unwritable"
  | "embedder_mismatch"
  | "embedder_unavailable"
  | "llm_unavailable"
  | "redis_unavailable"
  | "usage"
  | "input_invalid"
  | "not_found";

export class MinutesQaError extends Error {
  readonly code: ErrorCode;
  /** The file, field, variable or parameter the error is about. */
  readonly subject?: string;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: { subject?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.subject = opts.subject;
    this.details = opts.details ?? {};
  }
}

/** A document could not be read or is not minutes. `subject` is the file path. */
export class DocumentError extends MinutesQaError {}

/** Configuration is invalid. `details.issues` lists `{ variable, message }`. */
export class ConfigError extends MinutesQaError {}

/** The index is missing, corrupt or built with another embedder. */
export class IndexError extends MinutesQaError {}

/** An external service (embedding endpoint, LLM) failed. Never includes secrets. */
export class ServiceError extends MinutesQaError {}

/** A caller passed a bad argument (CLI option, HTTP parameter). */
export class InputError extends MinutesQaError {}

/** The errno code of a file-system error (ENOSPC, EIO, EACCES…), or undefined for any other error. */
export function errnoCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** A file or folder the file system refused to read (EIO, EACCES, ELOOP…), named, with the system's reason. */
export function unreadableFile(path: string, err: unknown): DocumentError {
  const reason = err instanceof Error ? err.message : String(err);
  return new DocumentError("file_unreadable", `${path}: cannot be read (${reason})`, { subject: path, details: { errno: errnoCode(err) }, cause: err });
}

/** A write to the index folder the file system refused (ENOSPC, EIO, EROFS…): the folder named, the previous generation untouched. */
export function unwritableIndex(dir: string, err: unknown): IndexError {
  const reason = err instanceof Error ? err.message : String(err);
  return new IndexError("index_unwritable", `${dir}: the index could not be written (${reason}); the previous index stays in use`, {
    subject: dir,
    details: { reason, errno: errnoCode(err) },
    cause: err,
  });
}
