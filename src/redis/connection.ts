/**
 * One Redis connection (node-redis) shared by the session storage and the rate
 * limiter. Connects on first use; `redis://` and `rediss://` (TLS; a private CA
 * through NODE_EXTRA_CA_CERTS or `tls.ca`), AUTH/ACL user, database from the
 * path. Every error names the server but never the password.
 */
import type { ConnectionOptions } from "node:tls";
import { createClient, ErrorReply, type RedisClientType } from "redis";
import { ServiceError } from "../errors.js";
import type { Logger } from "../log.js";
import { createRedactor, urlSecrets, type Redactor } from "../redact.js";

/** A Redis failure: `details.reply` holds the server's error text (Redis never echoes a password in it). */
export class RedisError extends ServiceError {
  constructor(message: string, opts: { redisCode?: string; reply?: string; cause?: unknown } = {}) {
    super("redis_unavailable", message, {
      subject: "REDIS_URL",
      details: { ...(opts.redisCode ? { redisCode: opts.redisCode } : {}), ...(opts.reply ? { reply: opts.reply } : {}) },
      ...(opts.cause === undefined ? {} : { cause: opts.cause }),
    });
  }

  /** The first word of the server's error reply (WRONGPASS, NOAUTH, …), if any. */
  get redisCode(): string | undefined {
    return this.details.redisCode as string | undefined;
  }
}

/** Checks REDIS_URL's shape. Throws without echoing the URL (it may hold a password). */
export function checkRedisUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RedisError("REDIS_URL is not a valid URL (expected redis://[user:pass@]host:port[/db] or rediss://…)");
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") throw new RedisError(`REDIS_URL: unsupported scheme ${u.protocol} (expected redis:// or rediss://)`);
  if (!u.hostname) throw new RedisError("REDIS_URL has no host");
  const path = u.pathname.replace(/^\/+/, "");
  if (path !== "" && !/^\d+$/.test(path)) throw new RedisError("REDIS_URL: the path must be a database number, e.g. redis://host:6379/0");
  return u;
}

/** The URL with its password masked, for logs. */
export function redactRedisUrl(url: string): string {
  if (!URL.canParse(url)) return "(invalid REDIS_URL)";
  return createRedactor()(url);
}

export interface RedisConnectionOptions {
  /** Bound on connecting and on each command (default 5000 ms). */
  timeoutMs?: number;
  /** Extra TLS options for rediss:// (e.g. `ca` of a private certificate authority). */
  tls?: ConnectionOptions;
  log?: Logger;
}

type Client = RedisClientType;

/** Errors after which a command is tried once more on a fresh connection. */
const dropped = (e: unknown) => e instanceof Error && /SocketClosedUnexpectedly|ClientOffline|ClientClosed/.test(e.constructor.name);

/**
 * A lazily opened node-redis client. A failed handshake (wrong password, TLS
 * refused) fails the command that opened it and the next command tries again;
 * after a drop the client reconnects by itself, and a command caught by the
 * drop is retried once (GET/SET/DEL and the limiter's scripts are idempotent
 * enough for that). The socket does not keep the process alive while idle.
 */
export class RedisConnection {
  readonly host: string;
  readonly port: number;
  private readonly timeoutMs: number;
  private readonly redact: Redactor;
  private client: Client | null = null;
  private opening: Promise<Client> | null = null;
  private closed = false;
  /** The last socket error (ECONNREFUSED, …), to say why a command timed out. */
  private lastSocketError: string | null = null;

  constructor(
    readonly url: string,
    private readonly opts: RedisConnectionOptions = {},
  ) {
    const u = checkRedisUrl(url);
    this.host = u.hostname.replace(/^\[(.*)\]$/, "$1");
    this.port = u.port ? Number(u.port) : 6379;
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.redact = createRedactor(urlSecrets(url));
  }

  /** `redis host:port: msg`, with any secret masked. */
  describe(msg: string): string {
    return this.redact(`redis ${this.host}:${this.port}: ${msg}`);
  }

