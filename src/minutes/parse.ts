/**
 * Reads the structure of a meeting record in any of the shapes governments
 * publish: a formal 纪要 with its title, a 纪要 body without it, a list of
 * 议定事项, a news-style report of the meeting, or a 会议记录 that opens with a
 * table of fields (时间, 地点, 主席 …) and lists its proposals (提案), one or
 * several meetings a file, in simplified or traditional characters. Patterns
 * read a match view of the text (simplified, full-width punctuation, one code
 * unit for one); every offset and quote is into the record's own text.
 */
import { basename } from "node:path";
import { createHash } from "node:crypto";
import { DocumentError } from "../errors.js";
import { unfold } from "../text/script.js";
import { publicationRow, type PageFacts } from "./clutter.js";
import { amountsOf, deadlinesOf, decisionOf, decisionsOf, documentsOf, findSections, reportingUnitOf, responsibleUnitsOf, sectionKind } from "./clauses.js";
import { datesIn, firstDate, type FoundDate } from "./dates.js";
import { readDocument } from "./document.js";
import { matchView } from "./match-view.js";
import { isMojibake } from "./mojibake.js";
import { attendanceSentences, isOpeningParagraph, meetingFacts } from "./meeting.js";
import { normalizeText, ROSTER } from "./normalize.js";
import { chineseToNumber } from "./numerals.js";
import { splitRecords } from "./records.js";
import {
  type Attendance,
  type Attendee,
  type DateSource,
  type Item,
  type Minutes,
  noMeeting,
  type RecordShape,
  type Source,
  type Visibility,
} from "./schema.js";
import { fieldBlock, fieldsOfLine, openingOfFields, peopleOfField } from "./fields.js";
import { proposalsIn } from "./proposals.js";
import { findTopics } from "./topics.js";
import { recordVisibility } from "./visibility.js";

/** What the reader knows about the file the text came from. */
export interface ParseSource {
  path: string;
  sha256?: string;
  encoding?: string;
  format?: string;
  ocr?: boolean;
  /** The operator's visibility for the file's folder, used when the record carries no mark. */
  visibility?: Visibility;
  /** The date a page was published (an HTML page's 发布日期), ISO. */
  published?: string | null;
  /** The container's creation date (PDF Info, OFD DocInfo), ISO: a reprint has a later one, so it is the last resort. */
  created?: string | null;
  /** For the later records of a file of several: the file's first line («岚峰县政府常务会议汇总»), which may name the place. */
  fileTitle?: string;
}

interface Para {
  text: string;
  start: number;
  end: number;
}

