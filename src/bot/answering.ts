/**
 * Shared steps of answering: rate limiting, typing action, asking the engine
 * (streaming with throttled edits when an LLM is configured), remembering the
 * turn for follow-ups and buttons, and sending the cited HTML reply.
 */
import { randomBytes } from "node:crypto";
import { InlineKeyboard } from "grammy";
import type { Answer, ItemRef, Turn } from "../answer/types.js";
import { truncate } from "../text/truncate.js";
import { pruneSession, type StoredAnswer } from "../chat/session.js";
import { encodeCallback, minutesRef, parseCallback, type CallbackAction } from "./callback-data.js";
import type { BotContext, FeatureDeps } from "./context.js";
import { renderAnswer } from "./html.js";
import { errorFields } from "./redact.js";
import { T } from "./texts.js";
import { normalizeQuestion } from "../text/question.js";

export const NO_PREVIEW = { link_preview_options: { is_disabled: true } } as const;

/** Records a request against the sender's rate limit; tells them politely (once per window) when over it. */
export async function allowRequest(ctx: BotContext, deps: FeatureDeps): Promise<boolean> {
  const id = ctx.from?.id;
  if (id === undefined || ctx.isAdmin) return true;
  const key = String(id);
  const decision = await deps.limiter.take(key);
  if (decision.ok) return true;
  const notify = decision.firstRefusal;
  if (ctx.callbackQuery) await ctx.answerCallbackQuery(notify ? { text: T.rateLimited } : {});
  else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true });
  else if (notify && ctx.chat) await ctx.reply(T.rateLimited);
  return false;
}

/** Shows "typing…" while `work` runs (Telegram clears the action after ~5 s, so it is repeated). */
export async function withTyping<R>(ctx: BotContext, deps: FeatureDeps, work: () => Promise<R>): Promise<R> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return work();
  const send = () => ctx.api.sendChatAction(chatId, "typing").catch((e: unknown) => deps.log.debug("typing action failed", errorFields(e, deps.secrets)));
  void send();
  const timer = setInterval(() => void send(), 4500);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Sends HTML chunks in order; the keyboard goes under the last one; in groups the first replies to the question. */
export async function sendHtml(
  ctx: BotContext,
  chunks: string[],
  opts: { keyboard?: InlineKeyboard; replyTo?: number; editFirst?: number } = {},
): Promise<void> {
  const chatId = ctx.chat!.id;
  for (let i = 0; i < chunks.length; i++) {
    const last = i === chunks.length - 1;
    const markup = last && opts.keyboard ? { reply_markup: opts.keyboard } : {};
    if (i === 0 && opts.editFirst !== undefined) {
      try {
        await ctx.api.editMessageText(chatId, opts.editFirst, chunks[0], { parse_mode: "HTML", ...NO_PREVIEW, ...markup });
        continue;
      } catch {
        // The draft is gone or cannot be edited: remove it and send the answer as a new message.
        await ctx.api.deleteMessage(chatId, opts.editFirst).catch(() => undefined);
      }
    }
    const reply = i === 0 && opts.replyTo !== undefined ? { reply_parameters: { message_id: opts.replyTo, allow_sending_without_reply: true } } : {};
    await ctx.api.sendMessage(chatId, chunks[i], { parse_mode: "HTML", ...NO_PREVIEW, ...markup, ...reply });
  }
}

export const newKey = () =>
  randomBytes(6)
    .toString("base64url")
    .replace(/[^A-Za-z0-9]/g, "x")
    .slice(0, 8);

/** The 原文 / 引用 / 更多 / 👍 👎 keyboard under an answer. */
export function answerKeyboard(stored: StoredAnswer, a: Answer, vote?: "up" | "down"): InlineKeyboard {
  const kb = new InlineKeyboard();
  const cited = a.citations.find((c) => c.item);
  const target: ItemRef | null = a.focus ?? (cited?.item ? { minutesId: cited.minutesId, ordinal: cited.item.ordinal } : null);
  if (target) kb.text(T.buttons.source, encodeCallback({ kind: "src", ref: minutesRef(target.minutesId), ordinal: target.ordinal, page: 0, edit: false }));
  if (stored.references?.length) kb.text(T.buttons.cite, encodeCallback({ kind: "cite", key: stored.key }));
  if (a.citations.length) kb.text(T.buttons.more, encodeCallback({ kind: "more", key: stored.key, offset: 0 }));
  if (kb.inline_keyboard[0].length) kb.row();
  return feedbackRow(kb, stored.key, vote);
}

export function feedbackRow(kb: InlineKeyboard, key: string, vote?: "up" | "down"): InlineKeyboard {
  const mark = (v: "up" | "down", label: string) => (vote === v ? `${label} ✓` : label);
  return kb
    .text(mark("up", T.buttons.up), encodeCallback({ kind: "fb", key, vote: "up" }))
    .text(mark("down", T.buttons.down), encodeCallback({ kind: "fb", key, vote: "down" }));
}

