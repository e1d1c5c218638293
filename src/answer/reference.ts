/**
 * The formal reference (正式引注) of a citation, in the form staff paste into
 * reports and replies: «《太仓市人民政府常务会议纪要》（第1号，2022年1月21日）
 * 第七项“审议《…》”会议强调（二）：“…”». Every surface renders references
 * through `formatReference`, so they read the same everywhere.
 */
import { numberToChinese } from "../minutes/numerals.js";
import type { Citation } from "./types.js";
import { REFERENCE_TEXT as R } from "./texts.js";

/** The citation fields a reference is made of. */
export type ReferenceData = Pick<
  Citation,
  "title" | "number" | "meetingDate" | "item" | "section" | "sectionKind" | "pointLabel" | "quote" | "page" | "record"
>;

export interface ReferenceOptions {
  /**
   * Shorten quotes longer than this many characters to their beginning and end
   * joined by «……», marked as shortened. Without it the quote is exact and whole.
   */
  maxQuoteChars?: number;
}

/** «2022-01-21» → «2022年1月21日»; «2022-01» → «2022年1月»; anything else unchanged. */
export function chineseDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${m[2] ? `${Number(m[2])}月` : ""}${m[3] ? `${Number(m[3])}日` : ""}`;
}

/** A place name ending in its level: 白河县, 柏溪市, 澄湖區 (either script). */
const PLACE = /^\p{Script=Han}{1,6}?[省市县区旗州盟镇乡縣區鎮鄉]/u;

/** «白河县» from the issuer «白河县人民政府», or from a report's headline «白河县召开…». */
function placeOf(c: ReferenceData): string | null {
  const fromIssuer = c.record.issuer ? PLACE.exec(c.record.issuer)?.[0] : undefined;
  if (fromIssuer) return fromIssuer;
  const headline = /^(.{2,12}?)召[开開]/u.exec(c.title)?.[1];
  return (headline && PLACE.exec(headline)?.[0]) ?? null;
}

/** Puts the place before a meeting written without it: «县政府第九次常务会议» of 白河县 → «白河县政府第九次常务会议». */
function withPlace(place: string | null, meeting: string): string {
  if (!place || meeting.startsWith(place)) return meeting;
  return place.endsWith(meeting[0]) ? `${place}${meeting.slice(1)}` : `${place}${meeting}`;
}

/** «白河县政府第九次常务会议»: the meeting's name as written, else composed from body, term, session and kind. */
function meetingName(c: ReferenceData): string | null {
  const { body, term, kind, session, name } = c.record;
  const composed = body && kind ? `${term ?? ""}${body}${session ? R.session(numberToChinese(session)) : ""}${kind}` : body;
  const meeting = name ?? composed;
  return meeting ? withPlace(placeOf(c), meeting) : null;
}

/**
 * The record: «《title》（第1号，2022年1月21日）» for a document titled …纪要; a news-style report,
 * or a record without such a title, is named by its meeting: «白河县政府第九次常务会议（2023年9月4日）».
 */
function recordPart(c: ReferenceData): string {
  const date = chineseDate(c.meetingDate);
  const meeting = meetingName(c);
  if (c.record.shape === "report" || !/[纪紀]要$/.test(c.title)) {
    const head = meeting ?? c.title;
    return date ? `${head}（${date}）` : head;
  }
  // The title names the place already: the meeting's name stays as written.
  const year = c.record.numberYear ?? null;
  const number = c.number === null ? null : year !== null ? R.documentNumberOfYear(year, c.number) : R.documentNumber(c.number);
  const facts = [number ?? c.record.name ?? meeting, date].filter((x): x is string => Boolean(x));
  return `《${innerTitle(c.title)}》${facts.length ? `（${facts.join(R.listSeparator)}）` : ""}`;
}

/**
 * Text set inside “…”: its own double quotes become single ones and single ones double
 * («审议《太仓市“十四五”…》» → «审议《太仓市‘十四五’…》»), as 公文 nest quotation marks.
 * One character for one, so a quote keeps its length.
 */
export function nestQuotes(text: string): string {
  return text.replace(/[“”‘’]/g, (q) => NESTED[q] ?? q);
}
const NESTED: Record<string, string> = { "“": "‘", "”": "’", "‘": "“", "’": "”" };

/** A title set inside 《…》: its own 《》 become 〈〉. */
function innerTitle(title: string): string {
  return title.replace(/[《》]/g, (b) => (b === "《" ? "〈" : "〉"));
}

/** «（二）» stays as written; «1.», «一» (of 一要…) become «第1点», «第一点». */
function pointPart(label: string): string {
  if (/^[（(].+[）)]$/.test(label)) return label;
  return `第${label.replace(/[.．、]$/, "")}点`;
}

/** What a reference says of a citation: where in the record, and the quote as it is set after it. */
interface Placed {
  location: string;
  quote: string;
}

const LABEL_PUNCTUATION = /^[：:，,、\s]+/u;

/** A heading on a line of its own. */
const LINE_END = /^[ \t]*\n/;

/** `quote` less a leading `label` and the punctuation after it, when `follows` (if given) comes next and more remains; else null. */
function stripLabel(quote: string, label: string, follows?: RegExp): string | null {
  if (!label || !quote.startsWith(label)) return null;
  const after = quote.slice(label.length);
  if (follows && !follows.test(after)) return null;
  const rest = after.replace(LABEL_PUNCTUATION, "");
  return rest ? rest : null;
}

/** «第七项», «第壹项» for a numbered item; a label that is more than a numeral («提案一», «第二案») is named as written. */
function itemPart(label: string): string {
  return /^[一二三四五六七八九十百千零〇壹贰貳叁参參肆伍陆陸柒捌玖拾佰\d]+$/u.test(label) ? R.item(label) : label;
}

/**
 * Where in the record — «第七项“审议《…》”会议强调（二）» — and the quote, saying nothing twice: a label the
 * quote opens with (the item's heading line «七、审议…», «出席：», «会议强调，», «（二）») leaves the quote, a section the quote's own
 * sentence opens with («会议听取并审议了…») leaves the location. The quote stays a verbatim substring.
 */
function placed(c: ReferenceData, quote: string): Placed {
  let q = quote;
  let location = "";
  if (c.item) {
    location += `${itemPart(c.item.label || numberToChinese(c.item.ordinal))}“${nestQuotes(c.item.title)}”`;
    if (c.item.label) q = stripLabel(q, `${c.item.label}、${c.item.title}`, LINE_END) ?? q;
  }
  if (c.sectionKind !== "item" && c.section) {
    const rest = stripLabel(q, c.section, LABEL_PUNCTUATION);
    const opensSentence = rest === null && q.startsWith(c.section) && !LABEL_PUNCTUATION.test(q.slice(c.section.length)) && q.length > c.section.length;
    if (rest !== null) q = rest;
    if (!opensSentence) location += c.section;
  }
  if (c.pointLabel) {
    location += pointPart(c.pointLabel);
    if (/^[（(]/.test(c.pointLabel)) q = stripLabel(q, c.pointLabel) ?? q;
  }
  if (c.page) location += R.page(c.page);
  return { location, quote: q };
}

/** The quote's first and last characters joined by «……», `max` characters in all (code points, never a split pair). */
function shorten(quote: string, max: number): string | null {
  const chars = Array.from(quote);
  if (chars.length <= max) return null;
  const head = Math.max(1, Math.ceil(max / 2));
  const tail = Math.max(1, max - head);
  return `${chars.slice(0, head).join("")}${R.ellipsis}${chars.slice(-tail).join("")}`;
}

/**
 * The formal reference of one citation: record, location, then the quote — verbatim and whole (less a label
 * the location names already) unless `maxQuoteChars` asks otherwise, its inner quotation marks nested.
 */
export function formatReference(c: ReferenceData, opts: ReferenceOptions = {}): string {
  const { location, quote } = placed(c, c.quote);
  const short = opts.maxQuoteChars !== undefined ? shorten(quote, opts.maxQuoteChars) : null;
  const marks = `${short !== null ? R.shortened : ""}${c.record.ocr ? R.scanned : ""}`;
  return `${recordPart(c)}${location}：“${nestQuotes(short ?? quote)}”${marks}`;
}

/**
 * References as they are copied: one alone as it is, several numbered «[n] …» in marker order
 * (a single reference pasted into a 公文 carries no marker).
 */
export function numberedReferences(refs: { n: number; reference: string }[]): string[] {
  return refs.length === 1 ? [refs[0].reference] : refs.map((r) => `[${r.n}] ${r.reference}`);
}
