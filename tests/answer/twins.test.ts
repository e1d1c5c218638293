import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { ROOT } from "../helpers/paths.js";

/** Two counties' records each pass a 老旧小区改造三年行动计划; the 栖云 meeting is also saved as its portal page. */
const RECORDS = join(ROOT, "tests/fixtures/records");
let corpus: TempCorpus;
let engine: MinutesEngine;

beforeAll(async () => {
  corpus = makeCorpus({
    extra: [
      join(RECORDS, "qixia-district-standing-numbered-footer.txt"),
      join(RECORDS, "qiyun-county-standing-2023-03.txt"),
      join(RECORDS, "qiyun-county-standing-2023-03.portal.html"),
    ],
  });
  engine = await openEngine({ config: corpus.config });
}, 120_000);
afterAll(async () => {
  await engine?.close();
  corpus?.cleanup();
});

describe("a decision asked without a place, taken by several records", () => {
  it("gives each record's decision on its same-named document, one meeting saved twice counted once", async () => {
    const a = await engine.ask("老旧小区改造三年行动计划通过了吗", { access: FULL_ACCESS });
    expect(a.found).toBe(true);
    const records = new Set(a.citations.map((c) => engine.getMinutes(c.minutesId, FULL_ACCESS)!.title));
    expect([...records].some((t) => t.includes("栖霞区"))).toBe(true);
    expect([...records].some((t) => t.includes("栖云县"))).toBe(true);
    expect(a.citations).toHaveLength(2);
    expect(a.answer).toContain("另见");
    expect(a.answer).toContain("原则同意");
  });

  it("names a place: only that record's decision", async () => {
    const a = await engine.ask("栖云县老旧小区改造三年行动计划通过了吗", { access: FULL_ACCESS });
    expect(a.found).toBe(true);
    expect(a.answer).not.toContain("另见");
    for (const c of a.citations) expect(engine.getMinutes(c.minutesId, FULL_ACCESS)!.title).toContain("栖云县");
  });
});
