/**
 * Redis session storage (node-redis) against a REAL redis-server, plain and
 * TLS (rediss:// with a self-signed certificate made by openssl in the test).
 */
import { readdir } from "node:fs/promises";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SESSION_LIMITS, sessionTtlMs } from "../../src/chat/session.js";
import { checkRedisUrl, RedisConnection, RedisError, redactRedisUrl } from "../../src/redis/connection.js";
import { RedisSessionStorage } from "../../src/redis/session-storage.js";
import { openCorpus, PUBLIC_USER, resultOf, sleep, startBot, type Corpus, type Running } from "../bot/harness.js";
import { RedisServers, requireRedisServer, type RedisServer, type TestCertificate } from "../helpers/redis-server.js";

const PASSWORD = "Pw-s3cret-9f8e7d";
const WRONG = "Wrong-pw-1a2b3c";

const servers = new RedisServers();
const clients: RedisConnection[] = [];
function client(url: string, timeoutMs = 2000, tls?: { ca: string }): RedisConnection {
  const c = new RedisConnection(url, { timeoutMs, ...(tls ? { tls } : {}) });
  clients.push(c);
  return c;
}
const raw = (c: RedisConnection, ...args: string[]) => c.run(args[0]!, (r) => r.sendCommand(args));

let plain: RedisServer;
let secured: RedisServer;
let cert: TestCertificate;
let tlsServer: RedisServer;

beforeAll(async () => {
  requireRedisServer();
  cert = await servers.certificate();
  [plain, secured, tlsServer] = await Promise.all([
    servers.start(),
    servers.start(["--requirepass", PASSWORD]),
    servers.start(["--requirepass", PASSWORD], cert),
  ]);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await servers.stopAll();
});

describe("URLs", () => {
  it("accepts redis:// and rediss://, refuses other shapes without echoing the password, masks it for logs", () => {
    expect(checkRedisUrl("redis://bob:p%40ss@redis.local:6380/3").port).toBe("6380");
    expect(checkRedisUrl("rediss://:pw@localhost").protocol).toBe("rediss:");
    expect(redactRedisUrl(`redis://:${PASSWORD}@h:1/2`)).toBe("redis://:***@h:1/2");
    expect(() => checkRedisUrl("http://h:1")).toThrow(/unsupported scheme/);
    expect(() => checkRedisUrl(`redis://:${PASSWORD}@h:1/x`)).toThrow(/database number/);
    try {
      checkRedisUrl(`redis://:${PASSWORD}@h:1/x`);
    } catch (e) {
      expect((e as Error).message).not.toContain(PASSWORD);
      expect((e as RedisError).subject).toBe("REDIS_URL");
    }
  });
});

describe("RedisSessionStorage", () => {
  it("round-trips Unicode JSON (write, read, delete) under its key prefix with the session TTL", async () => {
    const c = client(plain.url());
    const store = new RedisSessionStorage<{ history: { q: string }[]; e?: number }>(c, { ttlMs: sessionTtlMs(DEFAULT_SESSION_LIMITS) });
    expect(await store.read("42")).toBeUndefined();
    const value = { history: [{ q: '交通规划强调了什么？🚇 «引号» "quotes" \\ 换行\n' }], e: 1 };
    await store.write("42", value);
    expect(await store.read("42")).toEqual(value);
    expect(await raw(c, "GET", "minutes-qa:session:42")).toBe(JSON.stringify(value));
    const pttl = Number(await raw(c, "PTTL", "minutes-qa:session:42"));
    expect(pttl).toBeGreaterThan(sessionTtlMs(DEFAULT_SESSION_LIMITS) - 60_000);
    expect(pttl).toBeLessThanOrEqual(sessionTtlMs(DEFAULT_SESSION_LIMITS));
    await store.delete("42");
    expect(await store.read("42")).toBeUndefined();
    await store.delete("42"); // deleting a missing key is fine
  });

  it("entries expire after the TTL (SET … PX)", async () => {
    const store = new RedisSessionStorage<{ n: number }>(client(plain.url()), { ttlMs: 150, prefix: "t:ttl:" });
    await store.write("a", { n: 1 });
    expect(await store.read("a")).toEqual({ n: 1 });
    await sleep(400);
    expect(await store.read("a")).toBeUndefined();
  });

  it("treats a value that is not JSON as no session", async () => {
    const c = client(plain.url());
    await raw(c, "SET", "t:bad:x", "{not json");
    expect(await new RedisSessionStorage(c, { ttlMs: 1000, prefix: "t:bad:" }).read("x")).toBeUndefined();
  });

  it("SELECTs the database from the URL path", async () => {
    const db0 = new RedisSessionStorage<string>(client(plain.url(undefined, 0)), { ttlMs: 10_000, prefix: "t:db:" });
    const db5 = new RedisSessionStorage<string>(client(plain.url(undefined, 5)), { ttlMs: 10_000, prefix: "t:db:" });
    await db5.write("k", "five");
    expect(await db5.read("k")).toBe("five");
    expect(await db0.read("k")).toBeUndefined();
  });
});

