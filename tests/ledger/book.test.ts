import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LedgerBook } from "../../src/ledger/book.js";
import type { Mark } from "../../src/ledger/marks.js";
import { readRecordsFile } from "../../src/minutes/read.js";
import { FULL_ACCESS, PUBLIC_ACCESS } from "../../src/retrieval/types.js";
import { FIXTURES, SEED } from "../helpers/paths.js";

const records = async (...files: string[]) => (await Promise.all(files.map((f) => readRecordsFile(f)))).flat();
const FOLLOWUP = join(FIXTURES, "ledger/taicang-followup-2022-06.txt");
const INTERNAL = join(FIXTURES, "minutes/internal-standing-2023-02.txt");
const at = (iso: string) => new Date(`${iso}T02:00:00Z`);

describe("ledger status", () => {
  it("moves from 未到期 to 临近 within 7 days and to 逾期 after the due date", async () => {
    const book = new LedgerBook(await records(FOLLOWUP));
    const statusOf = (day: string) => book.rows({ unit: "市交运局" }, { access: FULL_ACCESS, now: at(day), marks: [] })[0]!.status;
    expect(statusOf("2022-08-01")).toBe("未到期");
    expect(statusOf("2022-08-24")).toBe("临近");
    expect(statusOf("2022-08-31")).toBe("临近");
    expect(statusOf("2022-09-01")).toBe("逾期");
  });

  it("closes a task when a later meeting hears how it was carried out, with both citations on the timeline", async () => {
    const book = new LedgerBook(await records(SEED, FOLLOWUP));
    const rows = book.rows({ text: "交通运输发展规划" }, { access: FULL_ACCESS, now: at("2022-07-01"), marks: [] });
    const transport = rows.find((r) => r.minutesId.endsWith("2022-001"))!;
    expect(transport).toMatchObject({ leadUnit: "市交运局", status: "已办结" });
    expect(transport.timeline).toHaveLength(1);
    expect(transport.timeline[0]!.source!.quote).toContain("落实情况");
    expect(transport.timeline[0]!.source!.reference).toContain("〔2022〕9号");
    // The housing plan was not reported on: still open.
    const housing = book.rows({ unit: "市住建局", to: "2022-01-31" }, { access: FULL_ACCESS, now: at("2022-07-01"), marks: [] });
    expect(housing.map((r) => r.status)).toEqual(["未到期"]);
  });

  it("closes a task marked done by staff, keeping who, when and the note", async () => {
    const book = new LedgerBook(await records(SEED));
    const row = book.rows({ unit: "市民政局" }, { access: FULL_ACCESS, now: at("2022-03-01"), marks: [] })[0]!;
    const marks: Mark[] = [{ id: row.id, at: "2022-03-02T08:00:00.000Z", by: "督查室", note: "已印发" }];
    const after = book.rows({ unit: "市民政局" }, { access: FULL_ACCESS, now: at("2022-03-03"), marks })[0]!;
    expect(after.status).toBe("已办结");
    expect(after.timeline).toEqual([{ kind: "mark", at: "2022-03-02T08:00:00.000Z", by: "督查室", note: "已印发" }]);
    expect(book.rows({ status: "已办结" }, { access: FULL_ACCESS, now: at("2022-03-03"), marks }).map((r) => r.id)).toEqual([row.id]);
  });

  it("shows rows of internal minutes only to internal callers", async () => {
    const book = new LedgerBook(await records(SEED, INTERNAL));
    const all = book.rows({}, { access: FULL_ACCESS, now: at("2023-03-01"), marks: [] });
    const pub = book.rows({}, { access: PUBLIC_ACCESS, now: at("2023-03-01"), marks: [] });
    expect(all.some((r) => r.visibility === "internal")).toBe(true);
    expect(pub.every((r) => r.visibility === "public")).toBe(true);
    expect(pub.length).toBeLessThan(all.length);
  });

  it("filters by due date and month", async () => {
    const book = new LedgerBook(await records(FOLLOWUP));
    const opts = { access: FULL_ACCESS, now: at("2022-06-20"), marks: [] };
    expect(book.rows({ dueBefore: "2022-06-30" }, opts).map((r) => r.leadUnit)).toEqual(["市水务局"]);
    expect(book.rows({ month: "2022-12" }, opts).map((r) => r.leadUnit)).toEqual(["市住建局"]);
  });
});
