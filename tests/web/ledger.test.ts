import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileMarkStore } from "../../src/ledger/marks.js";
import { LedgerService } from "../../src/ledger/service.js";
import { createApp } from "../../src/web/app.js";
import { memoryLogger, openTestEngine } from "./helpers.js";

const TOKEN = "test-ledger-token-77a1";
const AUTH = { Authorization: `Bearer ${TOKEN}` };

let t: Awaited<ReturnType<typeof openTestEngine>>;
let ledger: LedgerService;

beforeAll(async () => {
  t = await openTestEngine();
  ledger = new LedgerService({ engine: t.engine, marks: new FileMarkStore(join(t.root, "marks.jsonl")), now: () => new Date("2023-02-20T02:00:00Z") });
});
afterAll(async () => {
  await t?.cleanup();
});

const app = () => createApp(t.engine, t.config({ WEB_API_TOKEN: TOKEN, WEB_RATE_LIMIT: "1000" }), { log: memoryLogger().log, ledger });
type Row = { id: string; leadUnit: string | null; visibility: string; status: string; dueDate: string | null; minutesId: string; start: number; end: number };
const rowsOf = async (res: Response) => ((await res.json()) as { rows: Row[] }).rows;

describe("GET /api/ledger", () => {
  it("lists public rows to everyone and internal rows only with the token", async () => {
    const pub = await rowsOf(await app().request("/api/ledger"));
    expect(pub.length).toBeGreaterThanOrEqual(9);
    expect(pub.every((r) => r.visibility === "public")).toBe(true);
    const staff = await rowsOf(await app().request("/api/ledger", { headers: AUTH }));
    expect(staff.some((r) => r.visibility === "internal")).toBe(true);
  });

  it("filters by unit, status and month, and names a bad parameter", async () => {
    const housing = await rowsOf(await app().request(`/api/ledger?unit=${encodeURIComponent("市住建局")}`));
    expect(housing.map((r) => r.leadUnit)).toEqual(["市住建局"]);
    const april = await rowsOf(await app().request("/api/ledger?month=2023-04", { headers: AUTH }));
    expect(april.length).toBeGreaterThan(0);
    expect(april.every((r) => r.dueDate?.startsWith("2023-04"))).toBe(true);
    const bad = await app().request("/api/ledger?status=open");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "input_invalid", field: "status" } });
  });

  it("exports .xlsx with the same filters", async () => {
    const res = await app().request(`/api/ledger.xlsx?unit=${encodeURIComponent("市交运局")}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
    const ws = wb.getWorksheet("督办台账")!;
    expect(ws.rowCount).toBe(2);
    expect(String(ws.getCell("B2").value)).toBe("市交运局（牵头）");
  });

  it("marks a row done only with the token, keeping who and the note", async () => {
    const [row] = await rowsOf(await app().request(`/api/ledger?unit=${encodeURIComponent("市教育局")}`));
    const body = JSON.stringify({ note: "已按程序印发", by: "督查室" });
    const headers = { "content-type": "application/json" };
    expect((await app().request(`/api/ledger/${row!.id}/done`, { method: "POST", body, headers })).status).toBe(401);
    const ok = await app().request(`/api/ledger/${row!.id}/done`, { method: "POST", body, headers: { ...headers, ...AUTH } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { row: { status: string; timeline: unknown[] } }).row).toMatchObject({
      status: "已办结",
      timeline: [{ kind: "mark", by: "督查室", note: "已按程序印发" }],
    });
    const missing = await app().request("/api/ledger/nope/done", { method: "POST", body, headers: { ...headers, ...AUTH } });
    expect(missing.status).toBe(404);
  });
});
