import type { DocumentStructure } from "../minutes/document.js";
import { bodyEnd } from "../minutes/parse.js";
import type { Minutes, SectionKind, Visibility } from "../minutes/schema.js";

/**
 * What a passage is, for display and for the answer layer: a clause of an
 * agenda item, the meeting header, attendance, an article (第X条) of a
 * document, or a paragraph no structure covers (a document's, plain text's,
 * or the part of a meeting record its structure does not read).
 */
export type PassageKind = SectionKind | "header" | "attendance" | "article" | "paragraph";

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

/** Section name of a paragraph outside any heading. */
export const BODY_SECTION = "正文";

/** A document heading as it reads: «第三章 监督管理», «第十二条». */
function headingName(h: { label: string; title: string }): string {
  return [h.label, h.title].filter(Boolean).join(" ");
}

/** The heading path of each heading of a document (outermost first, by level), as matched in a passage's context. */
export function headingPaths(doc: DocumentStructure): string[] {
  const stack: { level: number; name: string }[] = [];
  return doc.headings.map((h) => {
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    stack.push({ level: h.level, name: headingName(h) });
    return stack.map((x) => x.name).join(" ");
  });
}

const ARTICLE = /^第[一二三四五六七八九十百零〇0-9]+条/;

/** Cuts [start, end) where removed text stood, trimming whitespace at the cuts: a quote never runs across a seam. */
function cutAtSeams(text: string, seams: number[], start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start;
  const close = (to: number) => {
    let a = from;
    let b = to;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a) out.push([a, b]);
  };
  for (const k of seams) {
    if (k <= from) continue;
    if (k >= end) break;
    close(k);
    from = k;
  }
  close(end);
  return out;
}

/** Spans of `text` no passage covers, within paragraphs, that hold words (not only punctuation). */
function uncovered(text: string, covered: [number, number][]): [number, number][] {
  const spans = [...covered].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  const take = (a: number, b: number) => {
    // Paragraphs are separated by blank lines; a gap between passages may cross several.
    let at = a;
    for (const para of text.slice(a, b).split("\n\n")) {
      const s = at + (para.length - para.trimStart().length);
      const e = at + para.trimEnd().length;
      if (e > s && /[\u3400-\u9fff\w]{2}/.test(text.slice(s, e))) out.push([s, e]);
      at += para.length + 2;
    }
  };
  let from = 0;
  for (const [s, e] of spans) {
    if (s > from) take(from, s);
    from = Math.max(from, e);
  }
  if (from < text.length) take(from, text.length);
  return out;
}

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

type DocHead = Pick<Minutes, "title" | "number" | "issuedOn"> & { meeting: Pick<Minutes["meeting"], "date" | "name" | "chair" | "chairRole"> };

/** The document part of every passage's heading path: «…纪要 第1号 2022-01-21». */
export function docHeading(m: Pick<Minutes, "title" | "number"> & { meeting: Pick<Minutes["meeting"], "date"> }): string {
  // A report has no number: «第?号» would only add noise to every passage's heading.
  return `${m.title}${m.number !== null ? ` 第${m.number}号` : ""} ${m.meeting.date ?? ""}`;
}

/** The heading of the meeting header passage. */
export function meetingLine(m: DocHead): string {
  return `会议概况 ${m.meeting.name ?? ""} ${m.meeting.chair ?? ""}${m.meeting.chairRole ?? ""}主持 印发 ${m.issuedOn ?? ""}`;
}

/** «七、审议《…》»: an agenda item as its heading reads. */
export function itemHeading(label: string, title: string): string {
  return `${label ? `${label}、` : ""}${title}`;
}

/**
 * The heading path a passage is matched by: document, then the meeting line, item and section, or attendance;
 * for a paragraph or article of a document, its heading path (`path`).
 */
export function passageContext(m: DocHead, kind: PassageKind, section: string, item: { label: string; title: string } | null, path?: string | null): string {
  const heading =
    kind === "header"
      ? meetingLine(m)
      : kind === "attendance"
        ? `出席情况 ${section}`
        : kind === "article" || kind === "paragraph"
          ? (path ?? section)
          : `${item ? itemHeading(item.label, item.title) : ""} ${section}`;
  return `${docHeading(m)} ${heading}`.trim();
}

/**
 * Builds the passages of one record, in text order: for a meeting, the header,
 * each clause or point of its items and the attendance; for a document, each
 * block under its headings; then every paragraph nothing above covers. No
 * passage runs across a seam.
 */
