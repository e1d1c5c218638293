import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nameAsked, namesThing } from "../../src/answer/name-asked.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

describe("nameAsked", () => {
  it("finds the thing whose name is asked («保洁公司叫什么名字», «名称是什么»)", () => {
    expect(nameAsked("桐渚镇统一请的保洁公司叫什么名字？")).toBe("桐渚镇统一请的保洁公司");
    expect(nameAsked("那个民宿叫啥？")).toBe("那个民宿");
    expect(nameAsked("新建停车场的名称是什么")).toBe("新建停车场");
  });

  it("asks nothing of a person or post, of another name of something named, or of a name itself", () => {
    expect(nameAsked("市政府秘书长叫什么名字？")).toBeNull();
    expect(nameAsked("《铁拳男人》的主角叫什么名字?")).toBeNull();
    expect(nameAsked("沼鹿又叫什么？")).toBeNull();
    expect(nameAsked("苏镜宇的原名叫什么？")).toBeNull();
    expect(nameAsked("当惹雍错叫什么？")).toBeNull();
    expect(nameAsked("保洁公司什么时候进场？")).toBeNull();
  });
});

describe("namesThing", () => {
  it("is false where the thing is only mentioned («统一请了保洁公司，», «全镇民宿、农家乐», «新建公共停车场一处»)", () => {
    expect(namesThing("镇里统一请了保洁公司，想每户每年收60元清运费。", "垃圾清运保洁公司")).toBe(false);
    expect(namesThing("组织对全镇民宿、农家乐、加油站开展一次全覆盖检查。", "民宿")).toBe(false);
    expect(namesThing("会议同意在城西片区新建公共停车场一处。", "城西新建的公共停车场")).toBe(false);
  });

  it("is true where a name stands before or after it, or is written as one", () => {
    expect(namesThing("由绿源保洁公司负责清运。", "保洁公司")).toBe(true);
    expect(namesThing("断交后采用新的货币西里。", "新的货币")).toBe(true);
    expect(namesThing("该校附设直属小学，名为圣母小学。", "直属小学")).toBe(true);
    expect(namesThing("持续擦亮“太舒心”营商服务品牌。", "营商服务品牌")).toBe(true);
  });

  it("knows nothing where the quote does not hold the thing's words", () => {
    expect(namesThing("会议要求做好防汛工作。", "保洁公司")).toBeUndefined();
  });
});

describe("a name asked, end to end", () => {
  const engine = useEngine({ extra: [join(FIXTURES, "records/danchuan-city-topic-funding-2025-06.txt")] });
  const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

  it("«新建的公共停车场叫什么名字» of a record that names none: «纪要未写明名称», the nearest text shown", async () => {
    const a = await ask("澹川城西新建的公共停车场叫什么名字？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未写明名称");
    expect(a.answer).toContain("公共停车场");
  });

  it("a name the record writes is answered («太仓的营商服务品牌叫什么» → «太舒心»)", async () => {
    const a = await ask("太仓的营商服务品牌叫什么");
    expect(a.found).toBe(true);
    expect(a.citations.map((c) => c.quote).join("")).toContain("太舒心");
  });
});
