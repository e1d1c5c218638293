/**
 * Inline mode: «@bot 关键词» in any chat returns up to 10 verbatim excerpts with
 * citations as articles. Fast (search only, no LLM); internal minutes only for
 * allow-listed users typing in their own chat with the bot (chat_type «sender»:
 * a chosen result is posted where the query was typed), whose results are then
 * personal (not cached for others).
 */
import { createHash } from "node:crypto";
import { Composer } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import { itemName, minutesName } from "../../text/source-line.js";
import { truncate } from "../../text/truncate.js";
import { allowRequest } from "../answering.js";
import type { BotContext, FeatureDeps } from "../context.js";
import { inlineMessage } from "../html.js";
import { T } from "../texts.js";
import { normalizeQuestion } from "../../text/question.js";

export const INLINE_RESULTS = 10;
export const INLINE_CACHE_SECONDS = 10;

export function inlineFeature(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.on("inline_query", async (ctx) => {
    deps.stats.inlineQueries++;
    const q = normalizeQuestion(ctx.inlineQuery.query);
    const personal = { is_personal: ctx.internalUser };
    if (!q) {
      await ctx.answerInlineQuery([], { cache_time: INLINE_CACHE_SECONDS, ...personal, button: { text: T.inlineHint, start_parameter: "inline" } });
      return;
    }
    if (!(await allowRequest(ctx, deps))) return;
    const hits = (await deps.engine.search(truncate(q, deps.maxQuestionChars), { k: INLINE_RESULTS, access: ctx.access })).filter(
      (h) => h.visibility === "public" || ctx.access.internal,
    );
    const results: InlineQueryResultArticle[] = hits.slice(0, INLINE_RESULTS).map((h) => ({
      type: "article",
      id: createHash("sha256").update(`${h.passageId}|${h.start}`).digest("hex").slice(0, 32),
      title: truncate(h.item ? `${minutesName(h)} · ${itemName(h.item)}` : minutesName(h), 120),
      description: truncate(`${h.meetingDate ?? ""} ${h.section}：${h.quote}`.trim(), 200),
      input_message_content: {
        message_text: inlineMessage(h, deps.messageLimit),
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
      },
    }));
    await ctx.answerInlineQuery(results, {
      cache_time: INLINE_CACHE_SECONDS,
      ...personal,
      ...(results.length ? {} : { button: { text: T.inlineNone, start_parameter: "inline" } }),
    });
  });

  return c;
}
