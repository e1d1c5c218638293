/** 👍 / 👎 under an answer: one JSONL line with the question, the answer and a hashed user id. */
import { Composer, InlineKeyboard } from "grammy";
import { feedbackRow, pressedAnswer } from "../answering.js";
import type { BotContext, FeatureDeps } from "../context.js";
import { hashUserId } from "../feedback.js";
import { T } from "../texts.js";

export function feedbackFeature(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.callbackQuery(/^fb\|/, async (ctx) => {
    const pressed = await pressedAnswer(ctx, deps, "fb");
    if (!pressed) return;
    const { action: a, stored, chat } = pressed;
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
      chatType: chat.type,
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
