/** One POST to a WeCom API that answers `{errcode, errmsg}` (message/send, an AI bot's response_url). */
import type { AttemptResult } from "../chat/retry.js";

/** errcodes meaning «later» (system busy, frequency limits). */
export const BUSY_ERRCODES = new Set([-1, 45009, 45033, 6000]);

/**
 * POSTs `body` as JSON to `url` (resolved first: it may need a fresh token);
 * 429, 5xx and network failures may be tried again, and so may an errcode
 * `retryable` accepts (it may also react, e.g. drop a cached token).
 */
export async function postToWeCom(url: () => string | Promise<string>, body: unknown, retryable: (errcode: number) => boolean): Promise<AttemptResult> {
  try {
    const res = await fetch(await url(), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (res.status === 429 || res.status >= 500) return { ok: false, retryable: true, why: `HTTP ${res.status}` };
    const answer = (await res.json()) as { errcode?: number; errmsg?: string };
    if (!answer.errcode) return { ok: true };
    return { ok: false, retryable: retryable(answer.errcode), why: `errcode ${answer.errcode}: ${answer.errmsg ?? ""}` };
  } catch (e) {
    return { ok: false, retryable: true, why: (e as Error).message };
  }
}
