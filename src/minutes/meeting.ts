/**
 * The meeting a record is about, from its opening sentence: «3月12日上午，
 * 县长王立新主持召开县政府第十五次常务会议», «2023年5月8日，局长李华同志主持
 * 召开局长办公会», «会议由副市长林晓岚主持». Also the attendance a report
 * writes into sentences («副县长…出席会议，…列席会议»).
 */
import { toSimplified } from "../text/script.js";
import { firstDate } from "./dates.js";
import { chineseToNumber } from "./numerals.js";
import { looksLikeName, ROLE } from "./speakers.js";

const CONVENE_WORD = /主持|召集|召开|举行|纪要如下|议定如下/;
const CONVENE =
  /(?:主持召开|主持|召集|召开|举行)(?:了)?[^。；]{0,60}?(?:会议|办公会|会)|(?:会议|办公会)(?:于[^。；]{0,30}?)?(?:在[^。；]{0,20}?)?(?:召开|举行)|纪要如下|议定如下/;
const WHEN =
  /(?:^|\d{4}年|[，,。\s（(])\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月|近日|日前|今天|今日|昨天|昨日|当天|上午|下午|晚上/;

/** True for the paragraph that opens a record: it dates a meeting and says it was convened or chaired. */
export function isOpeningParagraph(p: string): boolean {
  const v = toSimplified(p);
  if (!CONVENE_WORD.test(v) && !/研究/.test(v)) return false;
  if (/(?:^|\d{4}年|[，,。\s])\d{1,2}月\d{1,2}日/.test(v) && /(主持|召开|纪要如下|研究)/.test(v) && v.length > 25) return true;
  if (/^[一二三四五六七八九十]+、/.test(v)) return false;
  // A report's first sentence; a headline (short, no sentence punctuation) is not one.
  if (CONVENE.test(v) && WHEN.test(v) && (v.length > 40 || /[。，；：]/.test(v))) return true;
  // «县长李强主持召开县政府常务会议，研究部署…。» without a date: a whole sentence, not a headline.
  return /主持召开[^。；]{0,40}?(?:会议|办公会)/.test(v) && /。/.test(v) && v.length > 20;
}

const STARTS_DATED = /^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|近日|日前|今天|今日|昨天|昨日|当天|上午|下午)/;

/**
 * True when a paragraph could open a further meeting: it starts with its date
 * or its convener («县政府召开…», «县长…主持召开…»), not inside a topic.
 */
export function startsLikeOpening(p: string): boolean {
  if (STARTS_DATED.test(p)) return true;
  const at = p.indexOf("召开");
  return at >= 0 && at <= 34 && !/[，。；]/.test(p.slice(0, at));
}

/** Kinds of meeting, longest first where one contains another. */
const KINDS =
  "区务会议|乡务会议|镇务会议|村务会议|校务会议|院务会议|所务会议|处务会议|馆务会议|社务会议|校长办公会议|校长办公会|行政会议|党政联席会议|常务委员会会议|常务会议|常委会会议|局长办公会议|局长办公会|县长办公会议|县长办公会|市长办公会议|市长办公会|区长办公会议|区长办公会|主任办公会议|主任办公会|厅长办公会议|厅务会议|局务会议|党组扩大会议|党组会议|党组会|主任会议|主席会议|主席办公会议|专题会议|协调推进会议|推进会议|协调会议|调度会议|联席会议|办公会议|办公会|工作会议|座谈会|全体会议|民主议政会|议政会|集体学习会|学习会|会议";

export interface MeetingFacts {
  dateMatch: { year: number | null; month: number; day: number; text: string } | null;
  period: string | null;
  chair: string | null;
  chairRole: string | null;
  session: number | null;
  term: string | null;
  name: string | null;
  body: string | null;
  kind: string | null;
}

const NUM = "[0-9]+|[一二三四五六七八九十百零〇]+";

