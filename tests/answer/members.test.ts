import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countsOnly, membersKind } from "../../src/answer/members.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

describe("membersKind", () => {
  it("finds the kind whose members are asked, after «哪几所» (its head and its opening) or before «分别是哪些»", () => {
    expect(membersKind("新增的学位具体放在哪几所幼儿园")).toEqual(["儿园", "幼儿"]);
    expect(membersKind("2022年先行改造哪几个农贸市场")).toEqual(["市场", "农贸"]);
    expect(membersKind("把哪几家企业合并了")).toContain("企业");
    expect(membersKind("涉及的47个小区分别是哪些")).toEqual(["小区"]);
    expect(membersKind("14处山洪灾害危险区分别是哪些地方")).toEqual(["险区"]);
  });

  it("«哪14个小区», «哪7类» ask for members as «哪几个» does; «哪一个» asks which one", () => {
    expect(membersKind("要建充电设施的是哪14个小区")).toEqual(["小区"]);
    expect(membersKind("哪一个城市的人口最多")).toEqual([]);
  });

  it("asks for no kind where the question asks for content («哪些地方», «哪些方面»)", () => {
    expect(membersKind("资金花在哪些地方")).toEqual([]);
    expect(membersKind("会议强调了哪些方面")).toEqual([]);
  });
});

describe("countsOnly", () => {
  it("is true where every place the kind is written stands beside a number", () => {
    expect(countsOnly(["项目涉及小区35个，总投资2.1亿元。"], ["小区"])).toBe(true);
    expect(countsOnly(["项目涉及小区35个。", "会议还讨论了将雨污分流改造与老旧小区改造统筹实施的建议。"], ["小区"])).toBe(true);
    expect(countsOnly(["全县9座小型水库、18处地质灾害隐患点要落实专人巡查。"], ["隐患"])).toBe(true);
    expect(countsOnly(["包括新增公办幼儿园学位600个、改造农村公路80公里等。"], ["儿园", "幼儿"])).toBe(true);
  });

  it("is false where a quote lists or titles the kind, by its head too («人民路、滨河、北关3个市场»), or writes it plainly", () => {
    expect(countsOnly(["会议同意新建阳光幼儿园、和平幼儿园、新华幼儿园3所公办幼儿园。"], ["儿园", "幼儿"])).toBe(false);
    expect(countsOnly(["分批完成9个老旧农贸市场改造，2022年先行改造人民路、滨河、北关3个市场。"], ["市场", "农贸"])).toBe(false);
    expect(countsOnly(["涉及小区35个。", "改造小区包括：城东小区、西苑小区。"], ["小区"])).toBe(false);
    expect(countsOnly(["佛洛依德将主导行动的人格分为自我，本我，超我三个部分。"], ["部分"])).toBe(false);
    expect(countsOnly(["审议通过了《城北片区3个小区改造方案》。"], ["小区"])).toBe(false);
    expect(countsOnly(["城东实验幼儿园扩建工程年内开工。"], ["儿园", "幼儿"])).toBe(false);
    expect(countsOnly(["会议要求做好防汛工作。"], ["小区"])).toBe(false);
    expect(countsOnly(["项目涉及小区35个。"], [])).toBe(false);
  });
});

describe("members asked, end to end", () => {
  const engine = useEngine({ extra: [join(FIXTURES, "records/xiyuan-county-standing-counts-2026-02.txt")] });
  const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

  it("members of a kind the record only counts: «纪要未列出具体名单», with the nearest text", async () => {
    for (const [q, near] of [
      ["西塬城北雨污分流改造涉及的35个小区分别是哪些？", "城北片区雨污分流改造"],
      ["西塬县18处地质灾害隐患点分别是哪些地方？", "18处地质灾害隐患点"],
    ]) {
      const a = await ask(q);
      expect(a.found, q).toBe(false);
      expect(a.answer, q).toContain("未列出具体名单");
      expect(a.answer, q).toContain(near);
    }
  });

  it("a counted set beside a sentence naming members of its kind is answered with both («学位600个» and «新建阳光幼儿园、和平幼儿园、新华幼儿园3所»)", async () => {
    const a = await ask("西塬新增的幼儿园学位具体放在哪几所幼儿园？");
    expect(a.found).toBe(true);
    const quoted = a.citations.map((c) => c.quote).join("\n");
    expect(quoted).toContain("幼儿园学位600个");
    expect(quoted).toContain("阳光幼儿园、和平幼儿园、新华幼儿园");
  });

  it("members the record names are answered", async () => {
    const a = await ask("西塬县新建的公办幼儿园是哪几所？");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("阳光幼儿园、和平幼儿园、新华幼儿园");
  });
});
