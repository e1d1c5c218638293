/** Deadlines as written («8月底前», «年内», «3个工作日内») and as dates, the year taken from the meeting. */
import { deadlinesOf } from "../minutes/clauses.js";
import { chineseToNumber } from "../minutes/numerals.js";

const NUM = "(\\d{1,3}|[一二两三四五六七八九十]{1,3})";
const WITHIN = new RegExp(`${NUM}个?(工作日|日|天|周|个月)(?:内|之内)`, "g");

/** Every deadline written in `s`, in the order they appear: the record's own kinds plus «N个工作日内». */
export function deadlinesIn(s: string): { text: string; at: number }[] {
  const found: { text: string; at: number }[] = [];
  for (const d of deadlinesOf(s)) found.push({ text: d, at: s.indexOf(d) });
  for (const m of s.matchAll(WITHIN)) found.push({ text: m[0], at: m.index });
  return found.sort((a, b) => a.at - b.at);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** `n` working days (Monday to Friday) after `from`. */
export function addWorkingDays(from: Date, n: number): Date {
  const d = new Date(from.getTime());
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d;
}

const num = (s: string) => chineseToNumber(s);

/**
 * The date a written deadline falls on: the year is the meeting's (or the one written, «明年» the next),
 * a month before the meeting's month is next year's, «年内» / «年底前» is 12-31, «N个工作日内» counts weekdays.
 * Null when the meeting has no date and the deadline no year, or when it names no day («汛期前», «春节前»).
 */
export function deadlineDate(written: string, meetingDate: string | null): string | null {
  const meeting = meetingDate && /^\d{4}-\d{2}-\d{2}$/.test(meetingDate) ? new Date(`${meetingDate}T00:00:00Z`) : null;
  const within = new RegExp(`^${NUM}个?(工作日|日|天|周|个月)`).exec(written);
  if (within) {
    if (!meeting) return null;
    const n = num(within[1]);
    const d = new Date(meeting.getTime());
    if (within[2] === "工作日") return iso(addWorkingDays(meeting, n));
    if (within[2] === "周") d.setUTCDate(d.getUTCDate() + 7 * n);
    else if (within[2] === "个月") d.setUTCMonth(d.getUTCMonth() + n);
    else d.setUTCDate(d.getUTCDate() + n);
    return iso(d);
  }
  const explicitYear = /(\d{4})年/.exec(written);
  const baseYear = explicitYear ? Number(explicitYear[1]) : meeting ? meeting.getUTCFullYear() + (/明年/.test(written) ? 1 : 0) : null;
  if (baseYear === null) return null;
  if (/年内|年底|年末/.test(written)) return `${baseYear}-12-31`;
  const month = new RegExp(`${NUM}月(底|末|上旬|中旬|下旬|(\\d{1,2})日)?`).exec(written);
  if (month) {
    const m = num(month[1]);
    if (!(m >= 1 && m <= 12)) return null;
    const year = !explicitYear && meeting && m < meeting.getUTCMonth() + 1 ? baseYear + 1 : baseYear;
    const part = month[2];
    const day = month[3] ? Math.min(Number(month[3]), lastDay(year, m)) : part === "上旬" ? 10 : part === "中旬" ? 20 : lastDay(year, m);
    return iso(utc(year, m, day));
  }
  if (!meeting) return null;
  if (/月底|月末|本月内/.test(written)) return iso(utc(baseYear, meeting.getUTCMonth() + 1, lastDay(baseYear, meeting.getUTCMonth() + 1)));
  if (/季度末/.test(written)) {
    const q = Math.floor(meeting.getUTCMonth() / 3) * 3 + 3;
    return iso(utc(baseYear, q, lastDay(baseYear, q)));
  }
  return null;
}
