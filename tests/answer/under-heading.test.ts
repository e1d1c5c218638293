import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** A 市政會議紀錄 whose paragraphs stand apart by blank lines: reports headed «一、…報告「…」：», cases with 案由, 說明, 決議. */
const engine = useEngine({ extra: [join(FIXTURES, "records/linhai-city-council-reports-2024-06.txt")] });
const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

describe("a heading line ending in «：»", () => {
  it("is quoted with the paragraphs under it, up to its next sibling: the 主席裁示 of that report", async () => {
    const a = await ask("主席對麟海社區關懷據點擴充有什麼裁示？");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("盤點閒置校舍");
    expect(a.citations[0].quote).not.toContain("濱海自行車道");
  });

  it("stops before the next report («二、…»)", async () => {
    const a = await ask("麟海自行車道延伸工程主席怎么裁示的？");
    expect(a.citations[0].quote).toContain("每兩週將進度公布");
    expect(a.citations[0].quote).not.toContain("社區關懷據點");
  });
});

describe("a case whose 案由 answers best", () => {
  it("is quoted with the sentence of the same case that says what is asked («決議：…申請年齡上限由35歲放寬為40歲»)", async () => {
    const a = await ask("麟海市青年租屋補貼辦法修正草案的申請年齡有什麼改變？");
    expect(a.found).toBe(true);
    expect(a.citations.map((c) => c.quote).join("")).toContain("由35歲放寬為40歲");
  });
});
