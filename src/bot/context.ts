import type { Context, SessionFlavor } from "grammy";
import type { Access, Engine } from "../answer/types.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { RateLimiter } from "../rate-limit/limiter.js";
import type { SessionData, SessionLimits } from "../chat/session.js";
import type { FeedbackSink } from "./feedback.js";

/** What access control decided for the update. */
export interface AccessFlavor {
  /** The sender is on ALLOWED_USER_IDS (or ADMIN_USER_IDS), or the chat on ALLOWED_CHAT_IDS. */
  internalUser: boolean;
  /** The sender is on ADMIN_USER_IDS. */
  isAdmin: boolean;
  /**
   * Rights for this update: internal minutes only for an allow-listed sender in
   * a private chat or inline mode (never in groups, where everyone reads the reply).
   */
  access: Access;
}

export type BotContext = Context & SessionFlavor<SessionData> & AccessFlavor;

/** Counters for /stats. */
export interface BotStats {
  startedAt: number;
  updates: number;
  questions: number;
  inlineQueries: number;
  errors: number;
  feedback: { up: number; down: number };
}

/** Everything a feature needs; features never reach for globals. */
export interface FeatureDeps {
  engine: Engine;
  config: Config;
  log: Logger;
  now: () => number;
  feedback: FeedbackSink;
  limiter: RateLimiter;
  stats: BotStats;
  sessionLimits: SessionLimits;
  /** Stream LLM answers with message edits in private chats. */
  stream: boolean;
  /** Minimum interval between edits of a streamed message. */
  streamIntervalMs: number;
  /** Visible characters per page of 原文. */
  itemPageChars: number;
  /** Results per 更多 / search page. */
  pageSize: number;
  /** Visible characters per message (Telegram: 4096). */
  messageLimit: number;
  /** Longest question accepted, in characters. */
  maxQuestionChars: number;
  /** Secrets to mask in anything logged. */
  secrets: string[];
}
