import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { placeAsked, statesPlace } from "../../src/answer/place-asked.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

describe("placeAsked", () => {
  it("reads where something is, goes or happens («安置到了哪里», «选址在哪», «建在哪个社区», «在哪办啊»)", () => {
    for (const q of ["商户临时安置到了哪里？", "新院区选址在哪？", "便民驿站建在哪个社区啊", "灯会在哪办啊", "社区医院要搬到哪儿去？"])
      expect(placeAsked(q)).toBe(true);
  });

  it("not what money goes to, a unit, an item, or where in an argument or a text", () => {
    for (const q of ["那笔钱主要花在哪些地方", "办公室放在哪个单位？", "一网统管在哪个议题？", "两者的区别在哪？", "这个词第一次在哪里出现？", "什么时候开工"])
      expect(placeAsked(q)).toBe(false);
  });
});

describe("statesPlace", () => {
  it("a quote that says where («搬迁至新港路88号», «选址于…东侧», «在栖凤区开展», «伦敦»)", () => {
    expect(statesPlace("会议同意芦塘社区卫生服务中心搬迁至新港路88号新址。", "社区医院要搬到哪儿去？")).toBe(true);
    expect(statesPlace("项目选址于城南新区规划三路东侧。", "中医院迁建选址在哪？")).toBe(true);
    expect(statesPlace("家庭养老床位试点已在栖凤区开展。", "试点是在哪里搞的？")).toBe(true);
    expect(statesPlace("他出生于伦敦。", "他出生在哪里？")).toBe(true);
  });

  it("no place where the quote only names the thing asked or its own place («城南街道» of «城南农贸市场», «医院» of a hospital)", () => {
    expect(statesPlace("区商务局要会同城南街道妥善做好商户临时安置，确保农贸市场改造按期完成。", "椿溪城南农贸市场改造期间商户临时安置到了哪里？")).toBe(false);
    expect(statesPlace("会议同意市第二人民医院门诊楼改扩建项目追加投资，资金由市财政和医院自筹各承担一半。", "市第二人民医院新院区选址在哪里？")).toBe(false);
  });
});

describe("a place asked, end to end", () => {
  const engine = useEngine({
    seed: false,
    extra: [join(FIXTURES, "eval/blind-5/records/r10-chunxi-tongbao.txt"), join(FIXTURES, "eval/blind-3/records/r10-lutang-jiedao-2018.txt")],
  });
  const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

  it("«商户临时安置到了哪里» of a record that says only «做好商户临时安置»: «未写明地点», the nearest text shown", async () => {
    const a = await ask("椿溪城南农贸市场改造期间商户临时安置到了哪里？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未写明地点");
    expect(a.answer).toContain("临时安置");
  });

  it("a place the record states is answered («搬到哪儿去» → «新港路88号»)", async () => {
    const a = await ask("芦塘社区医院要搬到哪儿去？");
    expect(a.found).toBe(true);
    expect(a.citations.map((c) => c.quote).join("")).toContain("新港路88号");
  });
});