export function buildPassages(m: Minutes): Passage[] {
  const out: Passage[] = [];
  const doc = docHeading(m);
  const base = {
    minutesId: m.id,
    number: m.number,
    title: m.title,
    meetingDate: m.meeting.date,
    visibility: m.visibility,
  };
  const covered: [number, number][] = [];
  const push = (p: Omit<Passage, "id" | keyof typeof base | "context"> & { heading: string }) => {
    const { heading, ...rest } = p;
    covered.push([p.start, p.end]);
    for (const [a, b] of cutAtSeams(m.text, m.seams, p.start, p.end)) {
      for (const [start, end] of splitLong(m.text, a, b)) {
        out.push({ ...base, ...rest, start, end, id: `${m.id}#${start}-${end}`, context: `${doc} ${heading}`.trim() });
      }
    }
  };
  const none = { itemOrdinal: null, itemLabel: null, itemTitle: null, pointLabel: null };

  if (m.reading === "meeting") {
    push({ ...none, kind: "header", section: "会议概况", start: m.headerSpan.start, end: m.headerSpan.end, heading: meetingLine(m) });
  }

  for (const item of m.items) {
    const itemHead = itemHeading(item.label, item.title);
    const itemBase = { itemOrdinal: item.ordinal, itemLabel: item.label, itemTitle: item.title };
    // The heading line of an item is its title, which every passage of the item is matched by;
    // an item with nothing under it («肆、提案讨论», «陆、散会（上午11时10分）») has no such passage, so its line is one.
    const headLine = m.text.slice(item.start, item.end).split("\n\n")[0];
    if (item.sections.length > 0 && headLine.includes(item.title) && headLine.length <= itemHead.length + 2)
      covered.push([item.start, item.start + headLine.length]);
    for (const s of item.sections) {
      const section = s.lead && s.lead !== "会议" ? s.lead : SECTION_NAMES[s.kind];
      const heading = `${itemHead} ${section}`;
      if (s.points.length === 0) {
        push({ ...itemBase, kind: s.kind, section, pointLabel: null, start: s.start, end: s.end, heading });
        continue;
      }
      const leadEnd = s.points[0].start;
      if (
        m.text
          .slice(s.start, leadEnd)
          .replace(/^会议[\u4e00-\u9fa5]{0,4}[，,：:]?/, "")
          .trim().length >= 8
      ) {
        push({ ...itemBase, kind: s.kind, section, pointLabel: null, start: s.start, end: leadEnd, heading });
      } else {
        covered.push([s.start, leadEnd]);
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
      push({ ...none, kind: "attendance", section, start: at, end: at + para.length, heading: `出席情况 ${section}` });
    }
  }

  if (m.document) {
    const paths = headingPaths(m.document);
    const headings = m.document.headings;
    for (const block of m.document.blocks) {
      const nearest = block.path.length ? block.path[block.path.length - 1] : null;
      const h = nearest === null ? null : headings[nearest];
      const text = m.text.slice(block.start, block.end);
      const kind = (h && ARTICLE.test(h.label)) || ARTICLE.test(text) ? "article" : "paragraph";
      push({
        ...none,
        kind,
        section: h ? headingName(h) : BODY_SECTION,
        start: block.start,
        end: block.end,
        heading: nearest === null ? BODY_SECTION : paths[nearest],
      });
    }
  }

  // Whatever no structure reads stays searchable and quotable: the rest of a partly read record, plain text, a document's heading lines.
  // A page's publication rows after the body are answered from the record itself (src/answer/page-facts.ts), not
  // ranked: indexed, they named the place and title of every question about the page and moved every term's rarity.
  const rest = uncovered(m.text.slice(0, bodyEnd(m)), covered);
  for (const [start, end] of rest) push({ ...none, kind: "paragraph", section: BODY_SECTION, start, end, heading: BODY_SECTION });
  return rest.length && out.length ? out.sort((a, b) => a.start - b.start || a.end - b.end) : out;
}

/** The exact quote of a passage. */
export function quoteOf(m: Minutes, p: { start: number; end: number }): string {
  return m.text.slice(p.start, p.end);
}

// ---------------------------------------------------------------- columnar table

/** Kinds whose heading path is stored in the point column (they have no point label). */
const PATH_KINDS = new Set<PassageKind>(["article", "paragraph"]);

/** The heading path of a document paragraph or article: its context after the document heading. */
function pathOf(p: Passage): string {
  return p.context.slice(docHeading({ title: p.title, number: p.number, meeting: { date: p.meetingDate } }).length).trim();
}

/** Passage kinds in the order of their stored codes. */
export const PASSAGE_KINDS: PassageKind[] = [
  "header",
  "attendance",
  "report",
  "opinion",
  "decision",
  "emphasis",
  "instruction",
  "other",
  "article",
  "paragraph",
];

/** What a passage table needs to know about a document. */
export interface TableDoc extends DocHead {
  id: string;
  visibility: Visibility;
  /** Label and title of each agenda item. */
  items: [string, string][];
}

/**
 * Passages as columns (document, span, item, kind, section, point label),
 * with Passage objects made on demand: 500,000 passages take 10 MB instead of
 * hundreds, and load in milliseconds. Everything a Passage holds besides the
 * columns comes from its document.
 */
export interface PassageColumns {
  /** Index of the passage's document in the table's document list. */
  doc: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  /** Agenda item ordinal, 0 for none. */
  item: Uint16Array;
  kind: Uint8Array;
  /** Index into `strings` of the section name. */
  section: Uint16Array;
  /** Index into `strings` of the point label, 0 for none. */
  point: Uint16Array;
}

export const COLUMN_NAMES = ["doc", "start", "end", "item", "kind", "section", "point"] as const;

/** Encodes passages (of documents numbered by `docIndex`) into columns; `strings` is extended as needed (index 0 is reserved). */
export function encodePassages(passages: Passage[], docIndex: (minutesId: string) => number, strings: string[]): PassageColumns {
  const n = passages.length;
  const ids = new Map(strings.map((s, i) => [s, i]));
  const code = (s: string) => {
    let i = ids.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      ids.set(s, i);
      if (i > 0xffff) throw new Error("too many distinct section names and point labels");
    }
    return i;
  };
  if (strings.length === 0) code("");
  const c = allocColumns(n);
  passages.forEach((p, i) => {
    c.doc[i] = docIndex(p.minutesId);
    c.start[i] = p.start;
    c.end[i] = p.end;
    c.item[i] = p.itemOrdinal ?? 0;
    c.kind[i] = PASSAGE_KINDS.indexOf(p.kind);
    c.section[i] = code(p.section);
    c.point[i] = PATH_KINDS.has(p.kind) ? code(pathOf(p)) : p.pointLabel === null ? 0 : code(p.pointLabel);
  });
  return c;
}