  /** Runs `fn` on the connected client; failures become RedisErrors without secrets. */
  async run<R>(name: string, fn: (c: Client) => Promise<R>): Promise<R> {
    if (this.closed) throw new RedisError(this.describe(`${name} after the client was closed`));
    try {
      const c = await this.connected();
      try {
        return await fn(c);
      } catch (e) {
        if (!dropped(e) || this.closed) throw e;
        this.opts.log?.debug("redis connection lost; retrying once", { command: name });
        return await fn(await this.connected());
      }
    } catch (e) {
      throw this.wrap(name, e);
    }
  }

  /** Opens the client when needed and returns it (for libraries that take a node-redis client). */
  async connected(): Promise<Client> {
    if (this.client?.isOpen) return this.client;
    this.opening ??= this.open().finally(() => (this.opening = null));
    return this.opening;
  }

  private async open(): Promise<Client> {
    const tls = new URL(this.url).protocol === "rediss:";
    let handshakeError: unknown = null;
    const client = createClient({
      url: this.url,
      disableClientInfo: true,
      commandOptions: { timeout: this.timeoutMs },
      socket: {
        connectTimeout: this.timeoutMs,
        ...(tls ? { tls: true as const, ...this.opts.tls } : {}),
        // Handshake replies (WRONGPASS, NOAUTH) and TLS refusals will not heal by retrying: fail the connect.
        reconnectStrategy: (retries: number, cause: Error) => {
          if (this.closed || cause instanceof ErrorReply || /certificate|SSL|TLS/i.test(cause.message) || !this.client) {
            handshakeError = cause;
            return false;
          }
          return Math.min(50 * 2 ** retries, 500);
        },
      },
    }) as Client;
    client.on("error", (e: NodeJS.ErrnoException) => {
      this.lastSocketError = e.code ?? e.message;
      this.opts.log?.debug("redis connection error", { error: this.describe(e.message) });
    });
    client.on("ready", () => (this.lastSocketError = null));
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.connect(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new RedisError(this.describe(`cannot connect: timed out after ${this.timeoutMs} ms`))), this.timeoutMs);
        }),
      ]);
    } catch (e) {
      client.destroy();
      throw handshakeError && !(e instanceof RedisError) ? handshakeError : e;
    } finally {
      clearTimeout(timer);
    }
    if (this.closed) {
      client.destroy();
      throw new RedisError(this.describe("client closed while connecting"));
    }
    client.unref();
    this.client = client;
    return client;
  }

  private wrap(name: string, e: unknown): RedisError {
    if (e instanceof RedisError) return e;
    if (e instanceof ErrorReply) {
      const redisCode = e.message.split(" ", 1)[0];
      if (redisCode === "WRONGPASS" || /invalid password/i.test(e.message))
        return new RedisError(this.describe(`authentication failed: ${e.message} — check the user and password in REDIS_URL`), { redisCode, reply: e.message });
      if (redisCode === "NOAUTH")
        return new RedisError(this.describe("the server requires a password — set it in REDIS_URL (redis://:password@host:port)"), {
          redisCode,
          reply: e.message,
        });
      return new RedisError(this.describe(`${name} failed: ${e.message}`), { redisCode, reply: e.message });
    }
    const err = e as NodeJS.ErrnoException;
    if (err?.name === "TimeoutError" || /timeout/i.test(err?.constructor?.name ?? "")) {
      const why = this.lastSocketError ? `connection lost (${this.lastSocketError}); ` : "";
      return new RedisError(this.describe(`${why}${name} timed out after ${this.timeoutMs} ms`));
    }
    const what = err?.code ?? err?.message ?? String(e);
    if (/CERT|SELF_SIGNED/.test(what))
      return new RedisError(this.describe(`cannot connect: the server's TLS certificate is not trusted (${what}) — give its CA through NODE_EXTRA_CA_CERTS`));
    return new RedisError(this.describe(`${this.client?.isReady ? `${name} failed` : "cannot connect"}: connection ${what}`));
  }

  /** Closes the connection; later commands fail. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.opening?.catch(() => undefined);
    const c = this.client;
    this.client = null;
    if (c?.isOpen) await c.close().catch(() => c.destroy());
  }
}
