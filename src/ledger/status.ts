/** A row's status on a given day: 已办结 when reported or marked done, else by its due date. */
import type { LedgerStatus } from "./types.js";

/** Days before the due date a row counts as 临近. */
export const NEAR_DAYS = 7;

const dayMs = 86_400_000;

/** Status on `today` when `nearUntil` is `today` + NEAR_DAYS (both ISO): string comparisons only, for listing many rows. */
export function statusBetween(today: string, nearUntil: string, due: string | null, done: boolean): LedgerStatus {
  if (done) return "已办结";
  if (!due) return "未到期";
  if (due < today) return "逾期";
  return due <= nearUntil ? "临近" : "未到期";
}

/** `iso` + `days` (ISO dates). */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** The local calendar day of `now` in the given offset from UTC (minutes; China is +480). */
export function dayOf(now: Date, offsetMinutes = 480): string {
  return new Date(now.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
