/**
 * Builds the Telegram bot: API transformers (auto-retry, token redaction),
 * per-chat sequencing for the runner, access control, the per-chat session,
 * and one Composer per feature behind an error boundary. No side effects: the
 * bot talks to Telegram only once an entry point runs it (see run.ts).
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { RecentEvents, RedisRecentEvents, type EventDeduper } from "../chat/dedupe.js";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotError, enhanceStorage, session, type Enhance, type StorageAdapter } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Engine } from "../answer/types.js";
import { llmEnabled, type Config } from "../config.js";
import { LIMITS } from "../limits.js";
import { secretsOf } from "../redact.js";
import type { Logger } from "../log.js";
import { userMessage } from "../messages.js";
import type { BotContext, BotStats, FeatureDeps } from "./context.js";
import { jsonlFeedbackLog, type FeedbackSink } from "./feedback.js";
import { adminFeature } from "./features/admin.js";
import { askFeature } from "./features/ask.js";
import { browseFeature } from "./features/browse.js";
import { feedbackFeature } from "./features/feedback.js";
import { inlineFeature } from "./features/inline.js";
import { referencesFeature } from "./features/references.js";
import { searchFeature } from "./features/search.js";
import { startFeature } from "./features/start.js";
import { TELEGRAM_TEXT_LIMIT } from "./html.js";
import { networkRetry } from "./network-retry.js";
import { accessRules, decideAccess } from "../chat/access.js";
import { createRateLimiter } from "../rate-limit/limiter.js";
import { RedisConnection, redactRedisUrl } from "../redis/connection.js";
import { RedisSessionStorage } from "../redis/session-storage.js";
import { errorFields, redactingTransformer } from "./redact.js";
import { DEFAULT_SESSION_LIMITS, FileSessionStorage, initialSession, sessionTtlMs, type SessionData, type SessionLimits } from "../chat/session.js";
import { T } from "./texts.js";

export interface CreateBotDeps {
  log: Logger;
  /** Skips getMe at start (tests, or a cached value). */
  botInfo?: UserFromGetMe;
  now?: () => number;
  /** A JSONL path (default config.FEEDBACK_LOG) or a sink. */
  feedbackLog?: string | FeedbackSink;
  /** Session storage (default: Redis when config.REDIS_URL is set, else one JSON file per chat under config.SESSION_DIR). */
  sessionStorage?: StorageAdapter<Enhance<SessionData>>;
  sessionLimits?: Partial<SessionLimits>;
  /** Requests per user per window (default 20 per minute). */
  rateLimit?: { points: number; durationMs: number };
  /** A Redis connection shared with other parts of the process (default: one of its own when config.REDIS_URL is set; it then closes it). */
  redis?: RedisConnection;
  /** Auto-retry bounds for 429 / 5xx / network errors. */
  retry?: { maxRetryAttempts: number; maxDelaySeconds: number };
  /** Stream answers in private chats (default: when an LLM is configured). */
  stream?: boolean;
  streamIntervalMs?: number;
  itemPageChars?: number;
  pageSize?: number;
  messageLimit?: number;
  maxQuestionChars?: number;
}

/** Runtime state an entry point needs to stop a bot cleanly. */
export interface BotRuntime {
  stats: BotStats;
  /** Resolves when no update is being handled. */
  idle(): Promise<void>;
  inflight(): number;
  /** The highest update_id seen, to confirm it to Telegram on shutdown. */
  lastUpdateId(): number | null;
  /** Releases what the bot holds open (the Redis connection of its session storage); call after stopping. Idempotent. */
  close(): Promise<void>;
}

/** What createBot makes: the grammY bot and the runtime state its entry point stops it with. */
export interface CreatedBot {
  bot: Bot<BotContext>;
  runtime: BotRuntime;
}

/** The update types the bot handles (passed to getUpdates / setWebhook). */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

