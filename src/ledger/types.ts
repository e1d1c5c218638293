/** The 督办台账 (supervision ledger): one row per task or decision of a meeting record. */
import type { Visibility } from "../minutes/schema.js";

/** How the record words the task: 决定/通过 · 原则同意 · 部署/要求 · 请…牵头 · 由…负责. */
export type TaskKind = "决定/通过" | "原则同意" | "部署/要求" | "请…牵头" | "由…负责";

/** 未到期 (not due) · 临近 (due within 7 days) · 逾期 (overdue) · 已办结 (done). */
export type LedgerStatus = "未到期" | "临近" | "逾期" | "已办结";
export const LEDGER_STATUSES: readonly LedgerStatus[] = ["未到期", "临近", "逾期", "已办结"];

/** Where a row's words are: the record, the agenda item and offsets into `Minutes.text`. */
export interface LedgerSource {
  minutesId: string;
  itemOrdinal: number;
  itemLabel: string;
  itemTitle: string;
  /** Titles in 《》 the item names, without the brackets. */
  documents: string[];
  start: number;
  end: number;
  /** `Minutes.text.slice(start, end)`. */
  quote: string;
  /** The formal reference (src/answer/reference.ts). */
  reference: string;
}

/** A row as extracted from one record, before its status is known. */
export interface LedgerTask extends LedgerSource {
  /** Stable across re-ingest while the record and the task's words are unchanged. */
  id: string;
  kind: TaskKind;
  /** The lead unit (牵头 / 负责), as written in the quote; null when the record names none. */
  leadUnit: string | null;
  /** Cooperating units (配合 / 会同), as written in the quote. */
  cooperatingUnits: string[];
  /** The responsible leader, when the quote names one. */
  leader: string | null;
  /** The deadline as written («8月底前», «年内», «3个工作日内»); null when none. */
  deadlineText: string | null;
  /** The deadline as an ISO date; null when none or when it names no day («汛期前»). */
  dueDate: string | null;
  meeting: { title: string; body: string | null; number: number | null; date: string | null };
  visibility: Visibility;
}

/** A later record reporting on a task («听取了…落实情况的汇报»), or a staff mark. */
export interface ProgressEvent {
  kind: "report" | "mark";
  /** ISO date of the report's meeting, or the mark's timestamp. */
  at: string;
  /** A report's citation. */
  source?: LedgerSource & { meetingDate: string | null };
  /** A mark's author and note. */
  by?: string;
  note?: string;
}

/** A row with its status and timeline. */
export interface LedgerRow extends LedgerTask {
  status: LedgerStatus;
  /** The assignment first, then reports and marks, oldest first. */
  timeline: ProgressEvent[];
}

/** Filters of a ledger listing; dates are ISO (YYYY-MM-DD). */
export interface LedgerFilter {
  unit?: string;
  status?: LedgerStatus;
  dueBefore?: string;
  /** Meeting date range. */
  from?: string;
  to?: string;
  /** Due within this month (YYYY-MM). */
  month?: string;
  /** Words that must occur in the task, its item or its documents (in two-character pieces: «交通规划» finds «交通运输发展规划»). */
  text?: string;
  /** Only rows not done (未到期, 临近, 逾期). */
  open?: boolean;
}
