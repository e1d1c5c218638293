/**
 * The ledger as the .xlsx offices keep: the six columns of a 督办台账 plus
 * 来源 and 原文, frozen header, set widths, 完成时限 as a date cell (the
 * deadline as written in a note beside it), optionally one sheet per lead unit.
 */
import ExcelJS from "exceljs";
import { LEDGER_COLUMNS, progressCell, unitsCell } from "./render.js";
import type { LedgerRow } from "./types.js";

const WIDTHS = [60, 28, 12, 16, 40, 10, 60, 60];
/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, "_").slice(0, 31) || "未明确责任单位";

function fillSheet(ws: ExcelJS.Worksheet, rows: readonly LedgerRow[]): void {
  ws.columns = LEDGER_COLUMNS.map((header, i) => ({ header, key: `c${i}`, width: WIDTHS[i] }));
  ws.views = [{ state: "frozen", ySplit: 1 }];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const due = r.dueDate ? new Date(`${r.dueDate}T00:00:00Z`) : (r.deadlineText ?? "");
    const row = ws.addRow([r.quote, unitsCell(r), r.leader ?? "", due, progressCell(r), r.status, r.reference, r.quote]);
    row.alignment = { wrapText: true, vertical: "top" };
    const dueCell = row.getCell(4);
    if (due instanceof Date) {
      dueCell.numFmt = "yyyy-mm-dd";
      dueCell.note = r.deadlineText ?? "";
    }
  }
}

/** The workbook's bytes; `perUnit` adds one sheet per lead unit after the whole ledger. */
export async function ledgerXlsx(rows: readonly LedgerRow[], opts: { perUnit?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "minutes-qa";
  fillSheet(wb.addWorksheet("督办台账"), rows);
  if (opts.perUnit) {
    const byUnit = new Map<string, LedgerRow[]>();
    for (const r of rows) {
      const key = sheetName(r.leadUnit ?? "未明确责任单位");
      byUnit.set(key, [...(byUnit.get(key) ?? []), r]);
    }
    for (const [unit, list] of byUnit) if (unit !== "督办台账") fillSheet(wb.addWorksheet(unit), list);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
