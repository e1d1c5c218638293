/**
 * A citation's source line («纪要第N号 · date · item · section · page») as
 * styled runs of text, which each surface writes in its own markup (Telegram
 * HTML, the chat platforms' Markdown).
 */
import { chineseDate } from "../answer/reference.js";
import type { Citation } from "../answer/types.js";

export type Style = "b" | "i" | "code" | "u";

/** A run of text with at most one style. */
export interface Span {
  text: string;
  style?: Style;
}

export const span = (text: string, style?: Style): Span => (style ? { text, style } : { text });

/** «太仓市人民政府常务会议纪要第1号», or the title alone when the minutes have no number. */
export function minutesName(m: { title: string; number: number | null }): string {
  return m.number !== null ? `${m.title}第${m.number}号` : m.title;
}

export function itemName(item: { label: string; title: string }): string {
  return item.label ? `${item.label}、${item.title}` : item.title;
}

/** What a source line names: the fields of a citation or a search hit it reads. */
export type SourceFields = Pick<Citation, "title" | "number" | "meetingDate" | "item" | "section" | "pointLabel" | "page">;

/** «纪要第N号 · 2022年1月21日 · 七、审议《…》 · 会议强调（一） · 第3页» as spans (the minutes name in bold). */
export function sourceSpans(c: SourceFields): Span[] {
  const rest: string[] = [];
  if (c.meetingDate) rest.push(chineseDate(c.meetingDate) ?? c.meetingDate);
  if (c.item) rest.push(itemName(c.item));
  const section = c.pointLabel ? `${c.section}${c.pointLabel}` : c.section;
  if (section) rest.push(section);
  if (c.page) rest.push(`第${c.page}页`);
  return [span(minutesName(c), "b"), ...(rest.length ? [span(` · ${rest.join(" · ")}`)] : [])];
}
