/**
 * Bounded retries for network failures (grammY HttpError). @grammyjs/auto-retry
 * retries those forever with a backoff of up to an hour, so it runs with
 * rethrowHttpErrors and this transformer (installed before it) retries a few
 * times instead. getUpdates is left to the runner, which has its own backoff.
 */
import { HttpError, type Transformer } from "grammy";

export function networkRetry(opts: { attempts: number; delayMs: number }): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (e) {
        if (!(e instanceof HttpError) || method === "getUpdates" || signal?.aborted || attempt >= opts.attempts) throw e;
        await new Promise((r) => setTimeout(r, opts.delayMs * 2 ** attempt));
      }
    }
  };
}
