/**
 * Session storage in Redis, for several bot instances sharing one conversation
 * history. A deliberately small client over node:net speaking RESP2: one
 * connection, opened on first use (AUTH and SELECT from the URL), reopened on
 * the next command after it drops; every command has a bounded timeout. Error
 * messages name the server but never the password.
 */
import { connect, type Socket } from "node:net";
import type { StorageAdapter } from "grammy";
import { redactSecrets, type Logger } from "../log.js";

export interface RedisTarget {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
}

/** Parses redis://[user:pass@]host[:port][/db]. Throws without echoing the URL (it may hold a password). */
export function parseRedisUrl(url: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RedisError("REDIS_URL is not a valid URL (expected redis://[user:pass@]host:port[/db])");
  }
  if (u.protocol === "rediss:") throw new RedisError("REDIS_URL: rediss:// (TLS) is not supported by this build; use redis://");
  if (u.protocol !== "redis:") throw new RedisError(`REDIS_URL: unsupported scheme ${u.protocol} (expected redis://)`);
  const host = u.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!host) throw new RedisError("REDIS_URL has no host");
  const port = u.port ? Number(u.port) : 6379;
  const path = u.pathname.replace(/^\/+/, "");
  const db = path === "" ? 0 : Number(path);
  if (!Number.isInteger(db) || db < 0) throw new RedisError("REDIS_URL: the path must be a database number, e.g. redis://host:6379/0");
  const username = u.username ? decodeURIComponent(u.username) : undefined;
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  return { host, port, db, ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

/** The URL with its password masked, for logs. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(invalid REDIS_URL)";
  }
}

/** A Redis error reply (code is its first word, e.g. WRONGPASS) or a client-side failure. */
export class RedisError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    /** The server's own error text (Redis never echoes a password in it). */
    readonly reply?: string,
  ) {
    super(message);
    this.name = "RedisError";
  }
}

/** The connection broke while a command was waiting (the command may be retried on a new one). */
class ConnectionLost extends RedisError {}

export type RedisReply = string | number | null | RedisReply[] | RedisError;

/** Encodes one command as a RESP array of bulk strings. */
export function encodeCommand(args: string[]): Buffer {
  const parts: string[] = [`*${args.length}\r\n`];
  for (const a of args) parts.push(`$${Buffer.byteLength(a)}\r\n`, a, "\r\n");
  return Buffer.from(parts.join(""), "utf8");
}

/**
 * Parses one RESP2 reply from `buf` at `offset`: the value and the offset after
 * it, or undefined when the buffer does not hold a whole reply yet.
 */
export function parseReply(buf: Buffer, offset = 0): { value: RedisReply; next: number } | undefined {
  if (offset >= buf.length) return undefined;
  const eol = buf.indexOf("\r\n", offset);
  if (eol < 0) return undefined;
  const type = String.fromCharCode(buf[offset]!);
  const line = buf.toString("utf8", offset + 1, eol);
  const after = eol + 2;
  switch (type) {
    case "+":
      return { value: line, next: after };
    case "-":
      return { value: new RedisError(line, line.split(" ", 1)[0], line), next: after };
    case ":":
      return { value: Number(line), next: after };
    case "$": {
      const len = Number(line);
      if (len < 0) return { value: null, next: after };
      if (buf.length < after + len + 2) return undefined;
      return { value: buf.toString("utf8", after, after + len), next: after + len + 2 };
    }
    case "*": {
      const n = Number(line);
      if (n < 0) return { value: null, next: after };
      const items: RedisReply[] = [];
      let at = after;
      for (let i = 0; i < n; i++) {
        const r = parseReply(buf, at);
        if (!r) return undefined;
        items.push(r.value);
        at = r.next;
      }
      return { value: items, next: at };
    }
    default:
      throw new RedisError(`protocol error: unexpected reply type ${JSON.stringify(type)}`);
  }
}

interface Pending {
  name: string;
  resolve(v: RedisReply): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

/** One socket and the replies it still owes, in order. */
class Connection {
  private pending: Pending[] = [];
  private buf: Buffer = Buffer.alloc(0);
  dead = false;
  /** Has answered a command after the handshake (so a drop means the server went away since). */
  used = false;

