import type { Minutes, SectionKind, Visibility } from "../minutes/schema.js";

/** What a passage is, for display and for the answer layer. */
export type PassageKind = SectionKind | "header" | "attendance";

/**
 * A retrievable unit that follows the parsed structure: the meeting header,
 * an attendance paragraph, a clause of an agenda item, or one point of it.
 * `start`/`end` point into the minutes' normalized text; the quote shown to
 * users is `minutes.text.slice(start, end)`.
 */
export interface Passage {
  id: string;
  minutesId: string;
  number: number | null;
  title: string;
  meetingDate: string | null;
  itemOrdinal: number | null;
  itemLabel: string | null;
  itemTitle: string | null;
  kind: PassageKind;
  /** Display name of the section: «会议强调», «列席», «会议概况». */
  section: string;
  pointLabel: string | null;
  visibility: Visibility;
  start: number;
  end: number;
  /** Heading path prepended for matching: minutes title, number, date, item title, section. */
  context: string;
}

/** Longest passage; a longer clause is cut at sentence ends. */
const MAX_PASSAGE_CHARS = 360;

const SECTION_NAMES: Record<SectionKind, string> = {
  report: "会议听取",
  opinion: "会议认为",
  decision: "会议决定",
  emphasis: "会议强调",
  instruction: "会议要求",
  other: "其他",
};

/** Cuts [start, end) at sentence ends into pieces of at most MAX_PASSAGE_CHARS. */
function splitLong(text: string, start: number, end: number): [number, number][] {
  if (end - start <= MAX_PASSAGE_CHARS) return [[start, end]];
  const out: [number, number][] = [];
  let from = start;
  while (end - from > MAX_PASSAGE_CHARS) {
    const window = text.slice(from, from + MAX_PASSAGE_CHARS);
    let cut = Math.max(window.lastIndexOf("。"), window.lastIndexOf("；"), window.lastIndexOf("\n"));
    if (cut < MAX_PASSAGE_CHARS / 3) cut = Math.max(window.lastIndexOf("，"), MAX_PASSAGE_CHARS - 1);
    out.push([from, from + cut + 1]);
    from += cut + 1;
    while (from < end && /\s/.test(text[from])) from++;
  }
  if (from < end) out.push([from, end]);
  return out;
}

/** Builds the passages of one minutes document, in text order. */
export function buildPassages(m: Minutes): Passage[] {
  const out: Passage[] = [];
  const doc = `${m.title} 第${m.number ?? "?"}号 ${m.meeting.date ?? ""}`;
  const base = {
    minutesId: m.id,
    number: m.number,
    title: m.title,
    meetingDate: m.meeting.date,
    visibility: m.visibility,
  };
  const push = (
    p: Omit<Passage, "id" | keyof typeof base | "context"> & { heading: string },
  ) => {
    for (const [start, end] of splitLong(m.text, p.start, p.end)) {
      const { heading, ...rest } = p;
      out.push({ ...base, ...rest, start, end, id: `${m.id}#${start}-${end}`, context: `${doc} ${heading}`.trim() });
    }
  };

  const meetingLine = `会议概况 ${m.meeting.name ?? ""} ${m.meeting.chair ?? ""}${m.meeting.chairRole ?? ""}主持 印发 ${m.issuedOn ?? ""}`;
  push({
    itemOrdinal: null, itemLabel: null, itemTitle: null, kind: "header", section: "会议概况", pointLabel: null,
    start: m.headerSpan.start, end: m.headerSpan.end, heading: meetingLine,
  });

  for (const item of m.items) {
    const itemHead = `${item.label ? `${item.label}、` : ""}${item.title}`;
    const itemBase = { itemOrdinal: item.ordinal, itemLabel: item.label, itemTitle: item.title };
    for (const s of item.sections) {
      const section = s.lead && s.lead !== "会议" ? s.lead : SECTION_NAMES[s.kind];
      const heading = `${itemHead} ${section}`;
      if (s.points.length === 0) {
        push({ ...itemBase, kind: s.kind, section, pointLabel: null, start: s.start, end: s.end, heading });
        continue;
      }
      const leadEnd = s.points[0].start;
      if (m.text.slice(s.start, leadEnd).replace(/^会议[\u4e00-\u9fa5]{0,4}[，,：:]?/, "").trim().length >= 8) {
        push({ ...itemBase, kind: s.kind, section, pointLabel: null, start: s.start, end: leadEnd, heading });
      }
      for (const pt of s.points) {
        push({ ...itemBase, kind: s.kind, section, pointLabel: pt.label, start: pt.start, end: pt.end, heading });
      }
    }
  }

  if (m.attendance) {
    for (const para of m.text.slice(m.attendance.start, m.attendance.end).split(/\n\n/)) {
      const at = m.text.indexOf(para, m.attendance.start);
      if (!para.trim() || at < 0) continue;
      const section = /^列席/.test(para) ? "列席" : /^出席/.test(para) ? "出席" : "出席情况";
      push({
        itemOrdinal: null, itemLabel: null, itemTitle: null, kind: "attendance", section, pointLabel: null,
        start: at, end: at + para.length, heading: `出席情况 ${section}`,
      });
    }
  }
  return out;
}

/** The exact quote of a passage. */
export function quoteOf(m: Minutes, p: { start: number; end: number }): string {
  return m.text.slice(p.start, p.end);
}
