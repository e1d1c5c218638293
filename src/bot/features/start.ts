/** /start (welcome with example questions), /help and /about. */
import { Composer, InlineKeyboard } from "grammy";
import type { MinutesSummary } from "../../answer/types.js";
import { answerQuestion } from "../answering.js";
import { encodeCallback, parseCallback } from "../callback-data.js";
import type { BotContext, FeatureDeps } from "../context.js";
import { escapeHtml } from "../html.js";
import { EXAMPLE_QUESTIONS, T } from "../texts.js";

export function coverage(list: MinutesSummary[]): { first: string | null; last: string | null } {
  const dates = list
    .map((m) => m.meetingDate ?? m.issuedOn)
    .filter((d): d is string => Boolean(d))
    .sort();
  return { first: dates[0] ?? null, last: dates[dates.length - 1] ?? null };
}

export function startFeature(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command("start", async (ctx) => {
    const kb = new InlineKeyboard();
    EXAMPLE_QUESTIONS.forEach((q, i) => kb.text(q, encodeCallback({ kind: "ex", index: i })).row());
    const lines = EXAMPLE_QUESTIONS.map((q) => `• ${escapeHtml(q)}`).join("\n");
    await ctx.reply(`${escapeHtml(T.welcome(ctx.from?.first_name ?? ""))}\n${lines}`, { parse_mode: "HTML", reply_markup: kb });
  });

  c.command("help", async (ctx) => {
    const admin = ctx.isAdmin ? escapeHtml(T.adminHelp) : "";
    await ctx.reply(`<b>${escapeHtml(T.helpTitle)}</b>\n\n${escapeHtml(T.help)}${admin}`, { parse_mode: "HTML" });
  });

  c.command("about", async (ctx) => {
    const list = deps.engine.listMinutes(ctx.access);
    const st = deps.engine.status();
    const { first, last } = coverage(list);
    const body = T.about({ count: list.length, first, last, indexedAt: st.indexedAt, passages: st.passages });
    await ctx.reply(`<b>${escapeHtml(T.aboutTitle)}</b>\n\n${escapeHtml(body)}`, { parse_mode: "HTML" });
  });

  c.callbackQuery(/^ex\|/, async (ctx) => {
    const a = parseCallback(ctx.callbackQuery.data);
    const q = a?.kind === "ex" ? EXAMPLE_QUESTIONS[a.index] : undefined;
    if (!q || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: T.invalidButton });
      return;
    }
    await ctx.answerCallbackQuery();
    await answerQuestion(ctx, deps, q);
  });

  return c;
}
