import type { MiddlewareHandler } from "hono";
import type { Config } from "../../config.js";
import type { Logger } from "../../log.js";
import { createRateLimiter, type RateLimiter } from "../../rate-limit/limiter.js";
import type { RedisConnection } from "../../redis/connection.js";
import { clientIp, type WebEnv } from "../env.js";
import { ApiError } from "../errors.js";

/** WEB_RATE_LIMIT requests a minute per client address, shared through `redis` when given. */
export function webRateLimiter(config: Pick<Config, "WEB_RATE_LIMIT">, redis?: RedisConnection, log?: Logger): RateLimiter {
  return createRateLimiter({ points: config.WEB_RATE_LIMIT, durationMs: 60_000, prefix: "web", ...(redis ? { redis } : {}), ...(log ? { log } : {}) });
}

/** Counts each /api request against the client's address; also marks API replies as never cached. */
export function rateLimit(limiter: RateLimiter, config: Pick<Config, "WEB_RATE_LIMIT">): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const r = await limiter.take(clientIp(c));
    c.header("X-RateLimit-Limit", String(config.WEB_RATE_LIMIT));
    if (!r.ok) {
      c.header("Retry-After", String(r.retryAfterSeconds));
      throw new ApiError(429, "rate_limited", `too many requests; try again in ${r.retryAfterSeconds} s (limit ${config.WEB_RATE_LIMIT} per minute)`);
    }
    c.header("X-RateLimit-Remaining", String(r.remaining));
    c.header("Cache-Control", "no-store");
    c.header("Vary", "Authorization");
    await next();
  };
}
