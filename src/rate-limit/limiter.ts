/**
 * The one rate limiter of the bot, the chat platforms and the web: a fixed
 * window of `points` requests per `durationMs` per key (rate-limiter-flexible).
 * With a Redis connection every instance counts against the same limit, and a
 * Redis outage falls back to counting in memory rather than refusing everyone.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Logger } from "../log.js";
import type { RedisConnection } from "../redis/connection.js";

/** A request allowed, or refused with how long to wait; `firstRefusal` is true once per window (for a polite notice sent once). */
export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number; firstRefusal: boolean };

export interface RateLimiter {
  /** Counts one request of `key`. */
  take(key: string): Promise<RateDecision>;
}

export interface RateLimiterOptions {
  points: number;
  durationMs: number;
  /** Namespace of the keys (in Redis: `minutes-qa:rl:<prefix>:<key>`). */
  prefix: string;
  /** Share the counts through Redis (REDIS_URL); memory otherwise. */
  redis?: RedisConnection;
  log?: Logger;
}

/** Creates the limiter; with `redis`, the first request connects. */
export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const base = { points: opts.points, duration: Math.max(1, Math.ceil(opts.durationMs / 1000)), keyPrefix: `minutes-qa:rl:${opts.prefix}` };
  const memory = new RateLimiterMemory(base);
  let shared: { client: unknown; limiter: RateLimiterRedis } | null = null;

  const limiterFor = async (): Promise<RateLimiterMemory | RateLimiterRedis> => {
    if (!opts.redis) return memory;
    try {
      const client = await opts.redis.connected();
      if (shared?.client !== client)
        shared = { client, limiter: new RateLimiterRedis({ ...base, storeClient: client, useRedisPackage: true, insuranceLimiter: memory }) };
      return shared.limiter;
    } catch (e) {
      opts.log?.warn("rate limiter: redis unavailable, counting in memory", { error: (e as Error).message });
      return memory;
    }
  };

  return {
    async take(key) {
      const limiter = await limiterFor();
      try {
        const r = await limiter.consume(key);
        return { ok: true, remaining: r.remainingPoints };
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)), firstRefusal: e.consumedPoints === opts.points + 1 };
      }
    },
  };
}
