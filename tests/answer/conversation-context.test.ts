import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS, type Turn } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** A follow-up that names nothing of its own is read in the conversation's topic, in the record talked about. */
const RECORDS = join(FIXTURES, "eval/blind-2/records");
const engine = useEngine({
  extra: ["r03-hepu-jiyao.txt", "r14-chunhui-jiedao.txt", "r08-baishahe-zhenzhang.txt", "r06-qinglan-zhuanti.txt", "r05-donghu-qu.txt"].map((f) =>
    join(RECORDS, f),
  ),
});

async function talk(questions: string[]) {
  const history: Turn[] = [];
  let last = null as Awaited<ReturnType<ReturnType<typeof engine>["ask"]>> | null;
  for (const q of questions) {
    last = await engine().ask(q, { access: FULL_ACCESS, history: [...history] });
    history.push({ question: q, intent: last.intent, focus: last.focus, record: last.record, answer: last.answer });
  }
  return last!;
}
const quotes = (a: { citations: { quote: string }[] }) => a.citations.map((c) => c.quote).join("\n");

describe("follow-ups read in the conversation's topic", () => {
  it("«钱从哪来» after a question about one item: the sentence of that item stating the money", async () => {
    const a = await talk(["白沙河镇敬老院改造要花多少钱？", "钱从哪来？"]);
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("民政福彩公益金");
  });

  it("«那钱从哪出» (the cutter joins 那钱) is the same question", async () => {
    const a = await talk(["春晖街道的便民服务驿站建在哪？", "那钱从哪出？"]);
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("列入街道年度预算");
  });

  it("a colloquial verb the archive never writes («交出来») does not make the follow-up a refusal", async () => {
    const a = await talk(["鹤浦疏港公路征迁的钱谁先出？", "啥时候得把地交出来？"]);
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("7月底前");
  });

  it("a noun the record never writes («去年同期») is still asked for: refused, not answered from the item in talk", async () => {
    const a = await talk(["鹤浦第二人民医院门诊楼改扩建追加了多少投资？", "那去年同期追加了多少？"]);
    expect(a.found).toBe(false);
  });

  it("a question with a topic of its own is answered as asked alone, not near the last topic", async () => {
    const a = await talk(["白沙河镇敬老院改造要花多少钱？", "交通规划强调了什么"]);
    expect(a.found).toBe(true);
    expect(a.citations.length).toBeGreaterThanOrEqual(3);
    expect(quotes(a)).toContain("5+1");
  });

  it("«他» after «…是谁主持的» is the chair the answer named: «他都强调了啥» gives the chair's own statements", async () => {
    const a = await talk(["青岚县城乡供水一体化专题会是谁主持的？", "他都强调了啥？"]);
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("倒排工期");
  });

  it("a question asked in two parts gets both, the second read as a follow-up of the first («通過了嗎？要花多少錢？»)", async () => {
    const a = await talk(["東湖區公所第十二次區務會議有哪些提案？", "第一案通過了嗎？要花多少錢？"]);
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("照案通過");
    expect(quotes(a)).toContain("86萬元");
    // Citations are renumbered across the parts.
    expect(a.citations.map((c) => c.n)).toEqual(a.citations.map((_, i) => i + 1));
  });

  it("a question in parts, one of which the records do not answer, is answered as asked as a whole", async () => {
    const a = await talk(["智慧城市规划的资金预算审议通过了吗，金额是多少亿"]);
    expect(a.found).toBe(false);
  });

  it("«几项，分别是什么» asks one thing", async () => {
    const a = await talk(["会议一共议了几项，分别是什么"]);
    expect(a.found).toBe(true);
    expect(a.citations.length).toBeGreaterThanOrEqual(9);
  });

  it("«谁负责» of the item in talk where the parse holds no unit: the sentence naming who does it", async () => {
    const a = await talk(["春晖街道的便民服务驿站建在哪？", "谁负责？"]);
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("经济发展办公室牵头");
  });

  it("a question naming another record leaves the conversation's topic", async () => {
    const a = await talk(["白沙河镇敬老院改造要花多少钱？", "春晖街道背街小巷整治总投资多少？"]);
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("210万元");
  });
});

describe("a follow-up to a meeting the archive does not hold", () => {
  it("«审议了哪些事项？» after «荪州市政府常务会议最近开了吗？» is about that meeting: refused naming it, not answered from another record", async () => {
    const a = await talk(["荪州市政府常务会议最近开了吗？", "会议审议通过了哪些事项？"]);
    expect(a.found).toBe(false);
    expect(a.answer).toContain("荪州市");
    // A follow-up naming a meeting of its own is asked as such.
    const own = await talk(["荪州市政府常务会议最近开了吗？", "白沙河镇敬老院改造要花多少钱？"]);
    expect(own.found).toBe(true);
  });
});