/** Empty columns for `n` passages. */
function allocColumns(n: number): PassageColumns {
  return {
    doc: new Uint32Array(n),
    start: new Uint32Array(n),
    end: new Uint32Array(n),
    item: new Uint16Array(n),
    kind: new Uint8Array(n),
    section: new Uint16Array(n),
    point: new Uint16Array(n),
  };
}

/** Concatenates column sets, shifting document indexes by each set's document base. */
export function concatColumns(parts: { columns: PassageColumns; docBase: number }[]): PassageColumns {
  const n = parts.reduce((a, p) => a + p.columns.doc.length, 0);
  const out = allocColumns(n);
  let at = 0;
  for (const { columns, docBase } of parts) {
    for (const name of COLUMN_NAMES) (out[name] as Uint32Array).set(columns[name] as Uint32Array, at);
    if (docBase) for (let i = at; i < at + columns.doc.length; i++) out.doc[i] += docBase;
    at += columns.doc.length;
  }
  return out;
}

/** The Passage at `label`, made from the columns and its document. */
export function passageAt(c: PassageColumns, strings: string[], docs: TableDoc[], label: number): Passage {
  const m = docs[c.doc[label]];
  const ordinal = c.item[label] || null;
  const it = ordinal === null ? null : m.items[ordinal - 1];
  const kind = PASSAGE_KINDS[c.kind[label]];
  const section = strings[c.section[label]];
  const start = c.start[label];
  const end = c.end[label];
  const path = PATH_KINDS.has(kind) ? strings[c.point[label]] : null;
  return {
    minutesId: m.id,
    number: m.number,
    title: m.title,
    meetingDate: m.meeting.date,
    visibility: m.visibility,
    itemOrdinal: ordinal,
    itemLabel: it ? it[0] : null,
    itemTitle: it ? it[1] : null,
    kind,
    section,
    pointLabel: path === null && c.point[label] ? strings[c.point[label]] : null,
    start,
    end,
    id: `${m.id}#${start}-${end}`,
    context: passageContext(m, kind, section, it ? { label: it[0], title: it[1] } : null, path),
  };
}

/**
 * An array-like view of a passage table: `passages[label]`, `length`,
 * iteration and the usual array methods, with each Passage made when read.
 */
export function passageArray(c: PassageColumns, strings: string[], docs: TableDoc[]): Passage[] {
  const n = c.doc.length;
  const target: Passage[] = [];
  target.length = n;
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === "string") {
        const i = key.charCodeAt(0);
        if (i >= 48 && i <= 57) {
          const label = Number(key);
          if (Number.isInteger(label) && label < n) return passageAt(c, strings, docs, label);
        }
      }
      return Reflect.get(t, key, receiver);
    },
    has(t, key) {
      if (typeof key === "string" && /^\d+$/.test(key)) return Number(key) < n;
      return Reflect.has(t, key);
    },
    getOwnPropertyDescriptor(t, key) {
      if (typeof key === "string" && /^\d+$/.test(key) && Number(key) < n) {
        return { value: passageAt(c, strings, docs, Number(key)), writable: false, enumerable: true, configurable: true };
      }
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
    set() {
      return false;
    },
  });
}
