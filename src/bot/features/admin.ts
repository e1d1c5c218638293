/** Admin-only commands (ADMIN_USER_IDS): /reload re-ingests the minutes folder, /stats shows counters. */
import { Composer } from "grammy";
import type { BotContext, FeatureDeps } from "../context.js";
import { escapeHtml } from "../html.js";
import { T } from "../texts.js";

export function adminFeature(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command("reload", async (ctx) => {
    if (!ctx.isAdmin) {
      await ctx.reply(T.adminOnly);
      return;
    }
    await ctx.reply(T.reloading);
    const started = deps.now();
    const r = await deps.engine.reload();
    deps.log.info("reloaded", { ...r, ms: deps.now() - started });
    await ctx.reply(T.reloaded(r));
  });

  c.command("stats", async (ctx) => {
    if (!ctx.isAdmin) {
      await ctx.reply(T.adminOnly);
      return;
    }
    const st = deps.engine.status();
    const s = deps.stats;
    const uptimeMin = Math.round((deps.now() - s.startedAt) / 60000);
    const lines = [
      `纪要：${st.documents} 份，段落：${st.passages} 段`,
      `索引时间：${st.indexedAt ?? "未知"}`,
      `向量模型：${st.embedder.provider}/${st.embedder.model}（${st.embedder.dimension} 维）`,
      `运行：${uptimeMin} 分钟，更新 ${s.updates} 条，提问 ${s.questions} 次，内联查询 ${s.inlineQueries} 次，错误 ${s.errors} 次`,
      `反馈：👍 ${s.feedback.up} / 👎 ${s.feedback.down}`,
    ];
    await ctx.reply(`<b>运行统计</b>\n\n${escapeHtml(lines.join("\n"))}`, { parse_mode: "HTML" });
  });

  return c;
}
