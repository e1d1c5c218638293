/**
 * The channel-neutral conversation: an incoming message → whether to answer
 * at all (a redelivered event, group chatter) → the access decision → the
 * sender's rate limit → the chat's history (the session storage) →
 * `engine.ask` → an outcome each platform renders in its own format.
 */
import type { StorageAdapter } from "grammy";
import type { Answer, Engine } from "../answer/types.js";
import { LIMITS } from "../limits.js";
import { initialSession, pruneSession, DEFAULT_SESSION_LIMITS, type SessionData } from "./session.js";
import type { RateLimiter } from "../rate-limit/limiter.js";
import { decideAccess, type AccessRules } from "./access.js";
import type { EventDeduper } from "./dedupe.js";
import type { IncomingMessage } from "./message.js";
import { normalizeQuestion } from "../text/question.js";

export type Outcome =
  | { kind: "ignored"; reason: "duplicate" | "not-addressed" | "empty" }
  | { kind: "refused" }
  | { kind: "rate-limited"; notify: boolean }
  | { kind: "answer"; answer: Answer };

export interface ConversationDeps {
  engine: Pick<Engine, "ask">;
  storage: StorageAdapter<SessionData>;
  limiter: RateLimiter;
  /** Event ids already answered (in memory, or shared through Redis). */
  events: EventDeduper;
  now?: () => number;
  /** Longest question passed to the engine (longer ones are cut). */
  maxQuestionChars?: number;
}

/** The session key of a chat: one namespace per platform. */
export const sessionKey = (m: Pick<IncomingMessage, "platform" | "chatId">) => `${m.platform}:${m.chatId}`;

/** Handles one message; never throws for a refusal, only for failures (storage, engine). */
export async function converse(msg: IncomingMessage, rules: AccessRules, deps: ConversationDeps): Promise<Outcome> {
  if (!(await deps.events.first(`${msg.platform}:${msg.eventId}`))) return { kind: "ignored", reason: "duplicate" };
  if (msg.chatType === "group" && !msg.mentioned && !msg.replyToBot) return { kind: "ignored", reason: "not-addressed" };
  const decision = decideAccess(rules, { userId: msg.userId, chatId: msg.chatId, ownView: msg.chatType === "private" });
  if (decision.refused) return { kind: "refused" };
  const question = normalizeQuestion(msg.text).slice(0, deps.maxQuestionChars ?? LIMITS.questionChars);
  if (!question) return { kind: "ignored", reason: "empty" };
  if (!decision.internalUser) {
    const rate = await deps.limiter.take(`${msg.platform}:${msg.userId}`);
    if (!rate.ok) return { kind: "rate-limited", notify: rate.firstRefusal };
  }
  const now = (deps.now ?? Date.now)();
  const key = sessionKey(msg);
  const session = pruneSession((await deps.storage.read(key)) ?? initialSession(), now, DEFAULT_SESSION_LIMITS);
  const history = session.history.map(({ at: _at, ...t }) => t);
  const answer = await deps.engine.ask(question, { history, access: decision.access });
  session.history.push({
    question,
    intent: answer.intent,
    focus: answer.focus,
    record: answer.record,
    answer: answer.answer.slice(0, LIMITS.keptAnswerChars),
    at: now,
  });
  await deps.storage.write(key, pruneSession(session, now, DEFAULT_SESSION_LIMITS));
  return { kind: "answer", answer };
}
