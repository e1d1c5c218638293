import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES, MINUTES_FIXTURES } from "../helpers/paths.js";

/** «由哪家公司…», «谁负责…»: the doer is named in the cited text, or there is no answer. */
const engine = useEngine({
  extra: [
    join(FIXTURES, "records/lanfeng-county-standing-digest-2022.txt"),
    join(MINUTES_FIXTURES, "lanshan-topic-2024-03.txt"),
    join(FIXTURES, "records/xiyuan-county-standing-counts-2026-02.txt"),
    join(FIXTURES, "records/xikou-county-topic-points-2025-03.txt"),
  ],
});

const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

describe("who does a thing", () => {
  it("is answered where the quote runs on to the doer («…二期资金筹措方案。…由县城投公司负责融资»), the county that names the meeting not asked of its sentences", async () => {
    for (const q of ["岚峰县雨污分流二期由哪家公司负责融资", "岚峰雨污分流改造工程二期的融资由谁负责"]) {
      const a = await ask(q);
      expect(a.found).toBe(true);
      expect(a.citations.map((c) => c.quote).join("")).toContain("县城投公司");
    }
  });

  it("«由哪个企业负责施工» is refused where the record names no one doing it, never answered with a subsidy", async () => {
    const a = await ask("澜山老旧小区加装电梯由哪个企业负责施工");
    expect(a.found).toBe(false);
  });

  it("a doer of another thing in the next sentence («…，要求县司法局做好合法性审查工作») does not say who: «纪要未写明责任单位»", async () => {
    const a = await ask("西塬县改造农村公路80公里由哪个部门负责实施？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未写明责任单位");
  });

  it("a doer in the sentence after the thing, about it («会议要求县住建局简化审批流程»), is answered", async () => {
    const a = await ask("西塬县加装电梯审批简化由哪个部门负责？");
    expect(a.found).toBe(true);
    expect(a.citations.map((c) => c.quote).join("")).toContain("县住建局简化审批流程");
  });

  it("a numbered point opened by the thing asked («（一）征地拆迁尚未全部完成。…会议议定：由城东街道负责») is answered by its doer sentences later", async () => {
    const a = await ask("溪口征地拆迁由谁负责？");
    expect(a.found).toBe(true);
    expect(a.citations.map((c) => c.quote).join("")).toContain("由城东街道负责");
  });
});
