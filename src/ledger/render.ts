/** The ledger as a terminal table, CSV and JSON (the .xlsx is xlsx.ts). */
import type { LedgerRow } from "./types.js";

/** The columns of a 督办台账: 事项内容, 责任单位, 责任人, 完成时限, 进展情况, 办结情况, plus 来源 and 原文. */
export const LEDGER_COLUMNS = ["事项内容", "责任单位", "责任人", "完成时限", "进展情况", "办结情况", "来源", "原文"] as const;

/** «市住建局（牵头）；市财政局（配合）». */
export function unitsCell(r: LedgerRow): string {
  const lead = r.leadUnit ? [`${r.leadUnit}（牵头）`] : [];
  return [...lead, ...r.cooperatingUnits.map((u) => `${u}（配合）`)].join("；");
}

/** «8月底前（2023-08-31）». */
export function deadlineCell(r: LedgerRow): string {
  if (!r.deadlineText) return "";
  return r.dueDate ? `${r.deadlineText}（${r.dueDate}）` : r.deadlineText;
}

/** The timeline after the assignment: reports with their references, marks with who, when and the note. */
export function progressCell(r: LedgerRow): string {
  return r.timeline
    .map((e) => (e.kind === "report" ? `${e.at} 会议听取汇报：${e.source?.reference ?? ""}` : `${e.at.slice(0, 10)} ${e.by} 标记办结：${e.note ?? ""}`))
    .join("\n");
}

/** One row's cells in LEDGER_COLUMNS order. */
export function cells(r: LedgerRow): string[] {
  return [r.quote, unitsCell(r), r.leader ?? "", deadlineCell(r), progressCell(r), r.status, r.reference, r.quote];
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV with a header row and a BOM, so Excel opens it as UTF-8; id first. */
export function ledgerCsv(rows: readonly LedgerRow[]): string {
  const lines = [["编号", ...LEDGER_COLUMNS].map(csvCell).join(",")];
  for (const r of rows) lines.push([r.id, ...cells(r)].map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Plain text, one block per row: status, unit, deadline, the task, and its reference. */
export function ledgerTable(rows: readonly LedgerRow[]): string {
  if (!rows.length) return "（没有符合条件的督办事项）";
  return rows
    .map((r, i) =>
      [
        `${i + 1}. [${r.status}] ${r.leadUnit ?? "（未明确责任单位）"}${r.cooperatingUnits.length ? ` 配合：${r.cooperatingUnits.join("、")}` : ""} · 时限：${deadlineCell(r) || "无"} · ${r.kind} · ${r.id}`,
        `   ${r.quote}`,
        `   来源：${r.reference}`,
        ...r.timeline.map((e) => `   进展：${e.kind === "report" ? `${e.at} ${e.source?.reference ?? ""}` : `${e.at} ${e.by}：${e.note ?? ""}`}`),
      ].join("\n"),
    )
    .join("\n\n");
}
