/**
 * Inline-keyboard callback data: encoded compactly (Telegram allows 1–64 bytes)
 * and parsed strictly on press. Parsing only checks the shape; every handler
 * re-checks access with the presser's rights, so forged data gains nothing.
 */
import { createHash } from "node:crypto";

export const CALLBACK_DATA_MAX_BYTES = 64;

export type CallbackAction =
  /**
   * 原文: page `page` (0-based) of item `ordinal` of minutes `ref` (an id, or "#" + hash of the id);
   * `edit` turns the pressed message to that page (pagination), otherwise a new message is sent.
   */
  | { kind: "src"; ref: string; ordinal: number; page: number; edit: boolean }
  /** 更多: results after `offset` for the stored answer `key`. */
  | { kind: "more"; key: string; offset: number }
  /** 引用: the formal references of the stored answer `key`, as a message to copy. */
  | { kind: "cite"; key: string }
  /** 👍 / 👎 on the stored answer `key`. */
  | { kind: "fb"; key: string; vote: "up" | "down" }
  /** An example question from /start. */
  | { kind: "ex"; index: number }
  /** A button that does nothing (page counter). */
  | { kind: "noop" };

const ID_RE = /^[A-Za-z0-9_.-]{1,40}$/;
const KEY_RE = /^[A-Za-z0-9]{4,16}$/;

/** Short, stable reference for a minutes id that would not fit in callback data. */
export function hashRef(minutesId: string): string {
  return `#${createHash("sha256").update(minutesId).digest("base64url").slice(0, 10)}`;
}

export function minutesRef(minutesId: string): string {
  return ID_RE.test(minutesId) ? minutesId : hashRef(minutesId);
}

export function encodeCallback(a: CallbackAction): string {
  let s: string;
  switch (a.kind) {
    case "src":
      s = `${a.edit ? "pg" : "src"}|${a.ref}|${a.ordinal}|${a.page}`;
      break;
    case "more":
      s = `more|${a.key}|${a.offset}`;
      break;
    case "cite":
      s = `cite|${a.key}`;
      break;
    case "fb":
      s = `fb|${a.key}|${a.vote === "up" ? "u" : "d"}`;
      break;
    case "ex":
      s = `ex|${a.index}`;
      break;
    case "noop":
      s = "noop";
      break;
  }
  if (Buffer.byteLength(s, "utf8") > CALLBACK_DATA_MAX_BYTES) throw new Error(`callback data over ${CALLBACK_DATA_MAX_BYTES} bytes: ${a.kind}`);
  return s;
}

const small = (s: string, max: number): number | null => {
  if (!/^\d{1,6}$/.test(s)) return null;
  const n = Number(s);
  return n <= max ? n : null;
};

/** Parses callback data; null for anything malformed or unknown. */
export function parseCallback(data: string | undefined): CallbackAction | null {
  if (!data || Buffer.byteLength(data, "utf8") > CALLBACK_DATA_MAX_BYTES) return null;
  const parts = data.split("|");
  switch (parts[0]) {
    case "src":
    case "pg": {
      if (parts.length !== 4) return null;
      const ref = parts[1];
      if (!(ID_RE.test(ref) || /^#[A-Za-z0-9_-]{10}$/.test(ref))) return null;
      const ordinal = small(parts[2], 999);
      const page = small(parts[3], 9999);
      if (ordinal === null || ordinal < 1 || page === null) return null;
      return { kind: "src", ref, ordinal, page, edit: parts[0] === "pg" };
    }
    case "more": {
      if (parts.length !== 3 || !KEY_RE.test(parts[1])) return null;
      const offset = small(parts[2], 500);
      return offset === null ? null : { kind: "more", key: parts[1], offset };
    }
    case "cite":
      return parts.length === 2 && KEY_RE.test(parts[1]) ? { kind: "cite", key: parts[1] } : null;
    case "fb":
      if (parts.length !== 3 || !KEY_RE.test(parts[1]) || (parts[2] !== "u" && parts[2] !== "d")) return null;
      return { kind: "fb", key: parts[1], vote: parts[2] === "u" ? "up" : "down" };
    case "ex": {
      const index = parts.length === 2 ? small(parts[1], 9) : null;
      return index === null ? null : { kind: "ex", index };
    }
    case "noop":
      return parts.length === 1 ? { kind: "noop" } : null;
    default:
      return null;
  }
}
