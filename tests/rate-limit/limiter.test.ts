/** The one rate limiter (rate-limiter-flexible): in memory, and shared by instances through a REAL redis-server. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createRateLimiter } from "../../src/rate-limit/limiter.js";
import { RedisConnection } from "../../src/redis/connection.js";
import { RedisServers, requireRedisServer, type RedisServer } from "../helpers/redis-server.js";

const servers = new RedisServers();
const connections: RedisConnection[] = [];
const connection = (url: string) => {
  const c = new RedisConnection(url, { timeoutMs: 1000 });
  connections.push(c);
  return c;
};
let redis: RedisServer;

beforeAll(async () => {
  requireRedisServer();
  redis = await servers.start();
});
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(connections.splice(0).map((c) => c.close()));
});
afterAll(() => servers.stopAll());

describe("in memory", () => {
  it("limits per key, marks the first refusal of a window only, and recovers after the window", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    const rl = createRateLimiter({ points: 2, durationMs: 1000, prefix: "t" });
    const a = [await rl.take("a"), await rl.take("a"), await rl.take("a"), await rl.take("a")];
    expect(a.map((d) => d.ok)).toEqual([true, true, false, false]);
    expect(a.slice(2).map((d) => !d.ok && d.firstRefusal)).toEqual([true, false]);
    expect((await rl.take("b")).ok).toBe(true);
    vi.advanceTimersByTime(1000);
    expect((await rl.take("a")).ok).toBe(true);
  });
});

describe("shared through Redis", () => {
  it("two instances on one Redis enforce one limit between them", async () => {
    const url = redis.url(undefined, 2);
    const one = createRateLimiter({ points: 3, durationMs: 60_000, prefix: "shared", redis: connection(url) });
    const two = createRateLimiter({ points: 3, durationMs: 60_000, prefix: "shared", redis: connection(url) });
    const decisions = [await one.take("user-7"), await two.take("user-7"), await one.take("user-7"), await two.take("user-7"), await one.take("user-7")];
    expect(decisions.map((d) => d.ok)).toEqual([true, true, true, false, false]);
    const refused = decisions[3]!;
    expect(!refused.ok && refused.firstRefusal).toBe(true);
    expect(!refused.ok && refused.retryAfterSeconds).toBeGreaterThan(50);
    // Another key, and another prefix (the web's limit beside the bot's), count apart.
    expect((await two.take("user-8")).ok).toBe(true);
    expect((await createRateLimiter({ points: 3, durationMs: 60_000, prefix: "other", redis: connection(url) }).take("user-7")).ok).toBe(true);
    // Each instance alone would have allowed 3: with memory counting the two would allow 6.
    const mem = [createRateLimiter({ points: 3, durationMs: 60_000, prefix: "m" }), createRateLimiter({ points: 3, durationMs: 60_000, prefix: "m" })];
    let allowed = 0;
    for (let i = 0; i < 6; i++) if ((await mem[i % 2]!.take("u")).ok) allowed++;
    expect(allowed).toBe(6);
  });

  it("keeps limiting in memory while Redis is unreachable", async () => {
    const down = await servers.start();
    const url = down.url();
    await down.stop();
    const rl = createRateLimiter({ points: 1, durationMs: 60_000, prefix: "down", redis: connection(url) });
    expect((await rl.take("u")).ok).toBe(true);
    expect((await rl.take("u")).ok).toBe(false);
  });
});
