import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { askedFact, statesFact } from "../../src/answer/select.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** Facts a formal record writes around its items: its number, roster lines, leave, recorder, closing date; and what a record does not say. */
const engine = useEngine({ extra: [join(FIXTURES, "records/songxi-county-topic-2025-05.txt")] });
const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });
const quotes = (a: { citations: { quote: string }[] }) => a.citations.map((c) => c.quote).join("\n");

describe("a record's own facts", () => {
  it("«文号是多少» quotes the number as written", async () => {
    const a = await ask("松溪县学校扩容专题会议纪要的文号是多少？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("〔2025〕7号");
  });

  it("a number «〔2025〕8号» the archive does not hold is refused, not answered from 7号", async () => {
    const a = await ask("松溪县人民政府专题会议纪要〔2025〕8号讲了什么？");
    expect(a.found).toBe(false);
  });

  it("a chair «受县长委托，在…主持召开» is named", async () => {
    const a = await ask("松溪县城区学校扩容专题会议是谁主持的？");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("吴庆丰");
  });

  it("a unit's attendee is read from «县财政局局长彭丽» on the roster line", async () => {
    const a = await ask("松溪县这次专题会议县财政局是谁参会的？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("彭丽");
  });

  it("«谁请假了» quotes the 请假 line", async () => {
    const a = await ask("松溪县城区学校扩容专题会议谁请假了？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("冯涛");
  });

  it("«落款整理日期是哪天» quotes the compiling office with the date under it", async () => {
    const a = await ask("太仓常务会议纪要的落款整理日期是哪天");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("2022年1月24日");
  });

  it("«什么时候印发的» gives the date under the signature", async () => {
    const a = await ask("松溪县城区学校扩容专题会议纪要什么时候印发的？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("2025年5月14日");
  });
});

describe("what the record does not say is not answered from what it says nearby", () => {
  it("a sum per household («每户») is not a total", async () => {
    const a = await ask("松溪县供水管网改造每户补贴多少钱？");
    expect(a.found).toBe(false);
  });

  it("a post asked for («校长是谁») must be named by the quote", async () => {
    const a = await ask("松溪县城东小学的校长是谁？");
    expect(a.found).toBe(false);
  });

  it("«由哪个部门负责» is answered by the sentence naming the doer", async () => {
    const a = await ask("松溪县老旧供水管网改造由哪个部门牵头？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("县住建局牵头");
  });

  it("a plan named with a qualifier before its kind («管网改造施工组织方案» for «管网改造方案») is the plan asked about", async () => {
    const a = await ask("松溪县管网改造方案什么时候制定？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("6月底前");
  });

  it("«参会人员：…» after the items is attendance, not part of the last item", async () => {
    const m = engine()
      .listMinutes(FULL_ACCESS)
      .find((x) => x.title === "松溪县人民政府专题会议纪要");
    const full = m ? engine().getMinutes(m.id, FULL_ACCESS) : null;
    expect(full?.attendance?.present.join("、")).toContain("县财政局局长彭丽");
    expect(full?.items.at(-1)?.end).toBeLessThan(full!.text.indexOf("参会人员"));
  });

  it("a plan described with 的 («改造的方案») is no document the archive must name", async () => {
    const a = await ask("松溪县城区学校扩容的方案要求什么时候建成投用？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("2026年8月底前");
  });
});

describe("the kind of fact asked", () => {
  it("what is counted follows the question word: «多少业主» is a number, «多少钱» an amount; «有效期多长» a time", () => {
    expect(askedFact("申请电梯补助需要多少业主同意？")).toBe("number");
    expect(askedFact("敬老院改造要花多少钱")).toBe("amount");
    expect(askedFact("补助多少万元")).toBe("amount");
    expect(askedFact("这个管理办法有效期多长？")).toBe("time");
  });

  it("«多久», «多长时间» ask a span, which a date or a year range does not give", () => {
    expect(askedFact("人民路菜市场改造要关门多久啊")).toBe("duration");
    expect(askedFact("发现的问题要在多长时间内报告整改？")).toBe("duration");
    expect(askedFact("什么时候开工")).toBe("time");
    expect(statesFact("县人社部门应当自受理之日起15个工作日内完成审核", "duration", true)).toBe(true);
    expect(statesFact("督促有关部门在6个月内书面报告整改情况", "duration", true)).toBe(true);
    expect(statesFact("2022年至2024年分批完成9个老旧农贸市场改造", "duration", true)).toBe(false);
    expect(statesFact("确保2025年10月底前开工建设", "duration", true)).toBe(false);
    expect(statesFact("讀者借閱的圖書，借期為30日，可續借一次", "duration", false)).toBe(true);
    expect(statesFact("区级河长每季度巡河不少于1次", "duration", true)).toBe(true);
    expect(statesFact("须于5月30日前完成", "duration", true)).toBe(false);
  });

  it("an ordinal counts nothing: «第二十六次会议» states no number asked for", () => {
    expect(statesFact("县长主持召开县人民政府第二十六次常务会议", "number", true)).toBe(false);
    expect(statesFact("会议研究了26个项目", "number", true)).toBe(true);
  });
});
