import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";

let corpus: TempCorpus;
let env: Record<string, string>;

beforeAll(() => {
  corpus = makeCorpus({ internal: true });
  env = { MINUTES_DIR: corpus.minutesDir, INDEX_DIR: corpus.indexDir, LEXICON_DIR: corpus.config.LEXICON_DIR, LEDGER_MARKS: join(corpus.dir, "marks.jsonl") };
});
afterAll(() => corpus.cleanup());

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s), env, isTTY: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("minutes ledger", () => {
  it("lists the seed's tasks: each unit that must revise and issue a plan, and the 大数据管理中心's, each cited", async () => {
    const r = await cli(["ledger", "--format", "table", "--to", "2022-12-31"]);
    expect(r.code).toBe(0);
    for (const u of ["市综指中心", "市民政局", "市教育局", "市卫健委", "市交运局", "市住建局", "市政府办", "大数据管理中心"]) expect(r.out).toContain(`] ${u}`);
    expect(r.out.match(/来源：《太仓市人民政府常务会议纪要》（〔2022〕1号，2022年1月21日）/g)?.length).toBe(9);
  });

  it("filters by unit and status, refuses a bad status naming the option", async () => {
    const r = await cli(["ledger", "--unit", "市住建局", "--format", "json", "--public"]);
    const { rows } = JSON.parse(r.out);
    expect(rows.map((x: { leadUnit: string }) => x.leadUnit)).toEqual(["市住建局"]);
    const bad = await cli(["ledger", "--status", "done"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--status must be 未到期 / 临近 / 逾期 / 已办结");
  });

  it("marks a row done with a note; the mark survives a rebuild of the index", async () => {
    const { rows } = JSON.parse((await cli(["ledger", "--unit", "市民政局", "--format", "json"])).out);
    const id = rows[0].id as string;
    const done = await cli(["ledger", "done", id, "--note", "规划已印发", "--by", "督查室"]);
    expect(done.code).toBe(0);
    expect(done.out).toContain("[已办结]");
    expect(readFileSync(env.LEDGER_MARKS!, "utf8")).toContain('"note":"规划已印发"');
    expect((await cli(["ingest", "--rebuild"])).code).toBe(0);
    const after = JSON.parse((await cli(["ledger", "--status", "已办结", "--format", "json"])).out).rows;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id, status: "已办结", timeline: [{ kind: "mark", by: "督查室", note: "规划已印发" }] });
    expect((await cli(["ledger", "done", "nope", "--note", "x"])).code).toBe(1);
  });

  it("writes .xlsx and CSV files", async () => {
    const xlsx = join(corpus.dir, "ledger.xlsx");
    expect((await cli(["ledger", "--format", "xlsx", "--out", xlsx, "--per-unit"])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.getWorksheet("督办台账")!.getCell("A1").value).toBe("事项内容");
    expect(wb.getWorksheet("市住建局")).toBeDefined();
    const csv = join(corpus.dir, "ledger.csv");
    expect((await cli(["ledger", "--format", "csv", "--out", csv])).code).toBe(0);
    expect(readFileSync(csv, "utf8")).toContain("市综指中心（牵头）");
    expect((await cli(["ledger", "--format", "xlsx"])).code).toBe(2);
  });
});
