/**
 * The ledger of a set of records: every task, the later reports on them and
 * the staff marks, filtered and given a status for a day. Built once per
 * loaded index generation (`LedgerService`), filtered in memory.
 */
import type { Access } from "../retrieval/types.js";
import type { Minutes } from "../minutes/schema.js";
import { extractTasks } from "./extract.js";
import { progressReportsOf, reportsOn, type ProgressReport } from "./followups.js";
import type { Mark } from "./marks.js";
import { dayOf, statusOn } from "./status.js";
import type { LedgerFilter, LedgerRow, LedgerTask, ProgressEvent } from "./types.js";

/** The ledger of records: tasks in meeting order (newest meeting first) and the reports that close them. */
export class LedgerBook {
  readonly tasks: LedgerTask[];
  /** Reports on each task, by row id. */
  readonly reports = new Map<string, ProgressReport[]>();

  constructor(records: readonly Minutes[]) {
    this.tasks = records
      .flatMap((m) => extractTasks(m))
      .sort((a, b) => (b.meeting.date ?? "").localeCompare(a.meeting.date ?? "") || a.minutesId.localeCompare(b.minutesId) || a.start - b.start);
    const reports = records.flatMap((m) => progressReportsOf(m));
    if (!reports.length) return;
    for (const t of this.tasks) {
      const on = reports.filter((r) => r.minutesId !== t.minutesId && reportsOn(r, t));
      if (on.length) this.reports.set(t.id, on);
    }
  }

  /** The rows `access` may see that pass `filter`, with their status on the day of `now`. */
  rows(filter: LedgerFilter, opts: { access: Access; now: Date; marks: readonly Mark[] }): LedgerRow[] {
    const today = dayOf(opts.now);
    const marksById = new Map<string, Mark[]>();
    for (const m of opts.marks) marksById.set(m.id, [...(marksById.get(m.id) ?? []), m]);
    const out: LedgerRow[] = [];
    for (const t of this.tasks) {
      if (t.visibility === "internal" && !opts.access.internal) continue;
      if (!matches(t, filter)) continue;
      // A report from a record the caller may not see neither shows nor closes the row.
      const reports = (this.reports.get(t.id) ?? []).filter((r) => r.visibility === "public" || opts.access.internal);
      const marks = marksById.get(t.id) ?? [];
      const timeline: ProgressEvent[] = [
        ...reports.map((r): ProgressEvent => ({ kind: "report", at: r.meetingDate ?? "", source: r })),
        ...marks.map((m): ProgressEvent => ({ kind: "mark", at: m.at, by: m.by, note: m.note })),
      ].sort((a, b) => a.at.localeCompare(b.at));
      const status = statusOn(today, t.dueDate, timeline.length > 0);
      if (filter.status && status !== filter.status) continue;
      if (filter.open && status === "已办结") continue;
      out.push({ ...t, status, timeline });
    }
    return out;
  }
}

const squash = (s: string) => s.replace(/\s+/g, "");
/** «交通规划» → «交通», «规划»: words of a question rarely stand in the record as one run. */
const pieces = (s: string) => Array.from({ length: Math.ceil(s.length / 2) }, (_, i) => s.slice(2 * i, 2 * i + 2));

function matches(t: LedgerTask, f: LedgerFilter): boolean {
  if (f.unit) {
    const u = squash(f.unit);
    if (!(t.leadUnit?.includes(u) || t.cooperatingUnits.some((c) => c.includes(u)))) return false;
  }
  if (f.dueBefore && !(t.dueDate && t.dueDate <= f.dueBefore)) return false;
  if (f.month && !t.dueDate?.startsWith(f.month)) return false;
  if (f.from && !(t.meeting.date && t.meeting.date >= f.from)) return false;
  if (f.to && !(t.meeting.date && t.meeting.date <= f.to)) return false;
  if (f.text) {
    const hay = `${t.quote}${t.itemTitle}${t.documents.join("")}`.replace(/\s+/g, "");
    if (!pieces(squash(f.text)).every((p) => hay.includes(p))) return false;
  }
  return true;
}
