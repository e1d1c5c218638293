/** A per-key sliding-window rate limiter (in memory; one bot process). */
export interface RateLimiter {
  /** Records a hit; returns false when the key is over its limit. */
  hit(key: string): boolean;
  /** True once per window after the key went over the limit: the polite notice is sent only once. */
  shouldNotify(key: string): boolean;
}

export function createRateLimiter(opts: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = opts.now ?? Date.now;
  const hits = new Map<string, number[]>();
  const notified = new Map<string, number>();
  let lastSweep = now();
  const sweep = (t: number) => {
    if (t - lastSweep < opts.windowMs) return;
    lastSweep = t;
    for (const [k, v] of hits) if (!v.length || t - v[v.length - 1] > opts.windowMs) hits.delete(k);
    for (const [k, v] of notified) if (t - v > opts.windowMs) notified.delete(k);
  };
  return {
    hit(key) {
      const t = now();
      sweep(t);
      const list = (hits.get(key) ?? []).filter((x) => t - x < opts.windowMs);
      if (list.length >= opts.limit) {
        hits.set(key, list);
        return false;
      }
      list.push(t);
      hits.set(key, list);
      return true;
    },
    shouldNotify(key) {
      const t = now();
      const last = notified.get(key);
      if (last !== undefined && t - last < opts.windowMs) return false;
      notified.set(key, t);
      return true;
    },
  };
}
