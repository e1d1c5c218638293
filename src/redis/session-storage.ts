/** Session storage in Redis, for several instances sharing one conversation history. */
import type { StorageAdapter } from "grammy";
import type { Logger } from "../log.js";
import { RedisError, type RedisConnection } from "./connection.js";

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
    readonly redis: RedisConnection,
    private readonly opts: RedisStorageOptions,
  ) {
    this.prefix = opts.prefix ?? "minutes-qa:session:";
    if (!Number.isInteger(opts.ttlMs) || opts.ttlMs <= 0) throw new RedisError("session ttlMs must be a positive integer");
  }

  async read(key: string): Promise<T | undefined> {
    const raw = await this.redis.run("GET", (c) => c.get(this.prefix + key));
    if (raw === null) return undefined;
    try {
      return JSON.parse(String(raw)) as T;
    } catch {
      this.opts.log?.warn("session in redis is not JSON; starting a fresh session", { key });
      return undefined;
    }
  }

  async write(key: string, value: T): Promise<void> {
    await this.redis.run("SET", (c) => c.set(this.prefix + key, JSON.stringify(value), { expiration: { type: "PX", value: this.opts.ttlMs } }));
  }

  async delete(key: string): Promise<void> {
    await this.redis.run("DEL", (c) => c.del(this.prefix + key));
  }
}