/** Reads the meeting facts from the opening sentence (in the match view). */
export function meetingFacts(opening: string): MeetingFacts {
  const full = firstDate(opening);
  const short = full ? null : /(\d{1,2})月(\d{1,2})日/.exec(opening);
  const namedYear = /(\d{4})年(?:第|度)/.exec(opening);
  const dateMatch = full
    ? { year: Number(full[1]), month: Number(full[2]), day: Number(full[3]), text: full[0] }
    : short
      ? { year: namedYear ? Number(namedYear[1]) : null, month: Number(short[1]), day: Number(short[2]), text: short[0] }
      : null;
  const period = /日(上午|下午|晚上|晚间|中午)/.exec(opening)?.[1] ?? /^(上午|下午|晚上)/.exec(opening)?.[1] ?? null;

  const { chair, chairRole } = chairOf(opening);
  const nameM =
    /(?:主持召开|召开|主持|召集|举行)(?:了)?([^，。；、]*?(?:办公会议|会议|办公会))/.exec(opening) ??
    /([^，。；]{2,40}?(?:办公会议|会议|办公会))(?:于[^，。；]{0,30})?(?:在[^，。；]{0,20})?(?:召开|举行)/.exec(opening);
  let name = nameM ? nameM[1].replace(/^(?:了|在[^，。；]{1,20}?(?:召开|主持召开))/, "").trim() : null;
  if (name && /^(?:[^，。]*?主持)/.test(name)) name = name.replace(/^.*?主持/, "");
  const kindM = name ? new RegExp(`(${KINDS})$`).exec(name) : null;
  const kind = kindM ? kindM[1] : null;
  const before = name && kindM ? name.slice(0, name.length - kindM[1].length) : "";
  const sessionM =
    new RegExp(`第\\s*(${NUM})\\s*次`).exec(name ?? "") ??
    new RegExp(`届\\s*(${NUM})\\s*次`).exec(name ?? "") ??
    new RegExp(`第\\s*(${NUM})\\s*次([\\u4e00-\\u9fa5]{0,6}会议)`).exec(opening);
  const termM = new RegExp(`(${NUM})届`).exec(name ?? "");
  let body = before
    // «雾溪乡公所一一二年第八次»: a year in any calendar or numerals is no part of the body.
    .replace(/(?:中华民国|民国)?(?:\d{2,4}|[〇零一二三四五六七八九]{2,4})学?年度?(?=第|$)/, "")
    .replace(new RegExp(`(?:\\d{4}年)?(?:第\\s*(?:${NUM})\\s*次|(?:${NUM})届(?:${NUM})次|(?:${NUM})届|第?(?:${NUM})次)`, "g"), "")
    .replace(/^(?:了|在|由)/, "")
    .trim();
  // «市政府港城片区开发建设协调推进会议»: the body is the organ that leads the name.
  const organ = /^.*?(?:人民政府|政府|人大常委会|常委会|政协|委员会|党组|局|委|办|厅)/.exec(body);
  if (organ && organ[0].length < body.length) body = organ[0];
  if (!body || body.length > 20 || /主持|召开/.test(body)) body = "";
  // «县政府召开第十五次常务会议»: the body is the subject of 召开.
  if (!body) {
    const subj =
      /(?:^|[，。；、\s]|日|午|上|下)([一-龥]{1,12}?(?:人民政府|政府|人大常委会|常委会|政协|委员会|党组|局|委|办|厅))(?:于[^，。；]{0,20})?(?:召开|举行)/.exec(
        opening,
      );
    if (subj && !/主持|召开|会议/.test(subj[1])) body = subj[1];
  }
  return {
    dateMatch,
    period,
    chair,
    chairRole,
    session: sessionM ? chineseToNumber(sessionM[1]) : null,
    term: termM ? termM[0] : null,
    name,
    body: body || null,
    kind,
  };
}

/** «县长王立新主持», «王立新县长主持», «会议由副市长林晓岚主持», «在王立新同志主持下». */
export function chairOf(s: string): { chair: string | null; chairRole: string | null } {
  // «常务副市长戴永庆受市长委托，在市政府第二会议室主持召开»: a delegation between the name and the chairing.
  const where = "(?:同志)?(?:受[^，。；]{1,10}委托[，,]?)?(?:在[^，。；]{0,30})?(?:主持|召集)";
  const a = new RegExp(`([\\u4e00-\\u9fa5]{2,3})(${ROLE})${where}`).exec(s);
  const b = new RegExp(`(${ROLE})([\\u4e00-\\u9fa5]{2,3}?)${where}`).exec(s);
  let chair: string | null = null;
  let chairRole: string | null = null;
  if (a && (!b || a.index <= b.index) && looksLikeName(a[1].replace(/^[，、由在]/, ""))) {
    chair = a[1].replace(/^[，、由在]/, "");
    chairRole = a[2];
  } else if (b && looksLikeName(b[2])) {
    chair = b[2];
    chairRole = b[1];
  } else if (a) {
    chair = a[1].replace(/^[，、由在]/, "");
    chairRole = a[2];
  } else {
    const c = /(?:^|[，。、由在])([\u4e00-\u9fa5]{2,3}?)同志(?:在[^，。；]{0,30})?主持/.exec(s) ?? /(?:^|[，。])([\u4e00-\u9fa5]{2,3}?)主持召开/.exec(s);
    if (c && looksLikeName(c[1])) chair = c[1];
  }
  if (chair && chair.length === 3 && /^[上下午日，由]/.test(chair)) chair = chair.slice(1);
  return { chair, chairRole };
}

/** Attendance written into the opening sentences of a report. */
export interface SentenceAttendance {
  present: string[];
  attending: string[];
  /** Span of the attendance sentences in the opening. */
  end: number;
}

/**
 * «副县长张华、李强，县政府党组成员王五出席会议，县人大常委会副主任赵六列席会议。»
 * Entries are split at «、» and «，»; `at` is the offset of `s` in the record.
 */
export function attendanceSentences(s: string): { present: string[]; attending: string[] } {
  const present: string[] = [];
  const attending: string[] = [];
  const re = /([^。；]*?)(出席|列席|参加)(?:了)?(?:会议|本次会议|会议并讲话|会议并作讲话)/g;
  for (const m of s.matchAll(re)) {
    let phrase = m[1].replace(/^.*?(?:主持召开|召开|主持)[^，。；]*?(?:会议|办公会)[，,]?/, "");
    phrase = phrase.replace(/^(?:[，,]|会议由|由|并|有|应邀|受邀)+/, "").trim();
    // «…主持会议并讲话，副县长向蓉…»: the chair's speech after the chair clause is no one present.
    phrase = phrase.replace(/^(?:作|发表)?(?:重要|总结|动员)?讲话[，,]?/, "").trim();
    if (!phrase || phrase.length > 200) continue;
    const entries = phrase
      .split(/[、，,；]/)
      // «副县长向蓉到会听取意见并作交流发言»: the person, not what they did there.
      .map((e) =>
        e
          .replace(/^(?:和|及|以及)/, "")
          .replace(/(?:到会|到场|听取|并作|作交流|作了|并讲话|并发言)[^、，,；]*$/, "")
          .trim(),
      )
      .filter((e) => e.length >= 2);
    (m[2] === "列席" ? attending : present).push(...entries);
  }
  return { present, attending };
}
