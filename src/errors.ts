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
