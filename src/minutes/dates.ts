/**
 * Dates as records write them: «2022年1月21日», and in Chinese numerals as formal
 * documents date themselves («二〇二二年一月二十八日»). Full-width digits are
 * already ASCII in the match view.
 */
import { chineseToNumber } from "./numerals.js";

const YEAR_DIGIT: Record<string, string> = { 〇: "0", 零: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };
const ANY_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日|([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/g;

/** A date found in a text: as written, with year, month and day as digit strings. */
export type FoundDate = [text: string, year: string, month: string, day: string] & { index: number };

function found(m: RegExpExecArray): FoundDate | null {
  if (m[1]) return Object.assign([m[0], m[1], m[2], m[3]], { index: m.index }) as FoundDate;
  const year = [...m[4]].map((c) => YEAR_DIGIT[c]).join("");
  const month = chineseToNumber(m[5]);
  const day = chineseToNumber(m[6]);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  return Object.assign([m[0], year, String(month), String(day)], { index: m.index }) as FoundDate;
}

/** Every full date (with its year) in `s`, in order. */
export function datesIn(s: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of s.matchAll(ANY_DATE)) {
    const d = found(m as RegExpExecArray);
    if (d) out.push(d);
  }
  return out;
}

/** The first full date in `s`, or null. */
export function firstDate(s: string): FoundDate | null {
  return datesIn(s)[0] ?? null;
}

/** The ROC calendar (民国, used in Taiwan) counts years from 1912: 民国112年 is 2023. */
const ROC_EPOCH = 1911;
const ROC_DATE =
  /(?:中华民国|民国)?(\d{2,4}|[〇零一二三四五六七八九十百]{2,6})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日/;

/** A year written in digits or Chinese numerals («2023», «一一二», «二〇二三», «一百一十二») as a number. */
function yearNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (/[十百]/.test(s)) return chineseToNumber(s);
  return Number([...s].map((c) => YEAR_DIGIT[c]).join(""));
}

/**
 * The first date of `s` written with a Western year and digits («2023年12月5日»):
 * a 会议记录 from Taiwan dates itself «中华民国112年12月5日» or «一一二年十二月五日».
 * Returns `s` with that date rewritten; the rest is kept.
 */
export function westernDate(s: string): string {
  return s.replace(ROC_DATE, (whole, y: string, mo: string, d: string) => {
    const n = yearNumber(y);
    const year = n < 1000 ? n + ROC_EPOCH : n;
    const month = chineseToNumber(mo);
    const day = chineseToNumber(d);
    return Number.isNaN(year) || !(month >= 1 && month <= 12 && day >= 1 && day <= 31) ? whole : `${year}年${month}月${day}日`;
  });
}
