/**
 * Questions: any text in a private chat, /ask in any chat, and in groups the
 * messages that mention the bot or reply to it. Other group chatter is ignored.
 */
import { Composer } from "grammy";
import type { MessageEntity } from "grammy/types";
import { answerQuestion } from "../answering.js";
import type { BotContext, FeatureDeps } from "../context.js";
import { T } from "../texts.js";
import { normalizeQuestion } from "../../text/question.js";

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** True when a group message is addressed to the bot: an @mention, a text mention or a reply to one of its messages. */
export function addressesBot(
  msg: { text?: string; entities?: MessageEntity[]; reply_to_message?: { from?: { id: number } } },
  me: { id: number; username: string },
): boolean {
  if (msg.reply_to_message?.from?.id === me.id) return true;
  const text = msg.text ?? "";
  if (new RegExp(`@${escapeRe(me.username)}(?![A-Za-z0-9_])`, "i").test(text)) return true;
  return (msg.entities ?? []).some((e) => e.type === "text_mention" && e.user.id === me.id);
}

/** The question without the bot's @username. */
export function stripMention(text: string, username: string): string {
  return text
    .replace(new RegExp(`@${escapeRe(username)}(?![A-Za-z0-9_])`, "gi"), " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function askFeature(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command("ask", async (ctx) => {
    const q = normalizeQuestion(ctx.match);
    if (!q) {
      await ctx.reply(T.askUsage);
      return;
    }
    await answerQuestion(ctx, deps, q, ctx.chat.type === "private" ? undefined : ctx.msg.message_id);
  });

  const dm = c.chatType("private");
  dm.on("message:text", async (ctx) => {
    const text = ctx.msg.text;
    if (text.startsWith("/")) {
      await ctx.reply(T.unknownCommand);
      return;
    }
    await answerQuestion(ctx, deps, text);
  });
  dm.on("message", async (ctx) => {
    await ctx.reply(T.notText);
  });

  const groups = c.chatType(["group", "supergroup"]);
  groups.on("message:text", async (ctx) => {
    const text = ctx.msg.text;
    if (text.startsWith("/")) return; // a command for another bot, or one we do not know
    if (!addressesBot(ctx.msg, ctx.me)) return; // chatter
    await answerQuestion(ctx, deps, stripMention(text, ctx.me.username), ctx.msg.message_id);
  });

  return c;
}