/** Remembers the turn (for follow-ups) and the answer (for its buttons) in the chat's session. */
export function remember(ctx: BotContext, deps: FeatureDeps, question: string, a: Answer): StoredAnswer {
  const now = deps.now();
  const s = pruneSession(ctx.session, now, deps.sessionLimits);
  s.history.push({ question, intent: a.intent, focus: a.focus, record: a.record, answer: truncate(a.answer, 600), at: now });
  const stored: StoredAnswer = {
    key: newKey(),
    question,
    answer: truncate(a.answer, 2000),
    mode: a.mode,
    cited: a.citations.slice(0, 20).map((c) => `${c.minutesId}:${c.start}`),
    references: a.citations.slice(0, 20).map((c) => ({ n: c.n, minutesId: c.minutesId, visibility: c.visibility, text: c.reference })),
    focus: a.focus,
    at: now,
  };
  s.answers.push(stored);
  pruneSession(s, now, deps.sessionLimits);
  return stored;
}

/**
 * The stored answer a pressed 更多 / 引用 / 👍 👎 button names, with its parsed data; null once the
 * presser has been told that the button is malformed (forged) or its answer has expired.
 */
export async function pressedAnswer<K extends "more" | "cite" | "fb">(
  ctx: BotContext,
  deps: FeatureDeps,
  kind: K,
): Promise<{ action: Extract<CallbackAction, { kind: K }>; stored: StoredAnswer; chat: NonNullable<BotContext["chat"]> } | null> {
  const a = parseCallback(ctx.callbackQuery?.data);
  if (!a || a.kind !== kind || !ctx.chat) {
    await ctx.answerCallbackQuery({ text: T.invalidButton });
    return null;
  }
  const action = a as Extract<CallbackAction, { kind: K }>;
  const key = (a as { key: string }).key;
  const stored = pruneSession(ctx.session, deps.now(), deps.sessionLimits).answers.find((x) => x.key === key);
  if (!stored) {
    await ctx.answerCallbackQuery({ text: T.expired, show_alert: true });
    return null;
  }
  return { action, stored, chat: ctx.chat };
}

export function historyOf(ctx: BotContext, deps: FeatureDeps): Turn[] {
  const s = pruneSession(ctx.session, deps.now(), deps.sessionLimits);
  return s.history.map(({ at: _at, ...t }) => t);
}

/**
 * Streams an LLM answer into a plain-text draft message edited at most every
 * `streamIntervalMs` (Telegram's flood limits allow about one edit per second
 * per chat); returns the final answer and the draft's message id.
 */
async function streamAnswer(ctx: BotContext, deps: FeatureDeps, question: string, history: Turn[]): Promise<{ answer: Answer; draftId?: number }> {
  const chatId = ctx.chat!.id;
  let text = "";
  let shown = "";
  let draftId: number | undefined;
  let lastEdit = 0;
  let inflight: Promise<void> | null = null;
  const flush = () => {
    const view = `${truncate(text.trim(), deps.messageLimit - 2)} …`;
    if (!text.trim() || view === shown) return;
    shown = view;
    lastEdit = deps.now();
    const op =
      draftId === undefined
        ? ctx.api.sendMessage(chatId, view, NO_PREVIEW).then((m) => {
            draftId = m.message_id;
          })
        : ctx.api.editMessageText(chatId, draftId, view, NO_PREVIEW).then(() => undefined);
    inflight = op
      .catch((e: unknown) => deps.log.debug("draft update failed", errorFields(e, deps.secrets)))
      .finally(() => {
        inflight = null;
      });
  };
  let final: Answer | undefined;
  try {
    for await (const ev of deps.engine.askStream(question, { history, access: ctx.access })) {
      if ("final" in ev) {
        final = ev.final;
        break;
      }
      text += ev.delta;
      if (!inflight && deps.now() - lastEdit >= deps.streamIntervalMs) flush();
    }
  } catch (e) {
    while (inflight) await inflight;
    // Do not leave a half-written draft behind; the error boundary tells the user.
    if (draftId !== undefined) await ctx.api.deleteMessage(chatId, draftId).catch(() => undefined);
    throw e;
  }
  while (inflight) await inflight;
  if (!final) throw new Error("the answer stream ended without a final answer");
  return { answer: final, ...(draftId !== undefined ? { draftId } : {}) };
}

/** Answers a question in the current chat: the whole flow from rate limit to the cited reply. */
export async function answerQuestion(ctx: BotContext, deps: FeatureDeps, raw: string, replyTo?: number): Promise<void> {
  // Zero-width and other invisible characters alone are no question.
  const question = normalizeQuestion(raw);
  if (!question) {
    await ctx.reply(T.emptyQuestion);
    return;
  }
  if (question.length > deps.maxQuestionChars) {
    await ctx.reply(T.questionTooLong(deps.maxQuestionChars));
    return;
  }
  if (!(await allowRequest(ctx, deps))) return;
  deps.stats.questions++;
  const history = historyOf(ctx, deps);
  const { answer, draftId } = await withTyping(ctx, deps, async () =>
    deps.stream && ctx.chat?.type === "private"
      ? streamAnswer(ctx, deps, question, history)
      : { answer: await deps.engine.ask(question, { history, access: ctx.access }), draftId: undefined },
  );
  const stored = remember(ctx, deps, question, answer);
  deps.log.info("answered", {
    chat: ctx.chat?.type,
    mode: answer.mode,
    intent: answer.intent,
    found: answer.found,
    citations: answer.citations.length,
  });
  await sendHtml(ctx, renderAnswer(answer, deps.messageLimit), {
    keyboard: answerKeyboard(stored, answer),
    ...(replyTo !== undefined ? { replyTo } : {}),
    ...(draftId !== undefined ? { editFirst: draftId } : {}),
  });
}