describe("authentication", () => {
  it("AUTHs with the password from the URL (with or without the user name)", async () => {
    for (const auth of [`:${PASSWORD}`, `default:${encodeURIComponent(PASSWORD)}`]) {
      const store = new RedisSessionStorage<string>(client(secured.url(auth)), { ttlMs: 10_000 });
      await store.write("auth", "好");
      expect(await store.read("auth")).toBe("好");
    }
  });

  it("a wrong password fails clearly, without the password in the error", async () => {
    const store = new RedisSessionStorage<string>(client(secured.url(`:${WRONG}`)), { ttlMs: 10_000 });
    const err = (await store.read("x").catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(RedisError);
    expect(err.message).toMatch(/authentication failed/);
    expect(err.message).toMatch(/WRONGPASS/);
    expect(err.message).toContain(`127.0.0.1:${secured.port}`);
    expect(err.message).not.toContain(WRONG);
    expect(String(err.stack)).not.toContain(WRONG);
  });

  it("a missing password says the server needs one", async () => {
    const err = (await raw(client(secured.url()), "GET", "x").catch((e: unknown) => e)) as RedisError;
    expect(err.redisCode).toBe("NOAUTH");
    expect(err.message).toMatch(/requires a password.*REDIS_URL/);
  });
});

describe("TLS (rediss://)", () => {
  it("round-trips sessions over TLS with the certificate trusted, and AUTHs inside it", async () => {
    const store = new RedisSessionStorage<string>(client(tlsServer.url(`:${PASSWORD}`), 3000, { ca: cert.pem }), { ttlMs: 10_000, prefix: "t:tls:" });
    await store.write("k", "经由TLS");
    expect(await store.read("k")).toBe("经由TLS");
  });

  it("refuses a server whose certificate is not trusted, without the password in the error", async () => {
    const err = (await new RedisSessionStorage<string>(client(tlsServer.url(`:${PASSWORD}`), 3000), { ttlMs: 10_000 })
      .read("k")
      .catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(RedisError);
    expect(err.message).toMatch(/certificate/i);
    expect(err.message).not.toContain(PASSWORD);
  });

  it("plain redis:// to the TLS port fails clearly (bounded) instead of hanging", async () => {
    const started = Date.now();
    const err = (await raw(client(`redis://:${PASSWORD}@127.0.0.1:${tlsServer.port}`, 500), "GET", "x").catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(RedisError);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(err.message).not.toContain(PASSWORD);
  });
});

describe("connection handling", () => {
  it("reconnects after the server restarts; while it is down, commands fail clearly", async () => {
    const srv = await servers.start(["--requirepass", PASSWORD]);
    try {
      const store = new RedisSessionStorage<string>(client(srv.url(`:${PASSWORD}`), 1000), { ttlMs: 60_000 });
      await store.write("r", "before");
      expect(await store.read("r")).toBe("before");
      await srv.stop();
      const down = (await store.read("r").catch((e: unknown) => e)) as Error;
      expect(down.message).toMatch(new RegExp(`redis 127\\.0\\.0\\.1:${srv.port}: (cannot connect|connection)`));
      expect(down.message).not.toContain(PASSWORD);
      await srv.restart();
      expect(await store.read("r")).toBeUndefined(); // no persistence: the restarted server is empty
      await store.write("r", "after");
      expect(await store.read("r")).toBe("after");
      // Restart again without a failed command in between: the next command notices the dropped connection.
      await srv.restart();
      await store.write("r", "again");
      expect(await store.read("r")).toBe("again");
    } finally {
      await srv.stop();
    }
  });

  it("bounds each command with a timeout (a server that never answers)", async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as AddressInfo).port;
    try {
      const c = client(`redis://:${PASSWORD}@127.0.0.1:${port}`, 200);
      const started = Date.now();
      const err = (await raw(c, "GET", "x").catch((e: unknown) => e)) as RedisError;
      expect(Date.now() - started).toBeLessThan(2000);
      expect(err.message).toMatch(/timed out after 200 ms/);
      expect(err.message).not.toContain(PASSWORD);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it("retries a command once on a new connection when the old one drops under it", async () => {
    // A fake server: the first connection answers one command, then drops on the next one.
    let connections = 0;
    const sockets = new Set<Socket>();
    const fake: Server = createServer((s) => {
      sockets.add(s);
      const n = ++connections;
      let seen = 0;
      s.on("data", (d: Buffer) => {
        // The RESP3 handshake is answered as a server without Redis Enterprise's maintenance notices does.
        if (d.includes("HELLO")) s.write("%1\r\n$6\r\nserver\r\n$5\r\nredis\r\n");
        if (d.includes("MAINT_NOTIFICATIONS")) s.write("-ERR unknown subcommand\r\n");
        // One chunk may carry the handshake and a queued command.
        for (let at = d.indexOf("$3\r\nGET\r\n"); at >= 0; at = d.indexOf("$3\r\nGET\r\n", at + 1)) {
          seen++;
          if (n === 1 && seen === 2) return void s.destroy();
          s.write("$2\r\nok\r\n");
        }
      });
    });
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r));
    try {
      const c = client(`redis://127.0.0.1:${(fake.address() as AddressInfo).port}`, 1000);
      expect(await raw(c, "GET", "a")).toBe("ok");
      expect(await raw(c, "GET", "b")).toBe("ok");
      expect(connections).toBe(2);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => fake.close(() => r()));
    }
  });

  it("fails clearly once closed", async () => {
    const c = client(plain.url());
    await raw(c, "SET", "t:closed", "1");
    await c.close();
    await expect(raw(c, "GET", "t:closed")).rejects.toThrow(/closed/);
  });
});

describe("bot with REDIS_URL", () => {
  let corpus: Corpus;
  const bots: Running[] = [];
  beforeAll(async () => {
    corpus = await openCorpus();
  });
  afterAll(async () => {
    await Promise.all(bots.splice(0).map((b) => b.stop()));
    await corpus?.close();
  });

  it("keeps the follow-up history in Redis, shared by two bot instances", async () => {
    const url = secured.url(`:${PASSWORD}`);
    const a = await startBot(corpus, { env: { REDIS_URL: url } });
    bots.push(a);
    // One bot behind two instances: its update ids are unique across both (the redelivery filter is shared in Redis).
    const b = await startBot(corpus, { env: { REDIS_URL: url }, firstUpdateId: 200_000_001 });
    bots.push(b);

    a.tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "交通规划强调了什么");
    expect(resultOf(await a.nextMessage(PUBLIC_USER.id)).text).toContain("七、审议《太仓市“十四五”交通运输发展规划》");
    // The other instance answers the follow-up from the history the first one stored.
    b.tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "那住房规划呢？");
    expect(resultOf(await b.nextMessage(PUBLIC_USER.id)).text).toContain("八、审议《太仓市“十四五”城镇住房发展规划》");

    // The history is in Redis (with the session TTL), not in session files.
    const c = client(url);
    const stored = String(await raw(c, "GET", `minutes-qa:session:${PUBLIC_USER.id}`));
    expect(stored).toContain("那住房规划呢？");
    expect(stored).toContain("交通规划强调了什么");
    const pttl = Number(await raw(c, "PTTL", `minutes-qa:session:${PUBLIC_USER.id}`));
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(sessionTtlMs(DEFAULT_SESSION_LIMITS));
    expect(await readdir(a.config.SESSION_DIR).catch(() => [])).toEqual([]);

    // The storage is logged at info, without the password.
    const info = a.logs.map((l) => JSON.parse(l) as { level: string; msg: string; url?: string }).find((l) => l.msg === "session storage: redis");
    expect(info).toMatchObject({ level: "info", url: `redis://:***@127.0.0.1:${secured.port}` });
    for (const run of [a, b]) expect(run.logs.join("\n")).not.toContain(PASSWORD);

    await Promise.all(bots.splice(0).map((r) => r.stop()));
  });

  it("a bot with a wrong Redis password tells the user it failed and logs no password", async () => {
    const run = await startBot(corpus, { env: { REDIS_URL: secured.url(`:${WRONG}`) } });
    bots.push(run);
    run.tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "交通规划强调了什么");
    const reply = await run.nextMessage(PUBLIC_USER.id);
    expect(reply.ok).toBe(true);
    const logs = run.logs.join("\n");
    expect(logs).toMatch(/authentication failed/);
    expect(logs).not.toContain(WRONG);
    expect(JSON.stringify(run.tg.callsOf("sendMessage").map((c) => c.payload))).not.toContain(WRONG);
  });
});
