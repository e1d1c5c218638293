/**
 * Redis session storage against a REAL redis-server (Debian package
 * redis-server; .ci/run installs it). Each server runs as a child process on a
 * free port on 127.0.0.1 without persistence and is killed afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RedisClient, RedisError, RedisSessionStorage, encodeCommand, parseRedisUrl, parseReply, redactRedisUrl } from "../../src/bot/redis-storage.js";
import { DEFAULT_SESSION_LIMITS, sessionTtlMs } from "../../src/bot/session.js";
import { openCorpus, PUBLIC_USER, resultOf, sleep, startBot, type Corpus, type Running } from "./harness.js";

const PASSWORD = "Pw-s3cret-9f8e7d";
const WRONG = "Wrong-pw-1a2b3c";

interface RedisServer {
  port: number;
  url(auth?: string, db?: number): string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = connect({ host: "127.0.0.1", port });
      s.once("connect", () => (s.destroy(), r(true)));
      s.once("error", () => (s.destroy(), r(false)));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`redis-server did not listen on 127.0.0.1:${port} within ${ms} ms`);
    await sleep(25);
  }
}

const servers = new Set<RedisServer>();
let workDir: string;

async function startRedis(extra: string[] = []): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let output = "";
  const spawnIt = async () => {
    const c = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", workDir, ...extra], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    c.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    c.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<never>((_, reject) => c.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`))));
    exited.catch(() => undefined);
    child = c;
    await Promise.race([waitForPort(port, 5000), exited]);
  };
  const kill = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((r) => {
      c.once("exit", () => r());
      c.kill("SIGKILL");
    });
  };
  await spawnIt();
  const server: RedisServer = {
    port,
    url: (auth, db) => `redis://${auth ? `${auth}@` : ""}127.0.0.1:${port}${db !== undefined ? `/${db}` : ""}`,
    stop: async () => {
      servers.delete(server);
      await kill();
    },
    restart: async () => {
      await kill();
      await spawnIt();
    },
  };
  servers.add(server);
  return server;
}

const clients: RedisClient[] = [];
function client(url: string, timeoutMs = 2000): RedisClient {
  const c = new RedisClient(url, { timeoutMs });
  clients.push(c);
  return c;
}

let plain: RedisServer;
let secured: RedisServer;

beforeAll(async () => {
  const probe = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      "redis-server is not installed, and these tests need a real one: install it with `apt-get install -y redis-server` (Debian package redis-server; .ci/run installs it)",
    );
  }
  workDir = await mkdtemp(join(tmpdir(), "redis-test-"));
  [plain, secured] = await Promise.all([startRedis(), startRedis(["--requirepass", PASSWORD])]);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await Promise.all([...servers].map((s) => s.stop()));
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("RESP2 and URLs", () => {
  it("encodes commands with byte lengths and parses every reply type, also split across chunks", () => {
    expect(encodeCommand(["SET", "k", "议题"]).toString()).toBe("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$6\r\n议题\r\n");
    const wire = Buffer.from("+OK\r\n-ERR bad\r\n:42\r\n$-1\r\n$6\r\n议题\r\n*2\r\n$1\r\na\r\n:1\r\n");
    const values: unknown[] = [];
    let at = 0;
    for (let r = parseReply(wire, at); r; r = parseReply(wire, at)) {
      values.push(r.value instanceof RedisError ? `error:${r.value.code}` : r.value);
      at = r.next;
    }
    expect(values).toEqual(["OK", "error:ERR", 42, null, "议题", ["a", 1]]);
    // A bulk string cut in the middle of a multi-byte character is incomplete, not garbled.
    expect(parseReply(wire.subarray(0, wire.indexOf("议") + 2), wire.indexOf("$6"))).toBeUndefined();
  });

  it("parses redis://user:pass@host:port/db and masks the password for logs", () => {
    expect(parseRedisUrl("redis://bob:p%40ss@redis.local:6380/3")).toEqual({ host: "redis.local", port: 6380, username: "bob", password: "p@ss", db: 3 });
    expect(parseRedisUrl("redis://:pw@localhost")).toEqual({ host: "localhost", port: 6379, password: "pw", db: 0 });
    expect(redactRedisUrl(`redis://:${PASSWORD}@h:1/2`)).toBe("redis://:***@h:1/2");
    expect(() => parseRedisUrl("rediss://h:1")).toThrow(/TLS/);
    expect(() => parseRedisUrl(`redis://:${PASSWORD}@h:1/x`)).toThrow(/database number/);
    try {
      parseRedisUrl(`redis://:${PASSWORD}@h:1/x`);
    } catch (e) {
      expect((e as Error).message).not.toContain(PASSWORD);
    }
  });
});

describe("RedisSessionStorage", () => {
  it("round-trips Unicode JSON (write, read, delete) under its key prefix with the session TTL", async () => {
    const c = client(plain.url());
    const store = new RedisSessionStorage<{ history: { q: string }[]; e?: number }>(c, { ttlMs: sessionTtlMs(DEFAULT_SESSION_LIMITS) });
    expect(await store.read("42")).toBeUndefined();
    const value = { history: [{ q: "交通规划强调了什么？🚇 «引号» \"quotes\" \\ 换行\n" }], e: 1 };
    await store.write("42", value);
    expect(await store.read("42")).toEqual(value);
    expect(await c.command("GET", "minutes-qa:session:42")).toBe(JSON.stringify(value));
    const pttl = (await c.command("PTTL", "minutes-qa:session:42")) as number;
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
    await c.command("SET", "t:bad:x", "{not json");
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
    const err = (await client(secured.url()).command("GET", "x").catch((e: unknown) => e)) as RedisError;
    expect(err.code).toBe("NOAUTH");
    expect(err.message).toMatch(/requires a password.*REDIS_URL/);
  });
});

describe("connection handling", () => {
  it("reconnects after the server restarts; while it is down, commands fail clearly", async () => {
    const srv = await startRedis(["--requirepass", PASSWORD]);
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
      const err = (await c.command("GET", "x").catch((e: unknown) => e)) as RedisError;
      expect(Date.now() - started).toBeLessThan(2000);
      expect(err.message).toMatch(/AUTH timed out after 200 ms/);
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
      s.on("data", () => {
        seen++;
        if (n === 1 && seen === 2) s.destroy();
        else s.write("$2\r\nok\r\n");
      });
    });
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r));
    try {
      const c = client(`redis://127.0.0.1:${(fake.address() as AddressInfo).port}`, 1000);
      expect(await c.command("GET", "a")).toBe("ok");
      expect(await c.command("GET", "b")).toBe("ok");
      expect(connections).toBe(2);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => fake.close(() => r()));
    }
  });

  it("fails clearly once closed", async () => {
    const c = client(plain.url());
    await c.command("SET", "t:closed", "1");
    await c.close();
    await expect(c.command("GET", "t:closed")).rejects.toThrow(/closed/);
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
    const b = await startBot(corpus, { env: { REDIS_URL: url } });
    bots.push(b);

    a.tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "交通规划强调了什么");
    expect(resultOf(await a.nextMessage(PUBLIC_USER.id)).text).toContain("七、审议《太仓市“十四五”交通运输发展规划》");
    // The other instance answers the follow-up from the history the first one stored.
    b.tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "那住房规划呢？");
    expect(resultOf(await b.nextMessage(PUBLIC_USER.id)).text).toContain("八、审议《太仓市“十四五”城镇住房发展规划》");

    // The history is in Redis (with the session TTL), not in session files.
    const c = client(url);
    const raw = (await c.command("GET", `minutes-qa:session:${PUBLIC_USER.id}`)) as string;
    expect(raw).toContain("那住房规划呢？");
    expect(raw).toContain("交通规划强调了什么");
    const pttl = (await c.command("PTTL", `minutes-qa:session:${PUBLIC_USER.id}`)) as number;
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
