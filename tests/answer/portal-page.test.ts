import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** A portal page whose headline names no place: the 来源 row places it, and what it does not say is not answered. */
const engine = useEngine({ extra: [join(FIXTURES, "records/luchuan-portal-office-2025-06.txt")] });
const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });
const quotes = (a: Awaited<ReturnType<typeof ask>>) => a.citations.map((c) => c.quote).join("\n");

describe("a portal page placed by its 来源 row", () => {
  it("answers a question naming the place, though no sentence repeats it", async () => {
    for (const [q, said] of [
      ["鹭川市更新信号灯多少钱？", "520万元"],
      ["鹭川市新增停车泊位多少个？", "900个"],
      // «完成方案论证»: a 方案 after its verb names no document to look for.
      ["鹭川市人民路单向通行改造什么时候完成方案论证？", "8月15日前"],
    ]) {
      const a = await ask(q);
      expect(a.found, q).toBe(true);
      expect(quotes(a)).toContain(said);
      expect(quotes(a)).not.toContain("相关阅读");
    }
  });

  it("names who leads a task, and refuses a role the page does not name («施工单位», «哪家公司»)", async () => {
    const lead = await ask("鹭川市人民路单向通行改造由哪个单位牵头？");
    expect(lead.found).toBe(true);
    expect(quotes(lead)).toContain("市公安局交警大队牵头");
    // «负责建设» frames the ask: the sentence names the doer of «新增公共停车泊位» without the verb.
    const build = await ask("鹭川市新增的公共停车泊位由哪个单位负责建设？");
    expect(build.found).toBe(true);
    expect(quotes(build)).toContain("由市城管局负责");
    for (const q of ["鹭川市人民路单向通行改造的施工单位是哪家？", "鹭川市智能信号灯由哪家公司安装？"]) expect((await ask(q)).found, q).toBe(false);
  });

  it("a unit listed without its person: «哪位负责人» is not written, and says so", async () => {
    const a = await ask("鹭川市交通整治办公会上市交通运输局是哪位负责人到会的？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("纪要未写明到会人员姓名");
  });

  it("«那要花多少钱？» after a question about one decision: the opening 那 is talk, the money is that decision's", async () => {
    const first = "鹭川市智能信号灯年内更新多少组？";
    const a1 = await ask(first);
    const history = [{ question: first, intent: a1.intent, focus: a1.focus, record: a1.record, answer: a1.answer }];
    const a = await engine().ask("那要花多少钱？", { access: FULL_ACCESS, history });
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("520万元");
  });
});