  constructor(
    private readonly socket: Socket,
    private readonly describe: (msg: string) => string,
    private readonly onDead: (c: Connection) => void,
  ) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (e: NodeJS.ErrnoException) => this.kill(new ConnectionLost(describe(`connection lost: ${e.code ?? e.message}`), e.code)));
    socket.on("close", () => this.kill(new ConnectionLost(describe("connection closed by the server"))));
  }

  send(args: string[], timeoutMs: number): Promise<RedisReply> {
    const name = args[0]!.toUpperCase();
    if (this.dead || !this.socket.writable) {
      // The server closed its end before our 'close' event ran: dead now, so the retry opens a new connection.
      const err = new ConnectionLost(this.describe(`${name}: connection closed by the server`));
      this.kill(err);
      return Promise.reject(err);
    }
    return new Promise<RedisReply>((resolve, reject) => {
      // A late reply would be taken for the next command's: a timeout ends the connection.
      const timer = setTimeout(() => this.kill(new RedisError(this.describe(`${name} timed out after ${timeoutMs} ms`), "ETIMEDOUT")), timeoutMs);
      this.pending.push({ name, resolve, reject, timer });
      this.socket.write(encodeCommand(args));
    });
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let at = 0;
    for (;;) {
      let r: ReturnType<typeof parseReply>;
      try {
        r = parseReply(this.buf, at);
      } catch (e) {
        this.kill(new RedisError(this.describe((e as Error).message)));
        return;
      }
      if (!r) break;
      at = r.next;
      const p = this.pending.shift();
      if (!p) {
        this.kill(new RedisError(this.describe("protocol error: a reply nobody asked for")));
        return;
      }
      clearTimeout(p.timer);
      if (r.value instanceof RedisError) p.reject(new RedisError(this.describe(`${p.name} failed: ${r.value.message}`), r.value.code, r.value.reply));
      else p.resolve(r.value);
    }
    this.buf = at >= this.buf.length ? Buffer.alloc(0) : this.buf.subarray(at);
  }

  /** Fails every waiting command with `err` and closes the socket. */
  kill(err: RedisError): void {
    if (!this.dead) {
      this.dead = true;
      this.onDead(this);
    }
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.socket.destroy();
  }

  /** Ends the connection politely, bounded by `ms`. */
  async end(ms: number): Promise<void> {
    if (this.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, ms);
      this.socket.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
  }
}

export interface RedisClientOptions {
  /** Bound on connecting (with AUTH/SELECT) and on each command (default 5000 ms). */
  timeoutMs?: number;
  log?: Logger;
}

/**
 * A minimal Redis client: `command("GET", key)` and friends. Connects lazily;
 * after the connection drops, the next command reconnects (a command caught
 * by the drop is retried once on the new connection — GET/SET/DEL are idempotent).
 * The socket does not keep the process alive while idle.
 */
export class RedisClient {
  readonly target: RedisTarget;
  private readonly timeoutMs: number;
  private readonly secrets: string[];
  private conn: Connection | null = null;
  private connecting: Promise<Connection> | null = null;
  private closed = false;

  constructor(
    url: string,
    private readonly opts: RedisClientOptions = {},
  ) {
    this.target = parseRedisUrl(url);
    this.timeoutMs = opts.timeoutMs ?? 5000;
    const pw = this.target.password;
    this.secrets = [url, ...(pw ? [pw, encodeURIComponent(pw)] : [])];
  }

  /** `redis host:port: msg`, with any secret masked. */
  private describe = (msg: string): string => redactSecrets(`redis ${this.target.host}:${this.target.port}: ${msg}`, this.secrets);

  async command(...args: string[]): Promise<RedisReply> {
    if (this.closed) throw new RedisError(this.describe(`${args[0]} after the client was closed`));
    const conn = await this.connection();
    try {
      return await this.send(conn, args);
    } catch (e) {
      // The server went away since the last command (restart, idle timeout): once more on a new connection.
      if (!(e instanceof ConnectionLost) || !conn.used || this.closed) throw e;
      this.opts.log?.debug("redis connection lost; reconnecting", { error: e.message });
      return this.send(await this.connection(), args);
    }
  }

