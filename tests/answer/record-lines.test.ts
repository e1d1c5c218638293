import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS, type Turn } from "../../src/answer/types.js";
import { missingNumbers, missingYear } from "../../src/answer/select.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

const records = ["tangpu-district-council-committee-2024-11.txt", "fenxi-city-flood-joint-2025-04.txt", "fenxi-city-sponge-notice-2025-05.txt"];

describe("missingYear", () => {
  it("is the year asked where the quotes name other years and not it", () => {
    expect(missingYear("2026年要完成多少处", "到2027年底全部完成；其中2025年底前完成12处。")).toBe("2026年");
    expect(missingYear("2025年底前完成多少处", "其中2025年底前完成12处。")).toBeNull();
  });

  it("leaves a year the quotes span, the record's own year, a relative year and quotes naming none", () => {
    expect(missingYear("2026年的目标", "《三年行动方案（2025—2027年）》提出…")).toBeNull();
    expect(missingYear("2025年开了几次会", "2024年共召开…", [2025])).toBeNull();
    expect(missingYear("2024年全年多少张", "2025年首季共发出4,286張，較去年同期上升12%。")).toBeNull();
    expect(missingYear("2026年要完成多少", "全部完成整治。")).toBeNull();
  });
});

describe("missingNumbers", () => {
  it("is a phase the sentence itself names another of, even under a heading naming the asked one", () => {
    const heading = "三、关于城区排涝泵站二期工程";
    expect(missingNumbers("二期建了几座泵站", `${heading} 一期工程已建成排涝泵站4座。`, heading, "一期工程已建成排涝泵站4座。")).toEqual(["二期"]);
    expect(missingNumbers("二期什么时候开工", `${heading} 会议同意二期工程10月底前开工。`, heading, "会议同意二期工程10月底前开工。")).toEqual([]);
    // A sentence cut at «；» goes on to name the asked phase.
    expect(missingNumbers("二期什么时候开工", "一期2025年7月开工；二期、三期另行安排。", "", "一期2025年7月开工；二期、三期另行安排。")).toEqual([]);
  });
});

describe("facts a record writes in its roster lines, tables and heads, end to end", () => {
  const engine = useEngine({ extra: records.map((f) => join(FIXTURES, "records", f)) });
  const ask = (q: string, history: Turn[] = []) => engine().ask(q, { access: FULL_ACCESS, history });
  const quoted = (a: { citations: { quote: string }[] }) => a.citations.map((c) => c.quote).join("\n");

  it("«缺席者» alone on its line: the absent members are the lines below it", async () => {
    const a = await ask("棠浦环境卫生及工程委员会这次会议谁缺席了？");
    expect(a.found).toBe(true);
    expect(quoted(a)).toContain("溫家樂議員");
    expect(quoted(a)).toContain("麥浩然議員");
  });

  it("a 區議會 紀要's secretary, next meeting and chair's summary are answered from its lines", async () => {
    expect(quoted(await ask("棠浦环境卫生及工程委员会的秘书是谁？"))).toContain("黎思敏女士");
    expect(quoted(await ask("棠浦环境卫生及工程委员会下次会议什么时候开？"))).toContain("2025年1月16日");
    const summary = await ask("棠浦环境卫生及工程委员会这次会议主席总结时说了什么？");
    expect(summary.intent).not.toBe("meta");
    expect(quoted(summary)).toContain("支持加強海濱長廊清潔");
  });

  it("a unit's row of a table of units and people says who came for it", async () => {
    const a = await ask("汾溪防汛联席会议市水务局是谁参会的？");
    expect(a.found).toBe(true);
    expect(quoted(a)).toContain("孔令泽");
  });

  it("«除了副市长还有哪些人出席» asks the attendance list", async () => {
    const a = await ask("汾溪防汛联席会议除了副市长还有哪些人出席？");
    expect(a.found).toBe(true);
    expect(quoted(a)).toContain("杭文博");
  });

  it("another phase's or year's figure is no answer; the asked one is", async () => {
    const phase = await ask("汾溪排涝泵站二期工程建成了几座泵站？");
    expect(phase.found).toBe(false);
    expect(phase.answer).toContain("一期工程已建成排涝泵站4座");
    expect((await ask("汾溪2026年底前要完成多少处易涝点整治？")).found).toBe(false);
    const asked = await ask("汾溪2025年底前要完成多少处易涝点整治？");
    expect(asked.found).toBe(true);
    expect(quoted(asked)).toContain("2025年底前完成12处");
  });

  it("the next meeting is asked of the lines that speak of one, never of this meeting's date", async () => {
    const none = await ask("汾溪防汛联席会议下一次全体会议什么时候开？");
    expect(none.found).toBe(false);
    expect(quoted(await ask("棠浦环境卫生及工程委员会下一次会议定在哪天？"))).toContain("2025年1月16日");
  });

  it("a date asked of a stage the record states without one («哪天封顶») is not another stage's date", async () => {
    const a = await ask("汾溪泵站管理综合楼是哪天封顶的？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未写明");
  });

  it("a session no record is of, which a record speaks of, is answered from the sentence stating what is asked", async () => {
    const a = await ask("汾溪防汛联席会议第二次全体会议什么时候开？");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("7月上旬");
    // A session nothing speaks of is still no meeting of the archive; who chaired a meeting is asked of its own record.
    expect((await ask("汾溪防汛联席会议第五次全体会议什么时候开？")).found).toBe(false);
    expect((await ask("汾溪防汛联席会议第二次全体会议是谁主持的？")).found).toBe(false);
  });

  it("a near thing passed is no answer to whether the thing after «的» passed", async () => {
    const near = await ask("汾溪排涝泵站二期工程的征地补偿方案审议通过了吗？");
    expect(near.found).toBe(false);
  });

  it("a builder or operator asked («哪家承建商») must be named doing it", async () => {
    const a = await ask("汾溪排涝泵站二期工程是哪家承建商承建的？");
    expect(a.intent).toBe("unit");
    expect(a.found).toBe(false);
  });

  it("a document's own number, standing alone in its head", async () => {
    const a = await ask("汾溪市海绵城市建设管理办法的印发文号是多少？");
    expect(a.found).toBe(true);
    expect(quoted(a)).toBe("汾政办发〔2025〕21号");
  });

  it("a question naming no meeting stays in the record talked about, unless it changes the topic", async () => {
    const first = await ask("汾溪防汛联席会议去年汛期城区积水点减少到多少处？");
    expect(first.found).toBe(true);
    const history: Turn[] = [
      { question: "汾溪防汛联席会议去年汛期城区积水点减少到多少处？", intent: first.intent, focus: first.focus, record: first.record, answer: first.answer },
    ];
    // 棠浦's 紀要 writes a 工程合約金額; the 汾溪 record in talk has the 泵站 works but no sum for them.
    const stay = await ask("泵站工程合约金额是多少？", history);
    expect(stay.found).toBe(false);
    expect(stay.answer).toContain("排涝泵站");
    expect(stay.answer).not.toContain("2,380萬元");
    const seedTopic = await ask("交通规划强调了什么？", history);
    expect(seedTopic.found).toBe(true);
  });
});
