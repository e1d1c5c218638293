/** What every platform channel does with a message it has read: converse, then send the rendered outcome (or nothing). */
import type { StorageAdapter } from "grammy";
import type { Answer, Engine } from "../answer/types.js";
import { FileSessionStorage, sessionTtlMs, type SessionData } from "./session.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { createRateLimiter } from "../rate-limit/limiter.js";
import type { RedisConnection } from "../redis/connection.js";
import { RedisSessionStorage } from "../redis/session-storage.js";
import type { AccessRules } from "./access.js";
import { converse, type ConversationDeps } from "./conversation.js";
import { RecentEvents, RedisRecentEvents } from "./dedupe.js";
import type { IncomingMessage, Platform } from "./message.js";
import { CHAT_TEXTS } from "./texts.js";

/** What a channel needs from the process: the engine, config, log, and Redis when REDIS_URL is set. */
export interface ChannelDeps {
  engine: Engine;
  config: Config;
  log: Logger;
  redis?: RedisConnection;
  storage?: StorageAdapter<SessionData>;
  /** Questions per user a minute (default 20). */
  rateLimit?: number;
  /** Attempts of a reply the platform refused for load (default 3) and the first delay (default 500 ms, doubling). */
  retry?: { attempts: number; delayMs: number };
}

/** The conversation's dependencies for one platform: sessions, limits and seen events in Redis when given, files and memory otherwise. */
export function conversationDeps(platform: Platform, deps: ChannelDeps, log: Logger): ConversationDeps {
  const storage =
    deps.storage ??
    (deps.redis
      ? new RedisSessionStorage<SessionData>(deps.redis, { ttlMs: sessionTtlMs(), log })
      : new FileSessionStorage<SessionData>(deps.config.SESSION_DIR, log));
  const limiter = createRateLimiter({ points: deps.rateLimit ?? 20, durationMs: 60_000, prefix: platform, ...(deps.redis ? { redis: deps.redis } : {}), log });
  const events = deps.redis ? new RedisRecentEvents(deps.redis) : new RecentEvents();
  return { engine: deps.engine, storage, limiter, events };
}

/** How a platform writes an answer and a short notice. */
export interface Renderer<R> {
  answer(a: Answer): R;
  notice(text: string): R;
}

/**
 * Answers `msg` through the conversation and sends what it should see: the
 * answer, a refusal in a private chat, the rate-limit notice once a window,
 * an apology when answering failed; nothing for ignored messages.
 */
export async function respond<R>(
  msg: IncomingMessage,
  rules: AccessRules,
  conv: ConversationDeps,
  render: Renderer<R>,
  send: (reply: R) => Promise<void>,
  log: Logger,
): Promise<void> {
  let reply: R | null;
  try {
    const outcome = await converse(msg, rules, conv);
    log.info("chat message", { chat: msg.chatId, type: msg.chatType, outcome: outcome.kind });
    reply =
      outcome.kind === "answer"
        ? render.answer(outcome.answer)
        : outcome.kind === "refused" && msg.chatType === "private"
          ? render.notice(CHAT_TEXTS.notAllowed)
          : outcome.kind === "rate-limited" && outcome.notify
            ? render.notice(CHAT_TEXTS.rateLimited)
            : null;
  } catch (err) {
    log.error("answer failed", { chat: msg.chatId, error: (err as Error).message });
    reply = render.notice(CHAT_TEXTS.failed);
  }
  if (reply !== null) await send(reply).catch((err: unknown) => log.error("reply failed", { chat: msg.chatId, error: (err as Error).message }));
}