export function createBot(engine: Engine, config: Config, deps: CreateBotDeps): CreatedBot {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error("TELEGRAM_BOT_TOKEN is not set");
  const secrets = secretsOf(config);
  const log = deps.log.child({ component: "bot" });
  const now = deps.now ?? Date.now;

  const bot = new Bot<BotContext>(token, {
    client: { apiRoot: config.TELEGRAM_API_ROOT },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });

  // API transformers: the last installed runs outermost, so redaction sees every error.
  const retry = deps.retry ?? { maxRetryAttempts: 3, maxDelaySeconds: 30 };
  bot.api.config.use(networkRetry({ attempts: retry.maxRetryAttempts, delayMs: 1000 }));
  bot.api.config.use(autoRetry({ ...retry, rethrowHttpErrors: true }));
  bot.api.config.use(async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (!res.ok && method !== "getUpdates") log.debug("api call failed", { method, code: res.error_code, description: res.description });
    if (!res.ok && method === "getUpdates") log.warn("getUpdates failed", { code: res.error_code, description: res.description });
    return res;
  });
  bot.api.config.use(redactingTransformer(secrets));

  // Runtime bookkeeping: counters, in-flight updates (for graceful stop).
  const stats: BotStats = { startedAt: now(), updates: 0, questions: 0, inlineQueries: 0, errors: 0, feedback: { up: 0, down: 0 } };
  let inflight = 0;
  let lastUpdateId: number | null = null;
  let idleWaiters: (() => void)[] = [];
  let closeStorage = async (): Promise<void> => undefined;
  const runtime: BotRuntime = {
    stats,
    inflight: () => inflight,
    lastUpdateId: () => lastUpdateId,
    idle: () => (inflight === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
    close: () => closeStorage(),
  };
  bot.use(async (ctx, next) => {
    stats.updates++;
    inflight++;
    lastUpdateId = Math.max(lastUpdateId ?? 0, ctx.update.update_id);
    try {
      await next();
    } finally {
      inflight--;
      if (inflight === 0) {
        const w = idleWaiters;
        idleWaiters = [];
        for (const r of w) r();
      }
    }
  });

  // Telegram redelivers a webhook update it thinks failed (a slow acknowledgement, a dropped connection):
  // an update_id is handled once — per process, or across instances once Redis is known below.
  let seenUpdates: EventDeduper = new RecentEvents();
  bot.use(async (ctx, next) => {
    const first = await Promise.resolve(seenUpdates.first(`telegram:${ctx.update.update_id}`)).catch(() => true);
    if (!first) {
      log.info("redelivered update ignored", { updateId: ctx.update.update_id });
      return;
    }
    await next();
  });

  // Updates of one chat are handled one at a time (the runner is concurrent otherwise).
  const chatKey = (ctx: { chat?: { id: number } }) => (ctx.chat ? String(ctx.chat.id) : undefined);
  bot.use(sequentialize(chatKey));

  // Access control: internal minutes only for allow-listed users where no one
  // else reads the reply (private chats, inline results in their own chat with the bot), and in
  // allow-listed chats. BOT_PUBLIC=false refuses everyone outside the lists.
  const admins = new Set(config.ADMIN_USER_IDS);
  const rules = accessRules([...config.ALLOWED_USER_IDS, ...config.ADMIN_USER_IDS], config.ALLOWED_CHAT_IDS, config.BOT_PUBLIC);
  bot.use(async (ctx, next) => {
    const id = ctx.from?.id;
    // An inline result is posted where the query was typed: the user's own chat with the bot is «sender»;
    // a group, a channel, someone else's private chat, or no chat type at all may show it to others.
    const ownView = ctx.chat?.type === "private" || ctx.inlineQuery?.chat_type === "sender";
    const decision = decideAccess(rules, {
      ...(id !== undefined ? { userId: String(id) } : {}),
      ...(ctx.chat ? { chatId: String(ctx.chat.id) } : {}),
      ownView,
    });
    ctx.internalUser = decision.internalUser;
    ctx.isAdmin = id !== undefined && admins.has(id);
    ctx.access = decision.access;
    if (decision.refused) {
      if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 5, is_personal: true });
      else if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: T.notAllowed, show_alert: true });
      else if (ctx.chat?.type === "private") await ctx.reply(T.notAllowed);
      return;
    }
    await next();
  });

  // Session: per chat, with expiry. Redis lets several instances share the history.
  const sessionLimits = { ...DEFAULT_SESSION_LIMITS, ...deps.sessionLimits };
  let storage = deps.sessionStorage;
  let redis = deps.redis;
  if (!redis && config.REDIS_URL) {
    const own = new RedisConnection(config.REDIS_URL, { log });
    redis = own;
    closeStorage = () => own.close();
  }
  if (redis) seenUpdates = new RedisRecentEvents(redis);
  if (!storage && redis) {
    const shared = new RedisSessionStorage<Enhance<SessionData>>(redis, { ttlMs: sessionTtlMs(sessionLimits), log });
    storage = shared;
    log.info("session storage: redis", { url: redactRedisUrl(redis.url), prefix: shared.prefix });
  } else if (!storage) {
    storage = new FileSessionStorage<Enhance<SessionData>>(config.SESSION_DIR, log);
    log.info("session storage: files", { dir: config.SESSION_DIR });
  }
  bot.use(
    session<SessionData, BotContext>({
      initial: initialSession,
      getSessionKey: chatKey,
      storage: enhanceStorage<SessionData>({ storage, millisecondsToLive: sessionTtlMs(sessionLimits) }),
    }),
  );

  const featureDeps: FeatureDeps = {
    engine,
    config,
    log,
    now,
    feedback: typeof deps.feedbackLog === "object" ? deps.feedbackLog : jsonlFeedbackLog(deps.feedbackLog ?? config.FEEDBACK_LOG),
    limiter: createRateLimiter({ ...(deps.rateLimit ?? { points: 20, durationMs: 60_000 }), prefix: "bot", ...(redis ? { redis } : {}), log }),
    stats,
    sessionLimits,
    stream: deps.stream ?? llmEnabled(config),
    streamIntervalMs: deps.streamIntervalMs ?? 1500,
    itemPageChars: deps.itemPageChars ?? 3500,
    pageSize: deps.pageSize ?? 5,
    messageLimit: Math.min(deps.messageLimit ?? TELEGRAM_TEXT_LIMIT, TELEGRAM_TEXT_LIMIT),
    maxQuestionChars: deps.maxQuestionChars ?? LIMITS.questionChars,
    secrets,
  };

  // One failing update is logged and reported to its user; the bot keeps going.
  const onError = async (err: BotError<BotContext>) => {
    stats.errors++;
    const ctx = err.ctx;
    log.error("update failed", { update: ctx.update.update_id, ...errorFields(err.error, secrets) });
    const text = userMessage(err.error);
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
      else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true });
      else if (ctx.chat && ctx.msg) await ctx.reply(text);
    } catch (e) {
      log.warn("could not tell the user about the error", errorFields(e, secrets));
    }
  };

  const features = [
    startFeature(featureDeps),
    adminFeature(featureDeps),
    searchFeature(featureDeps),
    browseFeature(featureDeps),
    feedbackFeature(featureDeps),
    referencesFeature(featureDeps),
    inlineFeature(featureDeps),
    askFeature(featureDeps),
  ];
  for (const f of features) bot.errorBoundary(onError, f);

  // Buttons from older versions or forged data.
  bot.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: T.invalidButton }));

  bot.catch(onError);
  return { bot, runtime };
}
