/** /search <keywords> (a compact list of excerpts with citations) and the 更多 button (next results). */
import { Composer, InlineKeyboard } from "grammy";
import type { SearchHit } from "../../answer/types.js";
import { truncate } from "../../text/truncate.js";
import { pruneSession, type StoredAnswer } from "../../chat/session.js";
import { allowRequest, newKey, pressedAnswer, sendHtml } from "../answering.js";
import { encodeCallback } from "../callback-data.js";
import type { BotContext, FeatureDeps } from "../context.js";
import { hitsBlocks, renderBlocks } from "../html.js";
import { T } from "../texts.js";
import { normalizeQuestion } from "../../text/question.js";

/** Results after `offset`, skipping what the answer already cited; `next` is the offset for another 更多. */
export async function nextHits(deps: FeatureDeps, ctx: BotContext, stored: StoredAnswer, offset: number): Promise<{ hits: SearchHit[]; next: number | null }> {
  const k = deps.pageSize;
  const cited = new Set(stored.cited);
  let at = offset;
  for (let round = 0; round < 4; round++) {
    const raw = await deps.engine.search(stored.question, { k, offset: at, access: ctx.access });
    // The engine already filters by access; this re-check keeps a mistake there from leaking.
    const visible = raw.filter((h) => h.visibility === "public" || ctx.access.internal);
    const fresh = visible.filter((h) => !cited.has(`${h.minutesId}:${h.start}`));
    at += raw.length;
    const next = raw.length === k ? at : null;
    if (fresh.length || next === null) return { hits: fresh, next };
  }
  return { hits: [], next: null };
}

function moreKeyboard(key: string, next: number | null): InlineKeyboard | undefined {
  return next === null || next > 500 ? undefined : new InlineKeyboard().text(T.buttons.more, encodeCallback({ kind: "more", key, offset: next }));
}

export function searchFeature(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command("search", async (ctx) => {
    const q = normalizeQuestion(ctx.match);
    if (!q) {
      await ctx.reply(T.searchUsage);
      return;
    }
    if (q.length > deps.maxQuestionChars) {
      await ctx.reply(T.questionTooLong(deps.maxQuestionChars));
      return;
    }
    if (!(await allowRequest(ctx, deps))) return;
    const stored: StoredAnswer = { key: newKey(), question: q, answer: "", mode: "search", cited: [], focus: null, at: deps.now() };
    const { hits, next } = await nextHits(deps, ctx, stored, 0);
    if (!hits.length) {
      await ctx.reply(T.noResults(truncate(q, 50)));
      return;
    }
    const s = pruneSession(ctx.session, deps.now(), deps.sessionLimits);
    s.answers.push(stored);
    pruneSession(s, deps.now(), deps.sessionLimits);
    const blocks = hitsBlocks(T.searchHeader(truncate(q, 50), 1, hits.length), hits, 1);
    const kb = moreKeyboard(stored.key, next);
    await sendHtml(ctx, renderBlocks(blocks, deps.messageLimit), {
      ...(kb ? { keyboard: kb } : {}),
      ...(ctx.chat.type !== "private" ? { replyTo: ctx.msg.message_id } : {}),
    });
  });

  c.callbackQuery(/^more\|/, async (ctx) => {
    const pressed = await pressedAnswer(ctx, deps, "more");
    if (!pressed) return;
    const { action: a, stored } = pressed;
    if (!(await allowRequest(ctx, deps))) return;
    const { hits, next } = await nextHits(deps, ctx, stored, a.offset);
    if (!hits.length) {
      await ctx.answerCallbackQuery({ text: T.noMore });
      return;
    }
    await ctx.answerCallbackQuery();
    const from = a.offset + 1;
    const blocks = hitsBlocks(T.moreHeader(truncate(stored.question, 50), from, from + hits.length - 1), hits, from);
    const kb = moreKeyboard(stored.key, next);
    await sendHtml(ctx, renderBlocks(blocks, deps.messageLimit), kb ? { keyboard: kb } : {});
  });

  return c;
}
