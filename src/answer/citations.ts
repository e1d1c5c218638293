import type { Passage } from "../index/passages.js";
import type { Item, Minutes } from "../minutes/schema.js";
import { chineseDate, formatReference } from "./reference.js";
import type { Citation, CitedRecord } from "./types.js";

/** Page (1-based) of an offset, when the source had pages. */
export function pageOf(m: Minutes, offset: number): number | null {
  const starts = m.source.pageStarts;
  if (!starts || starts.length < 2) return null;
  let page = 1;
  for (let i = 0; i < starts.length; i++) if (starts[i] <= offset) page = i + 1;
  return page;
}

/** The meeting facts a formal reference names; fields newer record shapes add (body, kind, shape) are read when present. */
export function citedRecord(m: Minutes): CitedRecord {
  const meeting = m.meeting as Minutes["meeting"] & { body?: string | null; kind?: string | null; term?: string | null };
  const shape = (m as Minutes & { shape?: string | null }).shape;
  return {
    issuer: m.issuer ?? null,
    body: meeting.body ?? null,
    term: meeting.term ?? null,
    kind: meeting.kind ?? null,
    session: meeting.session ?? null,
    name: meeting.name ?? null,
    shape: shape ?? null,
    ocr: m.source.ocr,
    numberYear: m.number !== null ? m.year : null,
  };
}

export interface SpanContext {
  item: Item | null;
  section: string;
  sectionKind: Citation["sectionKind"];
  pointLabel?: string | null;
  score?: number;
}

/**
 * Cites [start, end) of a minutes text. The quote is always the exact
 * substring; a span outside the text is a programming error and throws.
 */
export function citeSpan(m: Minutes, start: number, end: number, ctx: SpanContext): Omit<Citation, "n"> {
  if (start < 0 || end > m.text.length || start >= end) throw new Error(`citation span ${start}-${end} is outside ${m.id}`);
  // Never cite surrounding whitespace.
  while (start < end && /\s/.test(m.text[start])) start++;
  while (end > start && /\s/.test(m.text[end - 1])) end--;
  const cited = {
    minutesId: m.id,
    title: m.title,
    number: m.number,
    meetingDate: m.meeting.date,
    item: ctx.item ? { ordinal: ctx.item.ordinal, label: ctx.item.label, title: ctx.item.title } : null,
    section: ctx.section,
    sectionKind: ctx.sectionKind,
    pointLabel: ctx.pointLabel ?? null,
    quote: m.text.slice(start, end),
    start,
    end,
    score: Math.round((ctx.score ?? 1) * 1000) / 1000,
    visibility: m.visibility,
    page: pageOf(m, start),
    record: citedRecord(m),
  };
  return { ...cited, reference: formatReference(cited) };
}

export function citePassage(m: Minutes, p: Passage, score: number): Omit<Citation, "n"> {
  const item = p.itemOrdinal ? m.items[p.itemOrdinal - 1] : null;
  return citeSpan(m, p.start, p.end, { item, section: p.section, sectionKind: p.kind, pointLabel: p.pointLabel, score });
}

/** Finds `needle` inside [from, to) of the text and cites it; null when it is not there verbatim. */
export function citeSubstring(m: Minutes, needle: string, from: number, to: number, ctx: SpanContext): Omit<Citation, "n"> | null {
  const at = m.text.slice(from, to).indexOf(needle);
  if (at < 0 || !needle) return null;
  return citeSpan(m, from + at, from + at + needle.length, ctx);
}

/** Every quote must be an exact substring at its offsets: checked before an answer leaves the engine. */
export function verifyCitation(m: Minutes | undefined, c: Citation): boolean {
  return Boolean(m && c.quote.length > 0 && m.text.slice(c.start, c.end) === c.quote);
}

/** «纪要第1号 · 2022年1月21日 · 七、审议《…》 · 会议强调», for plain-text renderings. */
export function citationLabel(c: Citation): string {
  const parts = [`${c.title}${c.number !== null ? `第${c.number}号` : ""}`];
  if (c.meetingDate) parts.push(chineseDate(c.meetingDate) ?? c.meetingDate);
  if (c.item) parts.push(`${c.item.label ? `${c.item.label}、` : ""}${c.item.title}`);
  parts.push(c.pointLabel ? `${c.section}${c.pointLabel}` : c.section);
  if (c.page) parts.push(`第${c.page}页`);
  return parts.join(" · ");
}
