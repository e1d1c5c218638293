/**
 * The redelivery filter: in memory for one instance, and through a REAL
 * redis-server for several instances behind one platform.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { converse } from "../../src/chat/conversation.js";
import { RecentEvents, RedisRecentEvents } from "../../src/chat/dedupe.js";
import type { IncomingMessage } from "../../src/chat/message.js";
import { conversationDeps } from "../../src/chat/respond.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { RedisConnection } from "../../src/redis/connection.js";
import { openCorpus, sleep, type Corpus } from "../bot/harness.js";
import { RedisServers, requireRedisServer, type RedisServer } from "../helpers/redis-server.js";

describe("RecentEvents (memory)", () => {
  it("passes an event id once within the TTL, again after it", () => {
    let t = 0;
    const seen = new RecentEvents(1000, () => t);
    expect([seen.first("a"), seen.first("a"), seen.first("b")]).toEqual([true, false, true]);
    t = 1000;
    expect(seen.first("b")).toBe(false);
    t = 1500;
    expect([seen.first("a"), seen.first("a")]).toEqual([true, false]);
  });
});

describe("RedisRecentEvents (real redis-server)", () => {
  const servers = new RedisServers();
  const connections: RedisConnection[] = [];
  let server: RedisServer;
  let corpus: Corpus;
  const connect = () => {
    const c = new RedisConnection(server.url(), { timeoutMs: 2000 });
    connections.push(c);
    return c;
  };

  beforeAll(async () => {
    requireRedisServer();
    [server, corpus] = await Promise.all([servers.start(), openCorpus()]);
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close()));
    await servers.stopAll();
    await corpus?.close();
  });

  it("claims an id once across connections, under the minutes-qa:event: prefix, until the TTL passes", async () => {
    const a = new RedisRecentEvents(connect(), { ttlMs: 300 });
    const b = new RedisRecentEvents(connect(), { ttlMs: 300 });
    expect(await Promise.all([a.first("wecom:1"), b.first("wecom:1"), a.first("wecom:1")]).then((r) => r.filter(Boolean).length)).toBe(1);
    expect(await b.first("wecom:2")).toBe(true);
    const raw = connect();
    expect(await raw.run("GET", (c) => c.get("minutes-qa:event:wecom:1"))).toBe("1");
    const ttl = await raw.run("PTTL", (c) => c.pTTL("minutes-qa:event:wecom:1"));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
    await sleep(450);
    expect(await b.first("wecom:1")).toBe(true);
  });

  it("two instances' conversations sharing one Redis answer a redelivered event once, and each new event", async () => {
    const config = loadConfig(corpus.env);
    const log = createLogger({ level: "error", write: () => undefined });
    const one = conversationDeps("wecom", { engine: corpus.engine, config, log, redis: connect() }, log);
    const two = conversationDeps("wecom", { engine: corpus.engine, config, log, redis: connect() }, log);
    const rules = { allowedUsers: new Set<string>(), allowedChats: new Set<string>(), public: true };
    const msg = (eventId: string): IncomingMessage => ({
      platform: "wecom",
      eventId,
      chatId: `u-${eventId}`,
      userId: `u-${eventId}`,
      chatType: "private",
      text: "交通规划强调了什么",
      mentioned: false,
      replyToBot: false,
    });
    const outcomes = await Promise.all([converse(msg("77"), rules, one), converse(msg("77"), rules, two)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["answer", "ignored"]);
    expect(outcomes.find((o) => o.kind === "ignored")).toEqual({ kind: "ignored", reason: "duplicate" });
    expect((await converse(msg("77"), rules, one)).kind).toBe("ignored");
    const fresh = await converse(msg("78"), rules, two);
    expect(fresh.kind).toBe("answer");
    if (fresh.kind === "answer") expect(fresh.answer.answer).toContain("5+1");
    // Without Redis each instance remembers only its own events: both would answer.
    const alone = [
      conversationDeps("wecom", { engine: corpus.engine, config, log }, log),
      conversationDeps("wecom", { engine: corpus.engine, config, log }, log),
    ];
    expect((await Promise.all(alone.map((d) => converse(msg("79"), rules, d)))).map((o) => o.kind)).toEqual(["answer", "answer"]);
  });
});
