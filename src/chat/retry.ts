/** Sending a reply again when the platform says «later» (429, 5xx, its own rate-limit codes). */

/** One attempt's result: done, or failed with whether trying again may help. */
export type AttemptResult = { ok: true } | { ok: false; retryable: boolean; why: string };

/** Runs `attempt` up to `attempts` times, waiting `delayMs`, then twice that, …; throws with the last reason. */
export async function sendWithRetry(what: string, attempt: () => Promise<AttemptResult>, opts: { attempts: number; delayMs: number }): Promise<void> {
  for (let n = 1; ; n++) {
    const r = await attempt();
    if (r.ok) return;
    if (!r.retryable || n >= opts.attempts) throw new Error(`${what} failed after ${n} attempt(s): ${r.why}`);
    await new Promise((resolve) => setTimeout(resolve, opts.delayMs * 2 ** (n - 1)));
  }
}
