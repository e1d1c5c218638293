/** An answer as a Feishu interactive card (消息卡片): the answer with [n] markers, numbered sources with their quotes. */
import type { Answer } from "../answer/types.js";
import { escapeMarkdown, sourcesMarkdown } from "../chat/markdown.js";
import { truncate } from "../text/truncate.js";

/** The card JSON for `im.message.reply` with msg_type "interactive". */
export function answerCard(a: Answer): Record<string, unknown> {
  const elements: Record<string, unknown>[] = [];
  if (a.notice) elements.push({ tag: "div", text: { tag: "lark_md", content: `*${escapeMarkdown(a.notice)}*` } });
  elements.push({ tag: "div", text: { tag: "lark_md", content: escapeMarkdown(a.answer) } });
  const sources = sourcesMarkdown(a);
  if (sources) elements.push({ tag: "hr" }, { tag: "div", text: { tag: "lark_md", content: sources } });
  return { config: { wide_screen_mode: true }, header: { title: { tag: "plain_text", content: truncate(a.question, 60) }, template: a.found ? "blue" : "grey" }, elements };
}

/** A short notice (refusal, rate limit, failure) as a card with one paragraph. */
export function noticeCard(text: string): Record<string, unknown> {
  return { config: { wide_screen_mode: true }, elements: [{ tag: "div", text: { tag: "plain_text", content: text } }] };
}
