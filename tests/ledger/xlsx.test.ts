import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { LedgerBook } from "../../src/ledger/book.js";
import { LEDGER_COLUMNS, ledgerCsv } from "../../src/ledger/render.js";
import { ledgerXlsx } from "../../src/ledger/xlsx.js";
import { readRecordsFile } from "../../src/minutes/read.js";
import { FULL_ACCESS } from "../../src/retrieval/types.js";
import { FIXTURES, SEED } from "../helpers/paths.js";

async function rows() {
  const records = [...(await readRecordsFile(SEED)), ...(await readRecordsFile(join(FIXTURES, "ledger/taicang-followup-2022-06.txt")))];
  return new LedgerBook(records).rows({}, { access: FULL_ACCESS, now: new Date("2022-07-01T02:00:00Z"), marks: [] });
}

/** The workbook exceljs reads back from written bytes. */
async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer as ExcelJS.Buffer);
  return wb;
}

describe("ledger .xlsx", () => {
  it("writes the six columns of a 督办台账 plus 来源 and 原文, frozen header, widths, dates as dates", async () => {
    const list = await rows();
    const wb = await readBack(await ledgerXlsx(list));
    const ws = wb.getWorksheet("督办台账")!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...LEDGER_COLUMNS]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(60);
    expect(ws.rowCount).toBe(list.length + 1);
    const pumps = list.findIndex((r) => r.leadUnit === "市水务局") + 2;
    const due = ws.getRow(pumps).getCell(4);
    expect(due.value).toBeInstanceOf(Date);
    expect((due.value as Date).toISOString().slice(0, 10)).toBe("2022-06-22");
    expect(due.numFmt).toBe("yyyy-mm-dd");
    expect(ws.getRow(pumps).getCell(2).value).toBe("市水务局（牵头）");
    expect(ws.getRow(pumps).getCell(6).value).toBe("逾期");
    const transport = list.findIndex((r) => r.leadUnit === "市交运局" && r.status === "已办结") + 2;
    expect(String(ws.getRow(transport).getCell(5).value)).toContain("落实情况");
    expect(String(ws.getRow(transport).getCell(7).value)).toMatch(/^《太仓市人民政府常务会议纪要》（〔2022〕1号，2022年1月21日）第七项/);
  });

  it("adds one sheet per lead unit on request", async () => {
    const list = await rows();
    const wb = await readBack(await ledgerXlsx(list, { perUnit: true }));
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe("督办台账");
    expect(names).toContain("市住建局");
    expect(wb.getWorksheet("市住建局")!.rowCount).toBe(list.filter((r) => r.leadUnit === "市住建局").length + 1);
  });

  it("writes CSV Excel opens as UTF-8, quoting cells with commas and line breaks", async () => {
    const list = await rows();
    const csv = ledgerCsv(list);
    expect(csv.startsWith("\uFEFF编号,事项内容,责任单位,责任人,完成时限,进展情况,办结情况,来源,原文\r\n")).toBe(true);
    expect(csv).toContain(",原则同意该《规划》，会后由市综指中心根据会议讨论情况进一步细化完善，按程序印发,");
    const odd = ledgerCsv([{ ...list[0]!, quote: 'a,"b"\nc' }]);
    expect(odd).toContain('"a,""b""\nc"');
  });
});
