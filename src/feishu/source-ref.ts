/**
 * The value of a 原文 button: which cited passage, and in which chat the card
 * was sent, signed with HMAC-SHA256 under a key derived from the app secret.
 * Feishu hands the value back verbatim when the button is pressed; a value
 * that was forged or edited fails the signature and is refused. The signature
 * only proves the bot wrote the reference: access is decided again at the
 * press, with the presser's rights, as the Telegram buttons do.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** A cited passage and where its card was sent. */
export interface SourceRef {
  minutesId: string;
  /** The agenda item (its 一、二、… ordinal), or null for text outside the items (header, attendance). */
  ordinal: number | null;
  /** The quote's offsets in the minutes' text. */
  start: number;
  end: number;
  /** The chat the answer card went to, and whether only its one user reads it (a p2p chat). */
  chatId: string;
  privateChat: boolean;
}

/** What the button's `value` holds (short keys: the value travels in every card). */
export interface SourceButtonValue {
  k: "src";
  m: string;
  o: number;
  s: number;
  e: number;
  c: string;
  p: 0 | 1;
  sig: string;
}

/** The signing key: derived, so the app secret itself never signs anything a user can see. */
export function sourceRefKey(appSecret: string): Buffer {
  return createHmac("sha256", appSecret).update("minutes-qa feishu source button v1").digest();
}

const payload = (v: Omit<SourceButtonValue, "sig">) => JSON.stringify([v.k, v.m, v.o, v.s, v.e, v.c, v.p]);
const mac = (key: Buffer, v: Omit<SourceButtonValue, "sig">) => createHmac("sha256", key).update(payload(v)).digest("base64url").slice(0, 32);

/** The signed button value for `ref`. */
export function signSourceRef(ref: SourceRef, key: Buffer): SourceButtonValue {
  const v = {
    k: "src" as const,
    m: ref.minutesId,
    o: ref.ordinal ?? 0,
    s: ref.start,
    e: ref.end,
    c: ref.chatId,
    p: ref.privateChat ? (1 as const) : (0 as const),
  };
  return { ...v, sig: mac(key, v) };
}

const isNat = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;

/** The reference a pressed button carries, or null when the value is malformed, not ours, or altered. */
export function verifySourceRef(value: unknown, key: Buffer): SourceRef | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Partial<Record<keyof SourceButtonValue, unknown>>;
  if (v.k !== "src" || typeof v.m !== "string" || typeof v.c !== "string" || typeof v.sig !== "string") return null;
  if (!isNat(v.o) || !isNat(v.s) || !isNat(v.e) || v.e < v.s || (v.p !== 0 && v.p !== 1)) return null;
  const fields = { k: "src" as const, m: v.m, o: v.o, s: v.s, e: v.e, c: v.c, p: v.p === 1 ? (1 as const) : (0 as const) };
  const expected = Buffer.from(mac(key, fields));
  const given = Buffer.from(v.sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { minutesId: v.m, ordinal: v.o === 0 ? null : v.o, start: v.s, end: v.e, chatId: v.c, privateChat: v.p === 1 };
}
