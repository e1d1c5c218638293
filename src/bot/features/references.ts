/**
 * The 引用 button under an answer: sends the answer's formal references in a
 * <pre> block that copies cleanly. Access is checked again with the presser's
 * rights, so a reference to internal minutes reaches no one who may not see them.
 */
import { Composer } from "grammy";
import { allowRequest, pressedAnswer, sendHtml } from "../answering.js";
import type { BotContext, FeatureDeps } from "../context.js";
import { referencesMessages } from "../html.js";
import { T } from "../texts.js";

export function referencesFeature(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.callbackQuery(/^cite\|/, async (ctx) => {
    const pressed = await pressedAnswer(ctx, deps, "cite");
    if (!pressed) return;
    const { stored } = pressed;
    if (!stored.references?.length) {
      await ctx.answerCallbackQuery({ text: T.expired, show_alert: true });
      return;
    }
    if (!(await allowRequest(ctx, deps))) return;
    // Rights may have changed since the answer (an allow-list edited, a chat's access): check each reference now.
    const shown = stored.references.filter((r) => (r.visibility === "public" || ctx.access.internal) && deps.engine.getMinutes(r.minutesId, ctx.access));
    if (!shown.length) {
      await ctx.answerCallbackQuery({ text: T.refused, show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery({ text: T.referencesSent });
    const texts = shown.map((r) => `[${r.n}] ${r.text}`);
    await sendHtml(ctx, referencesMessages(texts, stored.references.length - shown.length, deps.messageLimit));
  });

  return c;
}
