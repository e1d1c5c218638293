/**
 * Browsing: /meetings, /meeting <number> (agenda with a button per item),
 * /item <number>.<ordinal>, and the 原文 buttons with pagination. Every lookup
 * uses the rights of whoever sent the command or pressed the button.
 */
import { Composer, InlineKeyboard } from "grammy";
import type { Access, Engine } from "../../answer/types.js";
import type { Item, Minutes } from "../../minutes/schema.js";
import { itemName } from "../../text/source-line.js";
import { truncate } from "../../text/truncate.js";
import { allowRequest, NO_PREVIEW, sendHtml } from "../answering.js";
import { encodeCallback, hashRef, minutesRef, parseCallback } from "../callback-data.js";
import type { BotContext, FeatureDeps } from "../context.js";
import { agendaBlocks, itemPages, meetingsBlocks, renderBlocks } from "../html.js";
import { T } from "../texts.js";

/** Resolves a callback reference to an item the caller may see; null otherwise. */
export function resolveItem(engine: Engine, ref: string, ordinal: number, access: Access): { minutes: Minutes; item: Item } | null {
  let id: string | undefined = ref;
  if (ref.startsWith("#")) id = engine.listMinutes(access).find((m) => hashRef(m.id) === ref)?.id;
  if (!id) return null;
  const found = engine.getItem(id, ordinal, access);
  // Defence in depth: never show internal minutes to a caller without internal rights.
  if (!found || (found.minutes.visibility !== "public" && !access.internal)) return null;
  return found;
}

function pageKeyboard(m: Minutes, item: Item, page: number, pages: number): InlineKeyboard | undefined {
  if (pages <= 1) return undefined;
  const ref = minutesRef(m.id);
  const kb = new InlineKeyboard();
  if (page > 0) kb.text(T.buttons.prev, encodeCallback({ kind: "src", ref, ordinal: item.ordinal, page: page - 1, edit: true }));
  kb.text(T.page(page + 1, pages), encodeCallback({ kind: "noop" }));
  if (page < pages - 1) kb.text(T.buttons.next, encodeCallback({ kind: "src", ref, ordinal: item.ordinal, page: page + 1, edit: true }));
  return kb;
}

/** /item 1.7, /item 1-7, /item 1 7 */
export function parseItemArg(s: string): { number: number; ordinal: number } | null {
  const m = /^\s*第?(\d{1,6})号?\s*[.．。、\-\s]\s*(\d{1,3})\s*$/.exec(s);
  return m ? { number: Number(m[1]), ordinal: Number(m[2]) } : null;
}

export function browseFeature(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const { engine } = deps;

  c.command("meetings", async (ctx) => {
    const list = [...engine.listMinutes(ctx.access)].sort(
      (a, b) => (b.meetingDate ?? "").localeCompare(a.meetingDate ?? "") || (b.number ?? 0) - (a.number ?? 0),
    );
    if (!list.length) {
      await ctx.reply(T.noMinutes);
      return;
    }
    await sendHtml(ctx, renderBlocks(meetingsBlocks(list), deps.messageLimit));
  });

  c.command("meeting", async (ctx) => {
    const n = /^\s*第?(\d{1,6})号?\s*$/.exec(ctx.match)?.[1];
    if (!n) {
      await ctx.reply(T.meetingUsage);
      return;
    }
    const m = engine.findByNumber(Number(n), ctx.access);
    if (!m || (m.visibility !== "public" && !ctx.access.internal)) {
      await ctx.reply(T.meetingNotFound(Number(n)));
      return;
    }
    const kb = new InlineKeyboard();
    const ref = minutesRef(m.id);
    for (const it of m.items) kb.text(truncate(itemName(it), 32), encodeCallback({ kind: "src", ref, ordinal: it.ordinal, page: 0, edit: false })).row();
    await sendHtml(ctx, renderBlocks(agendaBlocks(m), deps.messageLimit), { keyboard: kb });
  });

  c.command("item", async (ctx) => {
    const arg = parseItemArg(ctx.match);
    if (!arg) {
      await ctx.reply(T.itemUsage);
      return;
    }
    const m = engine.findByNumber(arg.number, ctx.access);
    const found = m ? resolveItem(engine, m.id, arg.ordinal, ctx.access) : null;
    if (!found) {
      await ctx.reply(T.itemNotFound);
      return;
    }
    const pages = itemPages(found.minutes, found.item, deps.itemPageChars);
    const kb = pageKeyboard(found.minutes, found.item, 0, pages.length);
    await ctx.reply(pages[0], { parse_mode: "HTML", ...NO_PREVIEW, ...(kb ? { reply_markup: kb } : {}) });
  });

  c.callbackQuery(/^(src|pg)\|/, async (ctx) => {
    const a = parseCallback(ctx.callbackQuery.data);
    if (a?.kind !== "src" || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: T.invalidButton });
      return;
    }
    if (!(await allowRequest(ctx, deps))) return;
    const found = resolveItem(engine, a.ref, a.ordinal, ctx.access);
    if (!found) {
      deps.log.warn("item refused or missing", { ref: a.ref, ordinal: a.ordinal, internal: ctx.access.internal });
      await ctx.answerCallbackQuery({ text: T.refused, show_alert: true });
      return;
    }
    const pages = itemPages(found.minutes, found.item, deps.itemPageChars);
    const page = Math.min(a.page, pages.length - 1);
    const kb = pageKeyboard(found.minutes, found.item, page, pages.length);
    await ctx.answerCallbackQuery();
    const msg = ctx.callbackQuery.message;
    if (a.edit && msg && msg.date !== 0) {
      await ctx.api.editMessageText(ctx.chat.id, msg.message_id, pages[page], { parse_mode: "HTML", ...NO_PREVIEW, ...(kb ? { reply_markup: kb } : {}) });
      return;
    }
    await ctx.reply(pages[page], { parse_mode: "HTML", ...NO_PREVIEW, ...(kb ? { reply_markup: kb } : {}) });
  });

  c.callbackQuery("noop", (ctx) => ctx.answerCallbackQuery());

  return c;
}
