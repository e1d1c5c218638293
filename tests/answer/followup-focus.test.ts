import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS, type Answer, type Turn } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES, MINUTES_FIXTURES } from "../helpers/paths.js";
import { expectVerbatim } from "../helpers/verbatim.js";

/** A follow-up that names no topic of its own is about the item the conversation is on, even where that item words it otherwise. */
const engine = useEngine({
  extra: [join(FIXTURES, "records/liaowan-district-standing-formal-2021-04.txt"), join(MINUTES_FIXTURES, "lanshan-topic-2024-03.txt")],
});

const turn = (q: string, a: Answer): Turn => ({ question: q, intent: a.intent, focus: a.focus, record: a.record, answer: a.answer });

describe("a follow-up on the item in focus", () => {
  it("«啥时候完工» after the 饮水安全 project's cost is answered from that item («于10月底前完成»), not from another record's «基本完工»", async () => {
    const first = await engine().ask("蓼湾区饮水安全巩固提升工程总投资是多少", { access: FULL_ACCESS });
    expect(first.found).toBe(true);
    const a = await engine().ask("啥时候完工", { access: FULL_ACCESS, history: [turn("蓼湾区饮水安全巩固提升工程总投资是多少", first)] });
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("10月底前");
    expect(a.citations[0].minutesId).toBe(first.citations[0].minutesId);
    expectVerbatim(engine(), a);
  });
});
