/** A row's status on a given day: 已办结 when reported or marked done, else by its due date. */
import type { LedgerStatus } from "./types.js";

/** Days before the due date a row counts as 临近. */
export const NEAR_DAYS = 7;

const dayMs = 86_400_000;

/** `today` and `due` are ISO dates; a row without a due date is 未到期 until it is done. */
export function statusOn(today: string, due: string | null, done: boolean): LedgerStatus {
  if (done) return "已办结";
  if (!due) return "未到期";
  if (due < today) return "逾期";
  const days = (Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / dayMs;
  return days <= NEAR_DAYS ? "临近" : "未到期";
}

/** The local calendar day of `now` in the given offset from UTC (minutes; China is +480). */
export function dayOf(now: Date, offsetMinutes = 480): string {
  return new Date(now.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
