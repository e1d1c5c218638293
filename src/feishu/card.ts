/** An answer as a Feishu interactive card (消息卡片): the answer with [n] markers, numbered sources with their quotes. */
import type { Answer } from "../answer/types.js";
import { sourceSpans, truncate } from "../bot/html.js";
import { CHAT_TEXTS } from "../chat/texts.js";

/** lark_md treats these as markup; quotes stay verbatim when they are escaped. */
const escapeMd = (s: string) => s.replace(/([*_~`<>[\]\\])/g, "\\$1");

/** Feishu caps a card at 30 KB; quotes are cut so a long answer still fits. */
const QUOTE_CHARS = 600;

/** The card JSON for `im.message.reply` with msg_type "interactive". */
export function answerCard(a: Answer): Record<string, unknown> {
  const elements: Record<string, unknown>[] = [];
  if (a.notice) elements.push({ tag: "div", text: { tag: "lark_md", content: `*${escapeMd(a.notice)}*` } });
  elements.push({ tag: "div", text: { tag: "lark_md", content: escapeMd(a.answer) } });
  if (a.citations.length) {
    elements.push({ tag: "hr" });
    const lines = a.citations.map((c) => {
      const source = sourceSpans(c)
        .map((s) => (s.style === "b" ? `**${escapeMd(s.text)}**` : escapeMd(s.text)))
        .join("");
      return `[${c.n}] ${source}\n> ${escapeMd(truncate(c.quote, QUOTE_CHARS))}`;
    });
    elements.push({ tag: "div", text: { tag: "lark_md", content: `**${CHAT_TEXTS.sources}**\n${lines.join("\n")}` } });
  }
  return { config: { wide_screen_mode: true }, header: { title: { tag: "plain_text", content: truncate(a.question, 60) }, template: a.found ? "blue" : "grey" }, elements };
}

/** A short notice (refusal, rate limit, failure) as a card with one paragraph. */
export function noticeCard(text: string): Record<string, unknown> {
  return { config: { wide_screen_mode: true }, elements: [{ tag: "div", text: { tag: "plain_text", content: text } }] };
}