/** «（2025年第14次）», «第十四次»: a session alone on a line of the head. */
const HEAD_SESSION = /^[（(]?\s*(?:\d{4}\s*年\s*)?第\s*([0-9]+|[一二三四五六七八九十百]+)\s*次\s*[)）]?$/;
const HEAD_DATE = /^[[【（(]?(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[\]】）)]?\s*/;
// Numbering past 99 («一百零一、», «一千、», «100.»): 零, 千 and 万 and more than two digits belong to the sequence.
const ITEM_HEADING = /^([一二三四五六七八九十百千万零〇]+)、(.+)$/;
/** «壹、主席致词 … 肆、提案讨论»: the parts of a 会议记录 in capital numerals (大写数字), above any 一、二、 inside them. */
const CAPITAL_HEADING = /^([壹贰叁参肆伍陆柒捌玖拾佰]+)、(.+)$/;
const CAPITAL_DIGITS: Record<string, string> = {
  壹: "一",
  贰: "二",
  叁: "三",
  参: "三",
  肆: "四",
  伍: "五",
  陆: "六",
  柒: "七",
  捌: "八",
  玖: "九",
  拾: "十",
  佰: "百",
};
const ARABIC_HEADING = /^([0-9]{1,5})[、.．](?!\d)(.+)$/;
const PAREN_HEADING = /^（([一二三四五六七八九十]+)）(.+)$/;
/** «議程四：撥款申請——…», «议题二：…»: an agenda numbered by its word, as a 區議會 or 会议记录 writes it. */
const AGENDA_HEADING = /^(?:议程|議程|议题|議題)(?:项目|項目)?([一二三四五六七八九十]{1,3}|[0-9]{1,2})\s*[：:、．.]\s*(.+)$/;
/** A unit name ends with one of these; used to split «市交运局徐勤» into unit and name. */
const UNIT_SUFFIX = /(局|委|办|心|馆|院|部|会|处|队|团|社|道|镇|区|乡|所|厅|站|行|司|组|联|大|协|城|港|署|校|室|县|科|股)$/;
/** Characters that end unit names and do not start personal names («市人社局严枫» is not «市人社» + «局严枫»). */
const NOT_A_SURNAME = /^[局委办心馆院部会处队团社道镇区乡所厅站行司组联协署校室科股]/;
const AGREED = /议定(?:如下|事项)|研究确定的(?:主要)?事项|(?:确定|明确)(?:了)?(?:以下|如下)(?:事项|意见)|经研究[，,]?(?:议定|决定|明确)如下/;
const UNTITLED = /纪要如下|现纪要|纪要于下|^(?:本期发|发|送|抄送|分送|报)[：:]/;
const CLOSING_LINE =
  /^（?(此件|本件)[^）]*）?$|^\d{4}年\d{1,2}月\d{1,2}日$|^[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$|整理$|^.{2,30}(整理|印发)\s*\d{4}年|^(抄送|抄报|发送|分送|本期发|发|送|报|主送)[：:]|^[（(【]?\s*(?:内部资料|注意保存|不予公开|主动公开|公开发布)|^.{2,30}(?:办公室|政府|局|委员会|委|办)\s*\d{4}年\d{1,2}月\d{1,2}日$|^[（(](?:编辑|责编|来源|审核|校对|记者|供稿)[：:][^）)]*[）)]$|^【(?:纠错|打印|关闭)】/;

/**
 * The meeting date from the opening paragraph. «12月18日下午» without a year
 * takes the year of a dated fact about the record (the year before when the
 * month is later): the issue date, the page's publication date, the file name.
 */
function resolveDate(
  d: ReturnType<typeof meetingFacts>["dateMatch"],
  hints: { at: string | null; source: DateSource }[],
): { date: string | null; source: DateSource | null } {
  if (!d) return { date: null, source: null };
  const iso = (y: number) => `${y}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
  if (d.year !== null) return { date: iso(d.year), source: "text" };
  for (const h of hints) {
    if (!h.at) continue;
    const y = Number(h.at.slice(0, 4));
    const m = h.at.length >= 7 ? Number(h.at.slice(5, 7)) : null;
    return { date: iso(m !== null && d.month > m ? y - 1 : y), source: h.source };
  }
  return { date: null, source: null };
}

function isoDate(m: RegExpMatchArray | null): string | null {
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
}

/** Splits «市交运局徐勤» into unit and name; names are 2–3 characters. */
export function splitUnitAndName(entry: string): Attendee | null {
  for (const len of [3, 2, 4]) {
    if (entry.length <= len) continue;
    const unit = entry.slice(0, -len);
    const name = entry.slice(-len);
    if (UNIT_SUFFIX.test(unit) && unit.length >= 2 && !NOT_A_SURNAME.test(name)) return { unit, name };
  }
  return null;
}

/** The fields of a block that name who came or did not. */
const ROSTER_FIELDS = new Set(["出席", "列席", "缺席", "请假", "参加", "参会"]);

/** «主持：严启明（副市长）» on a line of its own. */
const CHAIR_LINE = /^主持(?:人)?\s*[：:]/;

function parseAttendance(paras: Para[]): Attendance | null {
  const present: string[] = [];
  const attending: Attendee[] = [];
  const other: string[] = [];
  if (paras.length === 0) return null;
  // «出席：戴永庆» and «参加：周庆华（市商务局）…» on lines the normalizer joined are two lines.
  const lines = paras.flatMap((p) =>
    p.text.split(/(?<=\S)(?=(?:出席|列席|请假|缺席|记录|参加|参会|主持)(?:人员|单位|领导|人)?[：:])/).map((text) => ({ ...p, text })),
  );
  for (const p of lines) {
    const m = /^(出席|列席|请假|缺席|记录|参加|参会|与会|主持)(?:人员|单位|领导|者|人)?[：:]\s*(.*)$/.exec(p.text);
    const body = (m ? m[2] : p.text).replace(/[。.]$/, "");
    if (m?.[1] === "出席" || m?.[1] === "参加" || m?.[1] === "参会" || m?.[1] === "与会") {
      // «骆　芸»: a two-character name padded to the width of three is one person.
      present.push(...peopleOfField(body));
    } else if (m?.[1] === "列席" && unitsOnly(body)) {
      // «列席：市政府办公室、市住建局、…负责同志»: units without names are no unit–name pairs.
      other.push(`列席：${body}`);
    } else if (m?.[1] === "列席") {
      for (const entry of body
        .split(/[，,；;]/)
        .map((e) => e.trim())
        .filter(Boolean)) {
        const [first, ...more] = entry.split("、");
        const head = splitUnitAndName(first);
        if (!head) {
          other.push(entry);
          continue;
        }
        attending.push(head);
        for (const name of more) if (name.trim()) attending.push({ unit: head.unit, name: name.trim() });
      }
    } else if (m) {
      other.push(`${m[1]}：${body}`);
    } else {
      other.push(body);
    }
  }
  return { present, attending, other, start: paras[0].start, end: paras[paras.length - 1].end };
}

/** A list of units only: every entry ends like a body («…局», «…办公室», «…管委会», «…负责同志»). */
function unitsOnly(body: string): boolean {
  const entries = body.split(/[、，,；;\s]+/).filter(Boolean);
  return (
    entries.length > 0 &&
    entries.every((e) => /(?:局|委|办|室|厅|会|院|所|中心|集团|公司|政府|部|处|科|队|站|办公室|管委会|负责同志|负责人|代表|同志)$/.test(e))
  );
}

function issuerAndKind(title: string): { issuer: string | null; kind: string } {
  const m = /^(.*?)((?:常务|办公|专题|工作|联席|协调|现场|全体|主任|主席|党组|局长办公|局务|推进|协调推进)?会议纪要|纪要)$/.exec(title);
  if (!m) return { issuer: null, kind: "会议纪要" };
  return { issuer: m[1] || null, kind: m[2] };
}

/** The place and body a report names: «白河县政府», «青州市人民政府», «云山区人大常委会». */
function issuerIn(s: string): string | null {
  const m =
    /^(?:[[【(（]?\d{4}-\d{2}-\d{2}[\]】)）]?\s*)?([\u4e00-\u9fa5]{2,6}?(?:省|市|县|区|州|旗|盟|镇|乡))(人民政府|政府|人大常委会|政协|委员会|议会)/.exec(s);
  if (!m || /主持|召开|召集|举行|会议/.test(m[1])) return null;
  return m[1] + m[2];
}

/** The place a headline or page title starts with: «栖云县召开…», «澄湖区政协…», «椿林市住建局…». */
function placeIn(s: string): string | null {
  const m =
    /^(?:[[【(（]?\d{4}-\d{2}-\d{2}[\]】)）]?\s*)?([\u4e00-\u9fa5]{2,6}?(?:省|市|县|区|州|旗|盟))(?=召开|举行|人民政府|政府|人大|政协|委员会|[\u4e00-\u9fa5]{0,6}(?:局|委|办|厅)|[\u4e00-\u9fa5]{0,8}会议)/.exec(
      s,
    );
  return m && !/主持|召开|召集|举行|会议/.test(m[1]) ? m[1] : null;
}

/**
 * «市政府召开第四十七次常务会议» on a page that names no place: the documents the meeting passes do
 * («审议…《澄屿市既有住宅加装电梯实施办法》»). The place most of them start with, at the level of the body
 * that met (a 市政府 is a 市), or null; a 县's meeting reading a 市's document names no place of its own.
 */
export function placeOfDocuments(text: string, body: string | null): string | null {
  const level = body ? /^(省|市|县|区|州|旗|盟|镇|乡)/.exec(body)?.[1] : undefined;
  if (!level) return null;
  const count = new Map<string, number>();
  for (const m of text.matchAll(/《([\u4e00-\u9fa5]{2,4}?)(省|市|县|区|州|旗|盟|镇|乡)[^《》]{2,}》/g)) {
    if (m[2] !== level || /[市县区省]/.test(m[1])) continue;
    count.set(m[1] + m[2], (count.get(m[1] + m[2]) ?? 0) + 1);
  }
  const best = [...count].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : null;
}

/** «县政府» of «栖云县» → «栖云县政府»: the body named with its place. */
function withPlace(body: string | null, place: string | null): string | null {
  if (!place) return body;
  if (!body) return null;
  if (body.startsWith(place)) return body;
  return place + (body.startsWith(place.slice(-1)) ? body.slice(1) : body);
}

function shortHash(s: string, n = 6): string {
  return createHash("sha256").update(s).digest("hex").slice(0, n);
}

/** A meeting record's opening stands among its first paragraphs (title block, number, date, marks, a headline, a summary). */
const MAX_OPENING_PARA = 12;

/** Share of Latin letters, backticks and markup characters among the non-space characters of `s`. */
function latinShare(s: string): number {
  const chars = s.replace(/\s/g, "");
  return chars.length ? (chars.match(/[A-Za-z`#*<>_[\]()/]/g)?.length ?? 0) / chars.length : 0;
}

/** The text records no meeting: it is read as a document or plain text instead (`why` goes into readingWhy). */
class NotAMeeting extends Error {}

/** Numbered headings in sequence (一、 or, without those, 1、/1. or （一）): the agenda items. */
function numberedHeadings(
  paras: Para[],
  from: number,
  to: number,
  strict: boolean,
): { idx: number; ordinal: number; label: string; title: string; titleEnd: number }[] {
  // A formal 纪要 numbers its items 一、 (its points 1. inside them), or, having no 一、, 1. («1. 关于防暑降温…。会议要求…»).
  const styles = strict
    ? [AGENDA_HEADING, CAPITAL_HEADING, ITEM_HEADING, ARABIC_HEADING]
    : [AGENDA_HEADING, CAPITAL_HEADING, ITEM_HEADING, ARABIC_HEADING, PAREN_HEADING];
  for (const re of styles) {
    const found: { idx: number; ordinal: number; label: string; title: string; titleEnd: number }[] = [];
    for (let i = from; i < to; i++) {
      const m = re.exec(paras[i].text);
      if (!m) continue;
      const ordinal = re === ARABIC_HEADING ? Number(m[1]) : chineseToNumber(re === CAPITAL_HEADING ? [...m[1]].map((c) => CAPITAL_DIGITS[c]).join("") : m[1]);
      if (ordinal !== found.length + 1) continue;
      const rest = m[2];
      const headingOnly = !/。$/.test(rest) && rest.length <= 120;
      // «二、夏季秸秆禁烧。会议要求…»: a short title closed by 。 with the item's text after it on the same line.
      const inline = /^([^，。；：、]{2,20})。(?=.)/.exec(rest);
      if (headingOnly) {
        found.push({ idx: i, ordinal, label: m[1], title: rest.trim(), titleEnd: paras[i].end });
      } else if (inline) {
        found.push({
          idx: i,
          ordinal,
          label: m[1],
          title: inline[1].trim(),
          titleEnd: paras[i].start + (paras[i].text.length - rest.length) + inline[0].length,
        });
      } else if (!strict) {
        // «1. 县林业局要于…»: a matter without a heading; its first clause names it and the whole paragraph is its text.
        const cut = /[。：；，]/.exec(rest);
        const head = cut && cut.index <= 40 ? rest.slice(0, cut.index) : rest.slice(0, Math.min(rest.length, 30));
        const titleEnd = paras[i].start + (paras[i].text.length - rest.length);
        found.push({ idx: i, ordinal, label: m[1], title: head.trim(), titleEnd });
      }
    }
    if (found.length >= (re === ITEM_HEADING || re === CAPITAL_HEADING || re === AGENDA_HEADING ? 1 : 2)) return found;
  }
  return [];
}

/** Where an item starts: its paragraph, label, title and where its body starts. */
interface ItemMark {
  idx: number;
  label: string;
  title: string;
  titleEnd: number;
}

/**
 * The items of a body: its numbered headings and, in a 会议记录, its proposals
 * (提案一 …), each an item of its own; a heading over proposals («肆、提案讨论»)
 * keeps what stands before the first of them.
 */
function itemMarks(paras: Para[], from: number, to: number, strict: boolean, byFields: boolean): ItemMark[] {
  const headings = numberedHeadings(paras, from, to, strict);
  if (!byFields) return headings;
  const proposals = proposalsIn(paras, from, to, new Set(headings.map((h) => h.idx))).map((p) => ({
    idx: p.idx,
    label: p.label,
    title: p.title,
    titleEnd: p.bodyStart,
  }));
  if (proposals.length === 0) return headings;
  const taken = new Set(proposals.map((p) => p.idx));
  return [...headings.filter((h) => !taken.has(h.idx)), ...proposals].sort((a, b) => a.idx - b.idx);
}

/** One record's normalized text with its paragraphs, pages and seams, and what is known of its file. */
interface RecordText {
  text: string;
  paraSpans: { start: number; end: number }[];
  pageStarts: number[];
  seams: number[];
  page: PageFacts;
  source: ParseSource;
  raw: string;
  part?: { part: number; parts: number };
}

/** Parses one record (one meeting) whose normalized text is `text`; throws NotAMeeting when it records none. */
function parseMeeting(r: RecordText): Minutes {
  const { text, paraSpans, page, source, raw, part } = r;
  const view = matchView(text);
  const paras: Para[] = paraSpans.map((p) => ({ ...p, text: view.slice(p.start, p.end) }));

  if (paras.filter((p) => /^第[一二三四五六七八九十百]+条/.test(p.text)).length >= 2) {
    throw new NotAMeeting("a set of rules (第…条), not the record of a meeting");
  }
  const sentenceIdx = paras.findIndex((p) => isOpeningParagraph(p.text));
  // «会议时间：… 主持人：… 参加人员：…»: a table of fields opens the record instead of a sentence.
  const block = fieldBlock(paras);
  const byFields = block !== null && (sentenceIdx < 0 || sentenceIdx > block.from);
  const openingIdx = byFields ? block.to : sentenceIdx;
  if (openingIdx < 0) throw new NotAMeeting("no sentence saying a meeting was held (…主持召开…会议, date and chair)");
  // A record states its meeting in its first lines, in Chinese sentences: a README or a story naming a meeting further down is none.
  const openingAt = byFields ? block.from : openingIdx;
  if (openingAt >= MAX_OPENING_PARA) throw new NotAMeeting(`the first sentence about a meeting is paragraph ${openingAt + 1}, not among the first lines`);
  if (!byFields && latinShare(paras[openingIdx].text) > 0.25)
    throw new NotAMeeting("the sentence about a meeting is not Chinese prose (code, markup or English)");
  const headerParas = paras.slice(0, byFields ? block.from : openingIdx);
  const titlePara =
    headerParas.find((p) => /纪要/.test(p.text) && p.text.length <= 40) ?? paras.slice(0, 6).find((p) => /纪要$/.test(p.text) && p.text.length <= 40);
  const formal = !!titlePara;

  // «青禾县人民政府» / «办公会议纪要» on two lines is one title.
  let title = "";
  let issuer: string | null = null;
  let kind = "";
  if (titlePara) {
    const ti = paras.indexOf(titlePara);
    title =
      ti > 0 && /^[\u4e00-\u9fa5]{0,6}会议纪要$/.test(titlePara.text) && /(政府|委员会|办公室|人民政府)$/.test(paras[ti - 1].text)
        ? paras[ti - 1].text + titlePara.text
        : titlePara.text;
    // «蓮峽區議會» / «交通及運輸委員會» over «二〇二五年第三次會議紀要»: a title naming only its session is the body's above it.
    if (/^(?:[〇零一二三四五六七八九十]{4}年|\d{4}年|第)/.test(title)) {
      const above: string[] = [];
      for (let j = ti - 1; j >= 0 && above.length < 2 && /^[\u4e00-\u9fa5]{2,20}$/.test(paras[j].text); j--) above.unshift(paras[j].text);
      if (above.length) title = [...above, title].join(" ");
    }
    ({ issuer, kind } = issuerAndKind(title));
    // «县政府第二十六次常务会议纪要» under «栗坞县人民政府办公室文件»: the session is no part of the issuer, and the
    // issuing office's header names the place the title leaves out.
    issuer = issuer?.replace(/\s*(?:(?:[〇零一二三四五六七八九十]{4}|\d{4})年度?)?第[0-9一二三四五六七八九十百]+次$/, "").trim() || null;
    const level = issuer && /^(?:市|县|区|镇|乡)/.exec(issuer)?.[0];
    if (issuer && level) {
      const place = paras
        .slice(0, paras.indexOf(titlePara) + 1)
        .map((p) => placeIn(p.text))
        .find((x) => x?.endsWith(level));
      if (place) issuer = withPlace(issuer, place);
    }
  }
  const headerText = headerParas.map((p) => p.text).join("\n");
  const numMatch =
    /[【〔[]\s*(\d{4})\s*[】〕\]]\s*第?\s*(\d+)\s*号/.exec(headerText) ??
    /第([0-9]+|[一二三四五六七八九十百]+)号/.exec(headerText) ??
    /〔(\d{4})〕(\d+)号/.exec(headerText);
  const number = numMatch ? (numMatch.length === 3 ? Number(numMatch[2]) : chineseToNumber(numMatch[1])) : null;
  const headerDates = headerParas.map((p) => firstDate(p.text)).filter((m): m is FoundDate => !!m);

  // The opening paragraph ends where the first topic or statement begins (a report writes them into one paragraph).
  const openingPara = paras[openingIdx];
  const first = byFields ? undefined : findSections(view, openingPara.start, openingPara.end).find((s, i) => i > 0 || s.lead !== null);
  // «…会议研究了…等事项。现纪要如下：» is all opening.
  const openingEnd =
    first && first.lead !== null && first.start > openingPara.start && !/(?:纪要|议定|事项)如下[：:]?\s*$/.test(openingPara.text)
      ? first.start
      : openingPara.end;
  const openingStart = byFields ? paras[block.from].start : openingPara.start;
  const opening = { start: openingStart, end: trimEnd(view, openingStart, openingEnd), text: "" };
  opening.text = view.slice(opening.start, opening.end);
  const fieldTitle = headerParas.find((p) => /纪要|会议/.test(p.text) && p.text.length <= 40)?.text ?? "";
  const facts = meetingFacts(
    byFields ? openingOfFields(block, block.fields.get("名称") ?? (fieldTitle.replace(/(?:纪要|记录|纪录)$/, "") || "会议")) : opening.text,
  );
  // «（2025年第14次）» alone under the title of a 区长办公会议纪要: the session, where the opening does not number it.
  if (facts.session === null) {
    const line = headerParas.map((p) => HEAD_SESSION.exec(p.text.trim())).find((m) => m);
    if (line) facts.session = chineseToNumber(line[1]);
  }
  const sentenceAttendance = byFields
    ? {
        present: [block.fields.get("出席"), block.fields.get("参加"), block.fields.get("参会")].filter((x): x is string => !!x).flatMap(peopleOfField),
        attending: peopleOfField(block.fields.get("列席") ?? ""),
      }
    : attendanceSentences(opening.text);

  // The body ends where attendance or the closing (整理, dates, distribution, publication mark) begins.
  let bodyEnd = paras.length;
  // «出席者：» over several lines before «議程一：…» (a 區議會 紀錄): a roster in the header, not where the body ends.
  const firstHeading = numberedHeadings(paras, openingIdx + 1, paras.length, false)[0]?.idx ?? -1;
  let headerRoster = -1;
  for (let i = openingIdx + 1; i < paras.length; i++) {
    // «主持：严启明（副市长）» heading the roster after the items (a 纪要 that names its chair only there).
    const chairAbove = CHAIR_LINE.test(paras[i].text) && ROSTER.test(paras.slice(i + 1).find((p) => p.text.length > 0)?.text ?? "");
    if (ROSTER.test(paras[i].text) || chairAbove) {
      if (i < firstHeading) {
        if (headerRoster < 0) headerRoster = i;
        continue;
      }
      bodyEnd = i;
      break;
    }
  }
  let closingStart = paras.length;
  for (let i = paras.length - 1; i > openingIdx; i--) {
    const t = paras[i].text;
    if (CLOSING_LINE.test(t) || (i >= paras.length - 3 && t.length <= 30 && /(?:办公室|政府|局|委员会|委|办)$/.test(t) && !/[。，]/.test(t))) {
      closingStart = i;
    } else break;
  }
  bodyEnd = Math.min(bodyEnd, closingStart);
  // «县政府办、县发改局…负责同志列席会议。» standing alone among the topics is attendance, not a topic.
  // «主席歡迎各委員及部門代表出席會議» welcomes whoever came: it names no one.
  const attendanceLine = (t: string) => /^[^。；]{2,300}(?:出席|列席|参加)(?:了)?(?:会议|本次会议)。?$/.test(t) && !/^会议|欢迎/.test(t);
  const trailing = paras.slice(openingIdx + 1, bodyEnd).filter((x) => attendanceLine(x.text));
  for (const p of trailing) {
    const more = attendanceSentences(p.text);
    sentenceAttendance.present.push(...more.present);
    sentenceAttendance.attending.push(...more.attending);
  }
  const attendanceParas = paras.slice(bodyEnd, closingStart).filter((p) => p.text.length > 0);
  const blockAttendance =
    parseAttendance(attendanceParas.filter((p, i) => i > 0 || ROSTER.test(p.text) || CHAIR_LINE.test(p.text))) ??
    (headerRoster >= 0 ? parseAttendance(paras.slice(headerRoster, firstHeading).filter((p) => p.text.length > 0)) : null);
  let attendance = blockAttendance;
  // «出席者» / «缺席者» / «列席者» over their people in the field block (a 區議會 會議紀要): the roster is those lines.
  const fieldRows = byFields && block ? paras.slice(block.from, block.to + 1) : [];
  const rosterRow = fieldRows.findIndex((p) => fieldsOfLine(p.text).some(([k]) => ROSTER_FIELDS.has(k)));
  if (!attendance && (sentenceAttendance.present.length > 0 || sentenceAttendance.attending.length > 0)) {
    const absent = byFields && block ? ["缺席", "请假"].flatMap((k) => peopleOfField(block.fields.get(k) ?? "").map((x) => `${k}：${x}`)) : [];
    attendance = {
      present: sentenceAttendance.present,
      attending: [],
      other: [...sentenceAttendance.attending.map((a) => `列席：${a}`), ...absent],
      // The opening is the header passage already; a closing attendance paragraph is one of its own.
      ...(rosterRow >= 0 && !trailing.length
        ? { start: fieldRows[rosterRow].start, end: fieldRows[fieldRows.length - 1].end }
        : trailing.length
          ? { start: trailing[trailing.length - 1].start, end: trailing[trailing.length - 1].end }
          : { start: opening.start, end: opening.end }),
    };
  }

  const closingText = paras
    .slice(closingStart)
    .map((p) => p.text)
    .join("\n");
  const compiled = /(.{2,30}?)\s*整理\s*\n?\s*(\d{4}年\d{1,2}月\d{1,2}日)?/.exec(closingText);
  // A 会议记录 names who kept it in its fields (记录人, 纪录): the one who compiled the record.
  const compiledBy = compiled ? compiled[1].trim() : byFields ? (block.fields.get("记录") ?? null) || null : null;
  const compiledOn = compiled ? isoDate(firstDate(closingText.slice(compiled.index))) : null;
  const closingDates = datesIn(closingText);
  // The issue date heads a formal 纪要; other records (and a formal one whose header has none) sign it at the end.
  const issuedOn = isoDate(headerDates[headerDates.length - 1] ?? null) ?? isoDate(closingDates[closingDates.length - 1] ?? null);

  const bodyParas = paras.slice(openingIdx + 1, bodyEnd).filter((p) => !attendanceLine(p.text));
  const shapeText = [opening.text, view.slice(openingEnd, openingPara.end), bodyParas[0]?.text ?? ""].join("\n");
  const shape: RecordShape = AGREED.test(shapeText)
    ? "agreed"
    : formal
      ? "formal"
      : byFields
        ? "fields"
        : UNTITLED.test(opening.text) || paras.slice(closingStart).some((p) => UNTITLED.test(p.text))
          ? "untitled"
          : "report";

  // A chair named only on the roster after the items («主持：严启明（副市长）»).
  const chairEntry = facts.chair ? undefined : attendance?.other.find((o) => o.startsWith("主持："));
  if (chairEntry) {
    const named = /^主持：\s*([\u4e00-\u9fa5]{2,4}?)\s*(?:[（(]([^）)]{1,12})[）)])?$/.exec(chairEntry.replace(/[。.]$/, ""));
    if (named) Object.assign(facts, { chair: named[1], chairRole: named[2] ?? facts.chairRole });
  }
  const known = [
    facts.chair,
    ...(attendance?.present ?? []).map((p) =>
      p
        .replace(/[（(][^）)]*[）)]$/, "")
        .replace(/^.*[\s\u3000]/, "")
        .replace(/^.*?(?:长|主任|主席|书记|委员|秘书长)/, ""),
    ),
  ].filter((x): x is string => !!x && x.length >= 2 && x.length <= 3);

  const items: Item[] = [];
  const buildItem = (ordinal: number, label: string, heading: string, headStart: number, bodyStart: number, end: number): Item => {
    const sections = findSections(view, bodyStart, end, known, byFields);
    // In a list of 议定事项 the matters agreed are the meeting's decisions, with or without «会议».
    if (shape === "agreed") for (const s of sections) if (s.kind === "other" && s.lead === null) Object.assign(s, { kind: "decision", speaker: "会议" });
    const report = sections.find((s) => s.kind === "report")?.text ?? "";
    const opener = sections.find((s) => s.lead !== null)?.text ?? "";
    let { decision, followUp } = decisionOf(sections, view.slice(bodyStart, end));
    const agreed = shape === "agreed" ? sections.filter((s) => s.kind === "decision" && s.lead === null) : [];
    if (!decision && agreed.length > 0) decision = /^[^。；]+/.exec(agreed[0].text)?.[0] ?? null;
    const itemText = view.slice(headStart, end);
    return {
      ordinal,
      label,
      title: heading,
      // Each case's 案由 names what it decides on (a 市務會議 discussing three cases under one heading).
      documents: documentsOf(
        [
          shape === "formal" ? `${heading}\n${report}` : `${heading}\n${report}\n${opener}`,
          ...sections.filter((s) => s.lead === "案由").map((s) => s.text),
        ].join("\n"),
      ),
      reportingUnit: reportingUnitOf(report),
      decision,
      decisions: [...new Set([...decisionsOf(sections, decision), ...agreed.flatMap((s) => (s.points.length ? s.points.map((p) => p.text) : [s.text]))])],
      followUp,
      responsibleUnits: responsibleUnitsOf(itemText),
      deadlines: deadlinesOf(itemText),
      amounts: amountsOf(itemText),
      sections,
      text: itemText,
      start: headStart,
      end,
    };
  };
  const marks = itemMarks(paras, openingIdx + 1, bodyEnd, shape === "formal", byFields);
  marks.forEach((h, i) => {
    const endPara = i + 1 < marks.length ? marks[i + 1].idx - 1 : bodyEnd - 1;
    const end = paras[Math.max(h.idx, endPara)].end;
    items.push(buildItem(i + 1, h.label, h.title, paras[h.idx].start, h.titleEnd, end));
  });
  const blocks = [
    ...(openingEnd < openingPara.end ? [{ start: openingEnd, end: openingPara.end }] : []),
    ...bodyParas.map((p) => ({ start: p.start, end: p.end })),
  ];
  if (items.length === 0 && blocks.length > 0) {
    if (shape === "formal") {
      // Minutes without numbered items (common for 专题会议): the body is one implicit item.
      const start = blocks[0].start;
      const end = blocks[blocks.length - 1].end;
      const topic = /(?:专题)?研究(?:了)?([^，。；]{2,40})/.exec(opening.text)?.[1] ?? facts.name ?? "会议内容";
      items.push(buildItem(1, "", topic, start, start, end));
    } else {
      findTopics(view, blocks, known, opening.text).forEach((t, i) => items.push(buildItem(i + 1, "", t.title, t.start, t.start, t.end)));
    }
    // A 会议记录 without numbered parts or topics: its body is one item of the meeting.
    if (items.length === 0 && byFields) items.push(buildItem(1, "", facts.name ?? "会议内容", blocks[0].start, blocks[0].start, blocks[blocks.length - 1].end));
  }
  // «会议…提出贯彻意见：» / «…明确如下：» above numbered points: the points are the meeting's statements of that kind.
  const intro = items.length ? /(提出|明确|议定|部署|要求|强调)[^。：:]{0,12}[：:]\s*$/.exec(view.slice(opening.start, items[0].start)) : null;
  if (intro) {
    const kind = sectionKind(intro[1]);
    for (const it of items) for (const s of it.sections) if (s.kind === "other" && s.lead === null) Object.assign(s, { kind, speaker: "会议" });
  }
  // A table of fields with a date and a chair or attendance is a meeting whatever its body says.
  if (items.length === 0 || (!byFields && !items.some((it) => it.sections.some((s) => s.kind !== "other")))) {
    throw new NotAMeeting("no agenda items, decisions or statements («会议…», «…强调») found");
  }

  if (!formal) {
    const lines = [...headerParas].reverse().filter((p) => p.text.length <= 60 && !/[。；]/.test(p.text) && !/^\d{4}年\d{1,2}月\d{1,2}日$/.test(p.text));
    // A subtitle under the headline («表决通过…条例　决定任免…») names no meeting; the headline above it does.
    const headline = lines.find((p) => /会议|会$|召开|举行|闭幕|开幕/.test(p.text)) ?? lines[0];
    kind = facts.kind ?? "会议";
    const place =
      placeIn(headline?.text ?? "") ??
      placeIn(paras[0].text) ??
      placeIn(source.fileTitle ?? "") ??
      placeIn(page.publisher ?? "") ??
      placeOfDocuments(view.slice(opening.start), facts.body);
    issuer = issuerIn(headline?.text ?? "") ?? issuerIn(paras[0].text) ?? withPlace(facts.body, place) ?? place;
    title = headline?.text.replace(HEAD_DATE, "").trim() || facts.name || `${issuer ?? ""}${kind}`;
    // «北嶼區議會» over «第八次會議紀錄»: the body on the line above a title that names only the session.
    if (/^第/.test(title) && headline !== paras[0] && issuerIn(paras[0].text) === paras[0].text) title = `${paras[0].text} ${title}`;
  }
  // A column page dates each report in its headline: «[2024-05-21] 区政府召开…».
  const headerIso = (() => {
    const d = headerParas.map((p) => HEAD_DATE.exec(p.text)).find((x) => x);
    return d ? `${d[1]}-${d[2].padStart(2, "0")}-${d[3].padStart(2, "0")}` : null;
  })();
  const fileDate = /(20\d{2}|19\d{2})[-_.年]?(\d{2})?[-_.月]?(\d{2})?/.exec(basename(source.path));
  const docYears = [...new Set([...view.matchAll(/《[^《》]{0,12}?(\d{4})年|[〔［[【](\d{4})[〕］\]】]\s*\d+\s*号/g)].map((m) => m[1] ?? m[2]))];
  const when = resolveDate(facts.dateMatch, [
    { at: issuedOn, source: "issued" },
    { at: page.published ?? source.published ?? headerIso ?? null, source: "metadata" },
    { at: docYears.length === 1 ? docYears[0] : null, source: "document" },
    { at: fileDate ? `${fileDate[1]}${fileDate[2] ? `-${fileDate[2]}` : ""}` : null, source: "filename" },
    { at: source.created ?? null, source: "metadata" },
  ]);

  const visibility = recordVisibility({
    marks: formal ? [closingText, headerText].join("\n") : "",
    lines: formal ? [] : paras.filter((p) => p.text.length <= 40).map((p) => p.text),
    page,
    operator: source.visibility,
  });

  const year = issuedOn ? Number(issuedOn.slice(0, 4)) : when.date ? Number(when.date.slice(0, 4)) : null;
  const sha256 = source.sha256 ?? createHash("sha256").update(raw).digest("hex");
  const id =
    formal && number !== null && year !== null
      ? `${shortHash(`${issuer ?? ""}|${kind}`)}-${year}-${String(number).padStart(3, "0")}`
      : `${shortHash(`${issuer ?? ""}|${kind}`)}-${shortHash(part ? `${sha256}#${part.part}` : sha256, 10)}`;

  const src = sourceOf(r, sha256);

  const readingWhy = [
    ...(formal ? [`title «${title}»`] : []),
    byFields ? "a table of meeting fields (会议时间, 主持人 …)" : `opening «${clip(opening.text, 40)}»`,
    `${items.length} ${items.length === 1 ? "topic" : "topics"}, ${items.reduce((n, it) => n + it.sections.filter((s) => s.lead !== null).length, 0)} statements`,
  ];
  const minutes: Minutes = {
    id,
    reading: "meeting",
    readingWhy,
    shape,
    title,
    kind,
    issuer,
    number,
    year,
    issuedOn,
    compiledBy,
    compiledOn,
    meeting: {
      date: when.date,
      dateText: facts.dateMatch ? facts.dateMatch.text + (facts.period ?? "") : null,
      dateSource: when.source,
      period: facts.period,
      chair: facts.chair,
      chairRole: facts.chairRole,
      session: facts.session,
      term: facts.term,
      name: facts.name,
      body: facts.body ?? (formal ? null : issuer),
      kind: facts.kind,
    },
    visibility,
    summary: opening.text,
    summarySpan: { start: opening.start, end: opening.end },
    headerSpan: { start: paras[0].start, end: opening.end },
    items,
    attendance,
    document: null,
    text: view,
    seams: r.seams,
    source: src,
  };
  // The record is built to MinutesSchema's shape and key order (tests check every fixture against the
  // schema); validating it again here cost a fifth of parse time, measured on the generated corpus.
  return view === text ? minutes : inOriginalScript(minutes, view, text);
}

