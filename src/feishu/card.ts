/** An answer as a Feishu interactive card (消息卡片): the answer with [n] markers, numbered sources with their quotes, a 原文 button per source. */
import type { Answer, Citation } from "../answer/types.js";
import { escapeMarkdown, sourcesMarkdown } from "../chat/markdown.js";
import { itemName, minutesName } from "../text/source-line.js";
import { truncate } from "../text/truncate.js";
import type { SourcePassage } from "./source-passage.js";
import { FEISHU_TEXTS } from "./texts.js";

/** Buttons in one card at most (the first sources; the rest are still quoted). */
const MAX_SOURCE_BUTTONS = 5;

const md = (content: string) => ({ tag: "div", text: { tag: "lark_md", content } });

/**
 * The card JSON for `im.message.reply` with msg_type "interactive".
 * `sourceValue` gives each citation's 原文 button its (signed) value; without it the card has no buttons.
 */
export function answerCard(a: Answer, sourceValue?: (c: Citation) => Record<string, unknown>): Record<string, unknown> {
  const elements: Record<string, unknown>[] = [];
  if (a.notice) elements.push(md(`*${escapeMarkdown(a.notice)}*`));
  elements.push(md(escapeMarkdown(a.answer)));
  const sources = sourcesMarkdown(a);
  if (sources) elements.push({ tag: "hr" }, md(sources));
  if (sourceValue && a.citations.length) {
    const actions = a.citations
      .slice(0, MAX_SOURCE_BUTTONS)
      .map((c) => ({ tag: "button", text: { tag: "plain_text", content: FEISHU_TEXTS.sourceButton(c.n) }, type: "default", value: sourceValue(c) }));
    elements.push({ tag: "action", actions });
  }
  return {
    config: { wide_screen_mode: true },
    header: { title: { tag: "plain_text", content: truncate(a.question, 60) }, template: a.found ? "blue" : "grey" },
    elements,
  };
}

/** The 原文 of a source: the minutes and item as the title, the text verbatim with the cited quote in bold. */
export function passageCard(p: SourcePassage): Record<string, unknown> {
  const title = [minutesName(p.minutes), p.minutes.meeting.date, p.item ? itemName(p.item) : null].filter(Boolean).join(" · ");
  const body = `${escapeMarkdown(p.before)}**${escapeMarkdown(p.quote)}**${escapeMarkdown(p.after)}`;
  const shown = p.before.length + p.quote.length + p.after.length;
  const elements = [md(body), ...(p.cut ? [{ tag: "div", text: { tag: "plain_text", content: FEISHU_TEXTS.cutNotice(shown, p.totalChars) } }] : [])];
  return { config: { wide_screen_mode: true }, header: { title: { tag: "plain_text", content: truncate(title, 100) }, template: "wathet" }, elements };
}

/** A short notice (refusal, rate limit, failure) as a card with one paragraph. */
export function noticeCard(text: string): Record<string, unknown> {
  return { config: { wide_screen_mode: true }, elements: [{ tag: "div", text: { tag: "plain_text", content: text } }] };
}
