import { DocumentError, type ErrorCode } from "../../errors.js";
import type { ReaderOptions } from "./types.js";

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_PAGES = 500;
export const DEFAULT_TIMEOUT_MS = 120_000;

export interface Limits {
  maxBytes: number;
  maxPages: number;
  timeoutMs: number;
  /** Date.now() value after which the read has run out of time. */
  deadline: number;
}

export function docError(code: ErrorCode, path: string, message: string, details: Record<string, unknown> = {}, cause?: unknown): DocumentError {
  return new DocumentError(code, message, { subject: path, details, cause });
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

function positive(v: number | undefined, def: number, name: string): number {
  if (v === undefined) return def;
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`ReaderOptions.${name} must be a positive number, got ${v}`);
  return v;
}

/**
 * Resolves the options and rejects empty and oversized input before any parsing.
 * Every reader calls this first.
 */
export function startRead(bytes: Buffer, path: string, what: string, opts: ReaderOptions = {}): Limits {
  const maxBytes = positive(opts.maxBytes, DEFAULT_MAX_BYTES, "maxBytes");
  const maxPages = positive(opts.maxPages, DEFAULT_MAX_PAGES, "maxPages");
  const timeoutMs = positive(opts.timeoutMs, DEFAULT_TIMEOUT_MS, "timeoutMs");
  if (bytes.length === 0) throw docError("file_empty", path, `${path}: the ${what} file is empty`);
  if (bytes.length > maxBytes) {
    throw docError("file_too_large", path, `${path}: the ${what} file is ${formatBytes(bytes.length)}, over the ${formatBytes(maxBytes)} limit`, {
      bytes: bytes.length,
      maxBytes,
    });
  }
  return { maxBytes, maxPages, timeoutMs, deadline: Date.now() + timeoutMs };
}

export function remainingMs(limits: Limits): number {
  return Math.max(0, limits.deadline - Date.now());
}

export function timeoutError(path: string, stage: string, limits: Limits): DocumentError {
  return docError("file_timeout", path, `${path}: ${stage} did not finish within ${limits.timeoutMs} ms (ReaderOptions.timeoutMs)`, {
    reason: "timeout",
    stage,
    timeoutMs: limits.timeoutMs,
  });
}

const HAN = /\p{Script=Han}/u;
/** CJK ideographs and the full-width punctuation that sits between them without spaces. */
export function isCjk(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.codePointAt(0)!;
  return (
    HAN.test(ch) ||
    (c >= 0x3000 && c <= 0x303f) || // CJK punctuation 、。「」《》【】
    (c >= 0xff00 && c <= 0xffef) || // full-width forms ，：；（）
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2018 ||
    c === 0x2019 || // “ ” ‘ ’
    c === 0x2014 ||
    c === 0x2026 ||
    c === 0x00b7 // — … ·
  );
}

/** Trims ASCII, no-break and ideographic spaces (used for first-line indents). */
export function trimPara(s: string): string {
  return s.replace(/^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000\ufeff]+$/g, "");
}

/** Joins two pieces of one paragraph: no space between CJK text, one space between Latin words. */
export function joinPieces(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  const last = a[a.length - 1];
  const first = b[0];
  if (/\s/.test(last) || /\s/.test(first)) return a + b;
  if (isCjk(last) || isCjk(first)) return a + b;
  if (last === "-" && /[A-Za-z]/.test(first)) return a + b;
  return `${a} ${b}`;
}

/** Parses 2022-02-10, 2022年2月10日, 2022/2/10, 2022.02.10 into YYYY-MM-DD, or undefined. */
export function parseDate(s: string): string | undefined {
  const m = /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1949 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return undefined;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