/** The first `n` characters of `s`, with «…» when cut. */
function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n)}…`;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/**
 * Puts a record parsed on its match view back into its own characters: every
 * span's text is re-sliced from the original, every other string found in the
 * view is mapped back by position.
 */
function inOriginalScript(m: Minutes, view: string, text: string): Minutes {
  // A string composed from pieces («《A》、《B》», «列席：…») maps back piece by piece.
  const back = (x: string) => {
    const whole = unfold(x, view, text);
    return whole !== x || view.includes(x) ? whole : x.replace(/[\u3400-\u9fff]{2,}/g, (run) => unfold(run, view, text));
  };
  const walk = (x: unknown): unknown => {
    if (typeof x === "string") return back(x);
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === "object") {
      const o = x as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(o))
        out[k] = k === "source" || k === "text" || k === "id" || k === "shape" || k === "reading" || k === "readingWhy" || k === "seams" ? v : walk(v);
      if (typeof o.start === "number" && typeof o.end === "number" && typeof o.text === "string") out.text = text.slice(o.start, o.end);
      return out;
    }
    return x;
  };
  const out = walk(m) as Minutes;
  out.text = text;
  out.summary = text.slice(m.summarySpan.start, m.summarySpan.end);
  return out;
}

/**
 * A text that records no meeting, read as a document (when readDocument finds
 * its structure) or as plain text: every paragraph stays searchable.
 */
function readAsText(r: RecordText, why: string): Minutes {
  const { text, paraSpans, page, source, raw, part } = r;
  const published = page.published ?? source.published ?? null;
  const document = readDocument(text, { fileTitle: source.fileTitle ?? null, published });
  const firstPara = paraSpans[0];
  const firstLine = text.slice(firstPara.start, firstPara.end);
  // The title is the document's, else the first line up to its first sentence end.
  const title = document?.title ?? clip(/^[^。！？!?]{1,60}[。！？!?]?/.exec(firstLine)?.[0] ?? firstLine, 60);
  const kind = document?.kind ?? (document ? "文件" : "文本");
  const issuer = document?.issuer ?? null;
  const date = document?.date ?? null;
  const sha256 = source.sha256 ?? createHash("sha256").update(raw).digest("hex");
  const visibility = recordVisibility({
    marks: "",
    lines: paraSpans.map((p) => text.slice(p.start, p.end)).filter((l) => l.length <= 40),
    page,
    operator: source.visibility,
  });
  return {
    id: `${shortHash(`${issuer ?? ""}|${kind}`)}-${shortHash(part ? `${sha256}#${part.part}` : sha256, 10)}`,
    reading: document ? "document" : "text",
    readingWhy: [`no meeting: ${why}`, ...(document ? document.evidence : ["no document marks (a title ending in 办法/通知/…, a 文号, numbered headings)"])],
    shape: document ? "document" : "text",
    title,
    kind,
    issuer,
    number: null,
    year: date ? Number(date.slice(0, 4)) : null,
    issuedOn: date,
    compiledBy: null,
    compiledOn: null,
    meeting: noMeeting(date),
    visibility,
    summary: firstLine,
    summarySpan: { start: firstPara.start, end: firstPara.end },
    headerSpan: { start: firstPara.start, end: firstPara.end },
    items: [],
    attendance: null,
    document,
    text,
    seams: r.seams,
    source: sourceOf(r, sha256),
  };
}

/** What the record says of its file: path, hash, encoding, format, pages and its part of the file. */
function sourceOf(r: RecordText, sha256: string): Source {
  return {
    path: r.source.path,
    sha256,
    encoding: r.source.encoding ?? "utf-8",
    format: r.source.format ?? "text",
    ocr: r.source.ocr ?? false,
    ...(r.pageStarts.length > 1 ? { pageStarts: r.pageStarts } : {}),
    ...(r.part ? r.part : {}),
  };
}

/** A meeting record when the text records one, else the text read as a document or plain text. */
function parseRecord(r: RecordText): Minutes {
  try {
    return parseMeeting(r);
  } catch (err) {
    if (err instanceof NotAMeeting) return readAsText(r, err.message);
    throw err;
  }
}

/**
 * Parses the text of one file into its records: one for most files, one per
 * meeting for a file that holds several. A readable text is never refused: a
 * text that records no meeting is read as a document or as plain text. Throws
 * DocumentError naming the file only when there is no text (file_empty) or the
 * text is mojibake (file_unreadable).
 */
export function parseRecords(raw: string, source: ParseSource): Minutes[] {
  const norm = normalizeText(raw);
  const text = norm.text;
  if (!text.trim()) throw new DocumentError("file_empty", `${source.path}: the file has no text`, { subject: source.path });
  if (isMojibake(text)) {
    throw new DocumentError("file_unreadable", `${source.path}: the text is mojibake (UTF-8 read in another encoding and saved again)`, {
      subject: source.path,
    });
  }
  const whole: RecordText = { text, paraSpans: norm.paragraphs, pageStarts: norm.pageStarts, seams: norm.seams, page: norm.page, source, raw };
  const spans = splitRecords(text, norm.paragraphs);
  if (spans.length === 1) return [withPublication(parseRecord(whole), norm.publication)];
  const fileTitle = text.slice(norm.paragraphs[0].start, norm.paragraphs[0].end);
  return spans.map((span, i) => {
    const inside = (x: number) => x > span.start && x < span.end;
    const pages = norm.pageStarts.filter(inside).map((s) => s - span.start);
    return parseRecord({
      ...whole,
      text: text.slice(span.start, span.end),
      paraSpans: norm.paragraphs
        .filter((p) => p.start >= span.start && p.end <= span.end)
        .map((p) => ({ start: p.start - span.start, end: p.end - span.start })),
      pageStarts: pages.length ? [0, ...pages] : [0],
      seams: norm.seams.filter(inside).map((s) => s - span.start),
      source: { ...source, fileTitle },
      part: { part: i + 1, parts: spans.length },
    });
  });
}

/**
 * The page's publication rows («发布时间：…　来源：…», «责任编辑：…») after the record's text, each a paragraph of its
 * own: parsed without them (a row among the headline and the opening misreads both), yet quotable as a reader sees
 * them (answered from the record, never ranked: see src/answer/page-facts.ts). A seam stands before them: no quote
 * runs from the body into them.
 */
function withPublication(m: Minutes, rows: string[]): Minutes {
  const fresh = [...new Set(rows)].filter((row) => !m.text.includes(row));
  if (!fresh.length) return m;
  const at = m.text.length + 2;
  return { ...m, text: `${m.text}\n\n${fresh.join("\n\n")}`, seams: [...m.seams, at] };
}

const bodyEnds = new WeakMap<object, number>();
/**
 * Where a record's body ends: before the publication rows kept after it (see withPublication), else its text's end.
 * Kept per record: the answer reads it for every record a question retrieves.
 */
export function bodyEnd(m: Pick<Minutes, "text" | "seams">): number {
  let end = bodyEnds.get(m);
  if (end === undefined) {
    const at = m.seams.at(-1);
    end =
      at === undefined ||
      at >= m.text.length ||
      !m.text
        .slice(at)
        .split(/\n\n/)
        .every((row) => publicationRow(row))
        ? m.text.length
        : Math.max(0, at - 2);
    bodyEnds.set(m, end);
  }
  return end;
}

/** Parses a file that holds one meeting record (the first, when it holds several). */
export function parseMinutes(raw: string, source: ParseSource): Minutes {
  return parseRecords(raw, source)[0];
}
