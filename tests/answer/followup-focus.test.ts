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

describe("who is responsible, said inside the decision", () => {
  const town = useEngine({ extra: [join(FIXTURES, "texts/songxi-town-office-2021.txt")] });
  it("«由谁负责» after «集镇环境整治什么时候完成» names the unit of that item («由镇城建办负责»)", async () => {
    const ask = (q: string, history: Turn[] = []) => town().ask(q, { access: FULL_ACCESS, history });
    const q1 = "松溪镇镇长办公会议议定了哪些事项";
    const a1 = await ask(q1);
    expect(a1.answer).toContain("集镇环境整治");
    expect(a1.answer).toContain("其他事项");
    const q2 = "集镇环境整治什么时候完成";
    const a2 = await ask(q2, [turn(q1, a1)]);
    expect(a2.citations[0].quote).toContain("8月底前");
    const a3 = await ask("由谁负责", [turn(q1, a1), turn(q2, a2)]);
    expect(a3.found).toBe(true);
    expect(a3.answer).toContain("镇城建办");
  });
});
