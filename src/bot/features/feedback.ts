/** 👍 / 👎 under an answer: one JSONL line with the question, the answer and a hashed user id. */
import { Composer, InlineKeyboard } from "grammy";
import { feedbackRow } from "../answering.js";
import { parseCallback } from "../callback-data.js";
import type { BotContext, FeatureDeps } from "../context.js";
import { hashUserId } from "../feedback.js";
import { T } from "../texts.js";

export function feedbackFeature(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.callbackQuery(/^fb\|/, async (ctx) => {
    const a = parseCallback(ctx.callbackQuery.data);
    if (!a || a.kind !== "fb" || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: T.invalidButton });
      return;
    }
    const stored = ctx.session.answers.find((x) => x.key === a.key);
    if (!stored) {
      await ctx.answerCallbackQuery({ text: T.expired, show_alert: true });
      return;
    }
    if (stored.vote) {
      await ctx.answerCallbackQuery({ text: T.alreadyVoted });
      return;
    }
    await deps.feedback.write({
      time: new Date(deps.now()).toISOString(),
      vote: a.vote,
      question: stored.question,
      answer: stored.answer,
      mode: stored.mode,
      user: hashUserId(ctx.callbackQuery.from.id, deps.config.TELEGRAM_BOT_TOKEN ?? "minutes-qa"),
      chatType: ctx.chat.type,
      cited: stored.cited,
    });
    stored.vote = a.vote;
    deps.stats.feedback[a.vote]++;
    await ctx.answerCallbackQuery({ text: T.thanks });
    // Mark the vote on the keyboard, keeping the other buttons.
    const msg = ctx.callbackQuery.message;
    const rows = msg && msg.date !== 0 ? msg.reply_markup?.inline_keyboard : undefined;
    if (rows) {
      const kept = rows.filter((r) => !r.some((b) => "callback_data" in b && b.callback_data?.startsWith("fb|")));
      const kb = feedbackRow(new InlineKeyboard([...kept.map((r) => [...r]), []]), stored.key, a.vote);
      await ctx.editMessageReplyMarkup({ reply_markup: kb }).catch((e: unknown) => deps.log.debug("keyboard update failed", { e: String(e) }));
    }
  });

  return c;
}
