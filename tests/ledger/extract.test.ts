import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractTasks, taskId } from "../../src/ledger/extract.js";
import { evaluateLedger, supported } from "../../src/ledger/eval.js";
import { readRecordsFile } from "../../src/minutes/read.js";
import { FIXTURES, ROOT, SEED } from "../helpers/paths.js";

const FOLLOWUP = join(FIXTURES, "ledger/taicang-followup-2022-06.txt");

describe("ledger extraction", () => {
  it("gives each plan of the seed to the unit that must revise and issue it, cited verbatim", async () => {
    const [m] = await readRecordsFile(SEED);
    const tasks = extractTasks(m!);
    const units = tasks.map((t) => t.leadUnit);
    for (const u of ["市综指中心", "市民政局", "市教育局", "市卫健委", "市交运局", "市住建局", "市政府办", "大数据管理中心"]) expect(units).toContain(u);
    for (const t of tasks) {
      expect(m!.text.slice(t.start, t.end)).toBe(t.quote);
      expect(t.reference).toContain(t.quote);
      expect(supported(t)).toBe(true);
    }
    const housing = tasks.find((t) => t.leadUnit === "市住建局")!;
    expect(housing).toMatchObject({ kind: "由…负责", itemOrdinal: 8, deadlineText: null, dueDate: null, meeting: { date: "2022-01-21", number: 1 } });
    // The 会议强调 points that name no unit and no deadline are not tracked items.
    expect(tasks.some((t) => t.quote.startsWith("要主动把握数字经济"))).toBe(false);
  });

  it("reads cooperating units, the leader and working-day deadlines", async () => {
    const [m] = await readRecordsFile(FOLLOWUP);
    const tasks = extractTasks(m!);
    const pumps = tasks.find((t) => t.leadUnit === "市水务局")!;
    expect(pumps).toMatchObject({ deadlineText: "3个工作日内", dueDate: "2022-06-22", leader: "张建国" });
    expect(tasks.find((t) => t.leadUnit === "市应急管理局")!.cooperatingUnits).toEqual(["市水务局", "市气象局"]);
    expect(tasks.find((t) => t.leadUnit === "市住建局")).toMatchObject({ kind: "请…牵头", cooperatingUnits: ["市财政局"], dueDate: "2022-12-31" });
  });

  it("keeps the unit empty when the item names none, and splits two units' tasks in one sentence", async () => {
    const [q] = await readRecordsFile(join(FIXTURES, "minutes/qinghe-office-2023-07.txt"));
    const decided = extractTasks(q!).find((t) => t.quote.startsWith("会议决定，自2023年9月1日起"))!;
    expect(decided).toMatchObject({ kind: "决定/通过", leadUnit: null });
    const [h] = await readRecordsFile(join(FIXTURES, "records/heming-district-standing-2021-06.txt"));
    const item3 = extractTasks(h!).filter((t) => t.itemOrdinal === 3);
    expect(item3.map((t) => [t.leadUnit, t.deadlineText])).toEqual([
      ["区财政局", null],
      ["区卫生健康局", "9月底前"],
    ]);
  });

  it("keeps a row id while the record and the task's words are unchanged", async () => {
    const [m] = await readRecordsFile(SEED);
    const ids = extractTasks(m!).map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(extractTasks(m!).map((t) => t.id)).toEqual(ids);
    expect(taskId(m!, "由市住建局根据会议讨论情况 进一步细化完善。")).toBe(taskId(m!, "由市住建局根据会议讨论情况进一步细化完善"));
    expect(taskId(m!, "由市住建局负责")).not.toBe(taskId({ id: "other" }, "由市住建局负责"));
  });

  it("meets the gold ledger: precision and recall at least 0.9, no unit or deadline outside its quote", async () => {
    const r = await evaluateLedger(join(ROOT, "tests/fixtures/eval/ledger-gold.jsonl"), ROOT);
    expect(r.gold).toBeGreaterThanOrEqual(40);
    expect(r.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.recall).toBeGreaterThanOrEqual(0.9);
    expect(r.unsupported).toBe(0);
  });
});
