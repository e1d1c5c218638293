/**
 * Remembering event ids for a while, so that a platform's redelivery of one
 * event is answered once: in this process's memory, or in Redis when several
 * instances sit behind one platform (each would otherwise answer a redelivery
 * that reaches it).
 */
import type { RedisConnection } from "../redis/connection.js";

/** How long an event id is remembered by default: longer than any platform keeps redelivering. */
export const EVENT_TTL_MS = 10 * 60_000;

/** Says whether an event is seen for the first time (memory answers at once, Redis after a round trip). */
export interface EventDeduper {
  /** True the first time `id` is seen within the TTL. */
  first(id: string): boolean | Promise<boolean>;
}

/** The ids this process has seen (one instance). */
export class RecentEvents implements EventDeduper {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = EVENT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  first(id: string): boolean {
    const t = this.now();
    for (const [k, at] of this.seen) {
      if (t - at <= this.ttlMs) break; // insertion order: the rest are newer
      this.seen.delete(k);
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, t);
    return true;
  }
}

/** The ids every instance sharing one Redis has seen: `SET prefix+id 1 NX PX ttl` claims an id atomically. */
export class RedisRecentEvents implements EventDeduper {
  readonly prefix: string;
  private readonly ttlMs: number;

  constructor(
    private readonly redis: RedisConnection,
    opts: { prefix?: string; ttlMs?: number } = {},
  ) {
    this.prefix = opts.prefix ?? "minutes-qa:event:";
    this.ttlMs = opts.ttlMs ?? EVENT_TTL_MS;
  }

  async first(id: string): Promise<boolean> {
    const set = await this.redis.run("SET", (c) => c.set(this.prefix + id, "1", { condition: "NX", expiration: { type: "PX", value: this.ttlMs } }));
    return set !== null;
  }
}
