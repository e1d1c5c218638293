/**
 * WeCom's callback scheme, the same for an application's callbacks (XML) and
 * an AI bot's (JSON): msg_signature over token, timestamp, nonce and the
 * ciphertext; AES with the EncodingAESKey, the plaintext ending in a receive id
 * (the CorpID for an application, "" for an AI bot). Through @wecom/crypto.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { decrypt, getSignature } from "@wecom/crypto";
import { readBody } from "../chat/http-body.js";

/** One callback's keys as the admin console shows them. */
export interface CallbackKeys {
  token: string;
  aesKey: string;
  /** What the plaintext must end with: the CorpID (application) or "" (AI bot). */
  receiveId: string;
}

/** True when `encrypted` is signed with our token for this request's timestamp and nonce. */
export function signedByWeCom(keys: CallbackKeys, q: URLSearchParams, encrypted: string): boolean {
  return getSignature(keys.token, q.get("timestamp") ?? "", q.get("nonce") ?? "", encrypted) === q.get("msg_signature");
}

/** The plaintext of `encrypted` when it was encrypted for our receive id, else null. */
export function openSealed(keys: CallbackKeys, encrypted: string): string | null {
  const { message, id } = decrypt(keys.aesKey, encrypted);
  return id === keys.receiveId ? message : null;
}

/** Writes a short plain-text response. */
export function replyText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
}

/** The console's URL check (GET with an encrypted echostr): answers the plaintext, or 401. */
export function answerUrlCheck(keys: CallbackKeys, q: URLSearchParams, res: ServerResponse): void {
  const echostr = q.get("echostr") ?? "";
  if (!echostr || !signedByWeCom(keys, q, echostr)) {
    replyText(res, 401, "bad signature");
    return;
  }
  const plain = openSealed(keys, echostr);
  if (plain === null) replyText(res, 401, "not for this receiver");
  else replyText(res, 200, plain);
}

/**
 * Reads a POSTed callback: the ciphertext out of its envelope (`ciphertext`),
 * the signature and the receive id checked, the plaintext read by `read`.
 * Answers 401 (not from WeCom, or not for us) or 400 (malformed) itself and
 * returns null then; otherwise the caller acknowledges.
 */
export async function readSealedPost<T>(
  keys: CallbackKeys,
  req: IncomingMessage,
  q: URLSearchParams,
  res: ServerResponse,
  ciphertext: (body: string) => string,
  read: (plain: string) => T,
): Promise<{ value: T } | null> {
  const refuse = (status: number, why: string) => {
    replyText(res, status, why);
    return null;
  };
  try {
    const encrypted = ciphertext(await readBody(req));
    if (!encrypted || !signedByWeCom(keys, q, encrypted)) return refuse(401, "bad signature");
    const plain = openSealed(keys, encrypted);
    if (plain === null) return refuse(401, "not for this receiver");
    return { value: read(plain) };
  } catch {
    return refuse(400, "malformed callback");
  }
}
