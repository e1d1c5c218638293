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
export type ReferenceData = Pick<Citation, "title" | "number" | "meetingDate" | "item" | "section" | "sectionKind" | "pointLabel" | "quote" | "page" | "record">;

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

/** «白河县» from «白河县人民政府», or from a report's headline «白河县召开…». */
function placeOf(c: ReferenceData): string | null {
  const issuer = c.record.issuer?.replace(/(人民政府|政府|人大常委会|人民代表大会常务委员会|政协)$/, "");
  if (issuer && /[省市县区旗州盟镇乡]$/.test(issuer)) return issuer;
  return /^(\S{2,12}?[省市县区旗州盟镇乡])召开/.exec(c.title)?.[1] ?? null;
}

/** The body with its place: «县政府» of 白河县 → «白河县政府»; a body that names its place stays as written. */
function qualifiedBody(c: ReferenceData, body: string, term: string | null): string {
  const place = placeOf(c);
  if (!place || body.startsWith(place)) return `${term ?? ""}${body}`;
  if (term) return `${place}${term}${body}`;
  return place.endsWith(body[0]) ? `${place}${body.slice(1)}` : `${place}${body}`;
}

/** «白河县政府第九次常务会议», from whatever the record states about its meeting. */
function meetingName(c: ReferenceData): string | null {
  const { body, term, kind, session, name } = c.record;
  if (body && kind) return `${qualifiedBody(c, body, term)}${session ? R.session(numberToChinese(session)) : ""}${kind}`;
  return name ?? body ?? null;
}

/** The record: «《title》（第1号，2022年1月21日）», or «meeting（date）» for a news-style report. */
function recordPart(c: ReferenceData): string {
  const date = chineseDate(c.meetingDate);
  const meeting = meetingName(c);
  if (c.record.shape === "report" || !c.title) {
    const head = meeting ?? c.title;
    return date ? `${head}（${date}）` : head;
  }
  const facts = [c.number !== null ? R.documentNumber(c.number) : (c.record.name ?? meeting), date].filter((x): x is string => Boolean(x));
  return `《${c.title}》${facts.length ? `（${facts.join(R.listSeparator)}）` : ""}`;
}

/** «（二）» stays as written; «1.», «一» (of 一要…) become «第1点», «第一点». */
function pointPart(label: string): string {
  if (/^[（(].+[）)]$/.test(label)) return label;
  return `第${label.replace(/[.．、]$/, "")}点`;
}

/** Where in the record: «第七项“审议《…》”会议强调（二）». */
function locationPart(c: ReferenceData): string {
  let out = "";
  if (c.item) out += `${R.item(c.item.label || numberToChinese(c.item.ordinal))}“${c.item.title}”`;
  if (c.sectionKind !== "item" && c.section) out += c.section;
  if (c.pointLabel) out += pointPart(c.pointLabel);
  if (c.page) out += R.page(c.page);
  return out;
}

/** The quote's first and last characters joined by «……», `max` characters in all (code points, never a split pair). */
function shorten(quote: string, max: number): string | null {
  const chars = Array.from(quote);
  if (chars.length <= max) return null;
  const head = Math.max(1, Math.ceil(max / 2));
  const tail = Math.max(1, max - head);
  return `${chars.slice(0, head).join("")}${R.ellipsis}${chars.slice(-tail).join("")}`;
}

/** The formal reference of one citation: record, location, then the quote, exact and whole unless `maxQuoteChars` asks otherwise. */
export function formatReference(c: ReferenceData, opts: ReferenceOptions = {}): string {
  const short = opts.maxQuoteChars !== undefined ? shorten(c.quote, opts.maxQuoteChars) : null;
  const marks = `${short !== null ? R.shortened : ""}${c.record.ocr ? R.scanned : ""}`;
  return `${recordPart(c)}${locationPart(c)}：“${short ?? c.quote}”${marks}`;
}