  private async send(conn: Connection, args: string[]): Promise<RedisReply> {
    try {
      const reply = await conn.send(args, this.timeoutMs);
      conn.used = true;
      return reply;
    } catch (e) {
      if (e instanceof RedisError && e.code === "NOAUTH") throw this.noAuth();
      throw e;
    }
  }

  private noAuth(): RedisError {
    return new RedisError(this.describe("the server requires a password — set it in REDIS_URL (redis://:password@host:port)"), "NOAUTH");
  }

  private connection(): Promise<Connection> {
    if (this.conn && !this.conn.dead) return Promise.resolve(this.conn);
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(): Promise<Connection> {
    const { host, port, username, password, db } = this.target;
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = connect({ host, port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new RedisError(this.describe(`cannot connect: timed out after ${this.timeoutMs} ms`), "ETIMEDOUT"));
      }, this.timeoutMs);
      s.once("connect", () => {
        clearTimeout(timer);
        s.removeAllListeners("error");
        resolve(s);
      });
      s.once("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        s.destroy();
        reject(new RedisError(this.describe(`cannot connect: ${e.code ?? e.message}`), e.code));
      });
    });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    socket.unref(); // pending commands hold the process through their timers, an idle connection does not
    const conn = new Connection(socket, this.describe, (c) => {
      if (this.conn === c) this.conn = null;
    });
    try {
      if (password !== undefined) {
        await conn.send(username ? ["AUTH", username, password] : ["AUTH", password], this.timeoutMs).catch((e: unknown) => {
          if (!(e instanceof RedisError) || e.reply === undefined) throw e;
          throw new RedisError(this.describe(`authentication failed: ${e.reply} — check the user and password in REDIS_URL`), e.code, e.reply);
        });
      }
      if (db !== 0) await conn.send(["SELECT", String(db)], this.timeoutMs);
    } catch (e) {
      conn.kill(new RedisError(this.describe("handshake failed")));
      if (e instanceof RedisError && e.code === "NOAUTH") throw this.noAuth();
      throw e;
    }
    if (this.closed) {
      conn.kill(new RedisError(this.describe("client closed")));
      throw new RedisError(this.describe("client closed while connecting"));
    }
    this.conn = conn;
    return conn;
  }

  /** Closes the connection; later commands fail. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    const c = this.conn;
    this.conn = null;
    await c?.end(1000);
  }
}

export interface RedisStorageOptions {
  /** Prepended to every session key (default "minutes-qa:session:"). */
  prefix?: string;
  /** Time to live of each entry, refreshed on every write (see sessionTtlMs). */
  ttlMs: number;
  log?: Logger;
}

/** A grammY StorageAdapter keeping one JSON string per key, with a TTL (SET … PX). */
export class RedisSessionStorage<T> implements StorageAdapter<T> {
  readonly prefix: string;

  constructor(
    readonly client: RedisClient,
    private readonly opts: RedisStorageOptions,
  ) {
    this.prefix = opts.prefix ?? "minutes-qa:session:";
    if (!Number.isInteger(opts.ttlMs) || opts.ttlMs <= 0) throw new RedisError("session ttlMs must be a positive integer");
  }

  private key(key: string): string {
    return this.prefix + key;
  }

  async read(key: string): Promise<T | undefined> {
    const raw = await this.client.command("GET", this.key(key));
    if (raw === null) return undefined;
    if (typeof raw !== "string") throw new RedisError(`redis: GET returned an unexpected ${Array.isArray(raw) ? "array" : typeof raw}`);
    try {
      return JSON.parse(raw) as T;
    } catch {
      this.opts.log?.warn("session in redis is not JSON; starting a fresh session", { key });
      return undefined;
    }
  }

  async write(key: string, value: T): Promise<void> {
    await this.client.command("SET", this.key(key), JSON.stringify(value), "PX", String(this.opts.ttlMs));
  }

  async delete(key: string): Promise<void> {
    await this.client.command("DEL", this.key(key));
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
