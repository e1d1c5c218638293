/**
 * The ledger of a set of records: every task, the later reports on them and
 * the staff marks, filtered and given a status for a day. Built once per
 * loaded index generation (`LedgerService`), filtered in memory.
 */
import type { Access } from "../retrieval/types.js";
import type { Minutes } from "../minutes/schema.js";
import { extractTasks } from "./extract.js";
import { linkReports, progressReportsOf, type ProgressReport } from "./followups.js";
import type { Mark } from "./marks.js";
import { addDays, dayOf, NEAR_DAYS, statusBetween } from "./status.js";
import type { LedgerFilter, LedgerRow, LedgerTask, ProgressEvent } from "./types.js";

/** The ledger of records: tasks in meeting order (newest meeting first) and the reports that close them. */
export class LedgerBook {
  readonly tasks: LedgerTask[];
  /** Reports on each task, by row id. */
  readonly reports: Map<string, ProgressReport[]>;
  /** What a words filter searches, per task (same order as `tasks`). */
  private readonly haystacks: string[];

  constructor(records: readonly Minutes[]) {
    this.tasks = records
      .flatMap((m) => extractTasks(m))
      .sort((a, b) => (b.meeting.date ?? "").localeCompare(a.meeting.date ?? "") || a.minutesId.localeCompare(b.minutesId) || a.start - b.start);
    this.reports = linkReports(
      this.tasks,
      records.flatMap((m) => progressReportsOf(m)),
    );
    this.haystacks = this.tasks.map((t) => `${t.quote}${t.itemTitle}${t.documents.join("")}`.replace(/\s+/g, ""));
  }

  /** Every row with its status, for one day, one set of marks and one access; reused while those stay the same. */
  private readonly statuses = new Map<boolean, { key: string; rows: LedgerRow[] }>();

  private allRows(today: string, marks: readonly Mark[], access: Access): LedgerRow[] {
    // Marks are append-only: their count and the last one tell a new mark.
    const last = marks.at(-1);
    const key = `${today}\n${marks.length}\n${last?.id ?? ""}\n${last?.at ?? ""}`;
    const cached = this.statuses.get(access.internal);
    if (cached?.key === key) return cached.rows;
    const nearUntil = addDays(today, NEAR_DAYS);
    const marksById = new Map<string, Mark[]>();
    for (const m of marks) marksById.set(m.id, [...(marksById.get(m.id) ?? []), m]);
    const rows = this.tasks.map((t): LedgerRow => {
      const timeline = this.timeline(t.id, marksById, access);
      return { ...t, status: statusBetween(today, nearUntil, t.dueDate, timeline.length > 0), timeline };
    });
    this.statuses.set(access.internal, { key, rows });
    return rows;
  }

  /** The rows `access` may see that pass `filter`, with their status on the day of `now`. Rows are shared between calls: read them, do not change them. */
  rows(filter: LedgerFilter, opts: { access: Access; now: Date; marks: readonly Mark[] }): LedgerRow[] {
    const all = this.allRows(dayOf(opts.now), opts.marks, opts.access);
    const words = filter.text ? pieces(squash(filter.text)) : null;
    const out: LedgerRow[] = [];
    for (let i = 0; i < all.length; i++) {
      const r = all[i]!;
      if (r.visibility === "internal" && !opts.access.internal) continue;
      if (filter.status && r.status !== filter.status) continue;
      if (filter.open && r.status === "已办结") continue;
      if (!matches(r, filter)) continue;
      if (words && !words.every((p) => this.haystacks[i]!.includes(p))) continue;
      out.push(r);
    }
    return out;
  }

  /** Reports (a report from a record the caller may not see neither shows nor closes the row) and marks, oldest first. */
  private timeline(id: string, marksById: Map<string, Mark[]>, access: Access): ProgressEvent[] {
    const reports = this.reports.get(id);
    const marks = marksById.get(id);
    if (!reports && !marks) return [];
    return [
      ...(reports ?? [])
        .filter((r) => r.visibility === "public" || access.internal)
        .map((r): ProgressEvent => ({ kind: "report", at: r.meetingDate ?? "", source: r })),
      ...(marks ?? []).map((m): ProgressEvent => ({ kind: "mark", at: m.at, by: m.by, note: m.note })),
    ].sort((a, b) => a.at.localeCompare(b.at));
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
  return true;
}
