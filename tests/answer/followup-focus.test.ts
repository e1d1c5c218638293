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

describe("a follow-up whose words the item in talk holds stays on that item", () => {
  const county = useEngine({ extra: [join(FIXTURES, "texts/ningchuan-county-topic-2023.txt")] });
  const ask = (q: string, history: Turn[] = []) => county().ask(q, { access: FULL_ACCESS, history });

  it("«资金多少» after the road item is that item's 680万元, not the hospital item's 2350万元 (both write «资金»)", async () => {
    const q1 = "宁川县乡村公路养护由谁负责";
    const a1 = await ask(q1);
    expect(a1.focus?.ordinal).toBe(1);
    const a2 = await ask("资金多少", [turn(q1, a1)]);
    expect(a2.found).toBe(true);
    expect(a2.citations[0].quote).toContain("680万元");
    expect(a2.answer).not.toContain("2350万元");
  });

  it("«有哪些人参加» is answered from «…负责同志参加会议» in the opening", async () => {
    const q1 = "宁川县乡村公路养护由谁负责";
    const a1 = await ask(q1);
    const a = await ask("有哪些人参加", [turn(q1, a1)]);
    expect(a.found).toBe(true);
    expect(a.answer).toContain("县财政局负责同志");
    expect(a.citations[0].quote).toContain("参加会议");
  });
});

describe("a follow-up after a question the archive did not answer", () => {
  it("«谁牵头？» stays on that question's topic: refused with it, never answered from whichever record has a «牵头» sentence", async () => {
    const q1 = "太仓要在金仓湖建一座跨海大桥吗？";
    const first = await engine().ask(q1, { access: FULL_ACCESS });
    expect(first.found).toBe(false);
    const a = await engine().ask("谁牵头？", { access: FULL_ACCESS, history: [turn(q1, first)] });
    expect(a.found).toBe(false);
    expect(a.answer).toContain("跨海大桥");
  });
});
