import { describe, expect, it } from "vitest";
import { figureClauses, partNamedAfter, siblingInstead } from "../../src/answer/sibling.js";
import { otherMoney, otherRole, otherStage } from "../../src/answer/fact-kind.js";
import { askedFact, statesFact } from "../../src/answer/select.js";
import { unitAskedToSpeak, unitSpeaks } from "../../src/answer/unit-speaker.js";

const record = "会议明确，项目资金通过申请地方政府专项债券、市级财政预算安排和企业自筹三个渠道解决，其中申请专项债券1.2亿元。";

describe("siblingInstead", () => {
  it("names the listed sibling whose figure the clauses give", () => {
    const clauses = figureClauses(record, (c) => /亿元/.test(c));
    expect(siblingInstead(["自筹"], clauses, record, "企业自筹的资金是多少")).toBe("专项债券");
  });

  it("is null when the asked word is not listed beside anything the clauses hold", () => {
    const clauses = figureClauses(record, (c) => /亿元/.test(c));
    expect(siblingInstead(["泵站"], clauses, `${record}城西泵站、城东泵站另行研究。`, "泵站投资多少")).toBeNull();
  });

  it("does not take wording inside a member («开凿了») for a sibling", () => {
    const text = "百姓开凿了渠道和会通河的堤岸。";
    const clauses = figureClauses("官府开凿了一条运河，至元二十六年开工", (c) => /年/.test(c));
    expect(siblingInstead(["通河"], clauses, text, "会通河在哪一年开始动工")).toBeNull();
  });
});

describe("figures asked and stated", () => {
  it("«进一步» counts nothing", () => {
    expect(statesFact("会议决定，由县自然资源局进一步征求意见", "number")).toBe(false);
    expect(statesFact("会议决定，新增助餐点30个", "number")).toBe(true);
  });

  it("«分别要投资多少» asks a figure, «分别是什么» a list", () => {
    expect(askedFact("两个选址方案分别要投资多少")).toBe("amount");
    expect(askedFact("会议议了几项，分别是什么")).toBe("none");
  });
});

describe("a unit asked to speak", () => {
  it("reads the unit after the meeting it spoke at, not a unit spoken to", () => {
    expect(unitAskedToSpeak("苇川市政协协商会上市医保局对长期护理保险支付作了什么表态")).toBe("市医保局");
    expect(unitAskedToSpeak("蔚岭经开区财政金融局负责人在调度会上讲了什么")).toBe("蔚岭经开区财政金融局");
    expect(unitAskedToSpeak("会议对住建局提了什么要求")).toBeNull();
  });

  it("finds it speaking, not listed", () => {
    expect(unitSpeaks("市民政局", "市民政局局长韩雪梅介绍，全市已建成社区养老服务站86个")).toBe(true);
    expect(unitSpeaks("蔚岭经开区财政金融局", "经开区建设局、财政金融局、自然资源分局负责人参加。")).toBe(false);
  });
});

describe("otherStage", () => {
  it("a plan's date is not the date a work opens", () => {
    expect(otherStage("充电桩什么时候建成投用", "会议要求街道在5月底前拿出方案")).toBe(true);
    expect(otherStage("什么时候开挖", "2025年5月中旬开工")).toBe(false);
  });

  it("decides nothing where the question or the clause names no stage", () => {
    expect(otherStage("这件事什么时候办好", "5月底前拿出方案")).toBe(false);
    expect(otherStage("什么时候建成", "6月底前")).toBe(false);
  });
});

describe("otherMoney", () => {
  it("a subsidy is not the total investment, nor revenue the spending", () => {
    expect(otherMoney("城北农贸市场总投资是多少", "区财政按每个市场不超过300万元给予补助")).toBe(true);
    expect(otherMoney("一般公共预算支出是多少亿元", "前三季度全县一般公共预算收入完成12.64亿元")).toBe(true);
  });

  it("a price asked per thing bought («一顿饭要多少钱», «多少钱一吨») is not the subsidy for it", () => {
    expect(otherMoney("老年食堂一顿饭要多少钱", "80岁以上老人每餐补贴4元")).toBe(true);
    expect(otherMoney("自来水现在多少钱一吨", "对低保家庭每月补贴水费10元")).toBe(true);
    expect(otherMoney("长者食堂一顿饭卖多少钱", "每餐收费12元")).toBe(false);
    expect(otherMoney("修这条路要多少钱", "每公里补助50万元")).toBe(false);
  });

  it("decides nothing where the kinds meet or one side names none", () => {
    expect(otherMoney("总投资多少", "项目总投资3亿元，其中申请专项债券1.2亿元")).toBe(false);
    expect(otherMoney("补助资金多少", "市财政安排资金800万元")).toBe(false);
    expect(otherMoney("要花多少钱", "每个市场补助300万元")).toBe(false);
  });
});

describe("partNamedAfter", () => {
  const sum = (c: string) => /万元|亿元/.test(c);

  it("a part named after the sum, beside another part, is not what the sum is of", () => {
    const quote = "工程估算总投资8600万元，会议同意先行启动城东段2.1公里，10月底前完成主体工程；城西段待可研报告批复后再议。";
    expect(partNamedAfter(["城东"], "会议还讨论了县城防洪堤加固工程。", quote, sum)).toBe("城东");
  });

  it("a sum for several things named in a «用于…和…» clause is not one's", () => {
    expect(partNamedAfter(["综合楼"], "", "新增政府债券资金3.2亿元，主要用于城乡供水一体化和县人民医院综合楼建设。", sum)).toBe("综合楼");
    expect(partNamedAfter(["综合楼"], "", "新增政府债券资金3.2亿元，主要用于县人民医院综合楼建设。", sum)).toBeNull();
  });

  it("a part named before the sum carries on to it", () => {
    expect(partNamedAfter(["城东"], "", "城东段先行启动，估算投资3000万元，城西段待可研报告批复后再议。", sum)).toBeNull();
  });
});

describe("figureClauses", () => {
  it("reads the clause after a date only within its sentence", () => {
    const quote = "三是将完成时限提前至2027年6月底。修改后由市商务局按程序印发实施。";
    expect(figureClauses(quote, (c) => /6月底/.test(c), true)).not.toContain("印发");
    expect(figureClauses("会议要求，5月底前，街道要拿出方案。", (c) => /5月底/.test(c), true)).toContain("拿出方案");
  });

  it("takes what a figure is said of from its own sentence, not from the quote's first one", () => {
    const quote = "会议同意对城东菜市场、西街菜市场等5个农贸市场实施提升改造。其中城东菜市场改造期间设置临时过渡市场，12月31日前完成改造并重新开业。";
    const date = (c: string) => /12月31日/.test(c);
    const clauses = figureClauses(quote, date);
    expect(clauses).toContain("其中城东菜市场");
    expect(clauses).not.toContain("西街菜市场");
    expect(siblingInstead(["西街菜市场"], clauses, quote, "西街菜市场改造要求什么时候完成")).toBe("城东菜市场");
  });
});

describe("otherRole", () => {
  it("a 责任单位 is not a 配合单位; «会同» names both", () => {
    expect(otherRole("开发公益性岗位的配合单位有哪些", "责任单位：县人社局。")).toBe(true);
    expect(otherRole("配合单位有哪些", "由市住建局会同市财政局组织实施")).toBe(false);
    expect(otherRole("谁牵头", "由县人社局负责")).toBe(false);
    expect(otherRole("谁来办", "责任单位：县人社局。")).toBe(false);
  });
});
