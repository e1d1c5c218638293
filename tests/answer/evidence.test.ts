import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { holdsGold } from "../../src/answer/answer-eval.js";
import { askedFact, missingLevel, missingNumbers, missingPost, sentenceSpans, statesFact } from "../../src/answer/select.js";
import { FULL_ACCESS, type Answer, type Turn } from "../../src/answer/types.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { expectVerbatim } from "../helpers/verbatim.js";

/** The examples of the answers issue, tried as a new user would over the seed. */
let corpus: TempCorpus;
let engine: MinutesEngine;

beforeAll(async () => {
  corpus = makeCorpus();
  engine = await openEngine({ config: corpus.config });
}, 120_000);
afterAll(async () => {
  await engine?.close();
  corpus?.cleanup();
});

const ask = (q: string, history: Turn[] = []) => engine.ask(q, { access: FULL_ACCESS, history });
const turn = (q: string, a: Answer): Turn => ({ question: q, intent: a.intent, focus: a.focus, record: a.record, answer: a.answer });

describe("evidence first: the sentences that answer, or a refusal that helps", () => {
  it("an A-not-A question («批没批», «通没通过») asks for the decision; with a typo it is respelt, not refused over «批没批»", async () => {
    const a = await ask("太仓交通规划通没通过");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("会议原则同意该《规划》");
    const b = await ask("太仓智惠城市规划批没批");
    expect(b.found).toBe(true);
    expect(b.answer).toContain("原则同意该《规划》");
    expect(b.answer).toContain("「智慧」");
  });

  it("«买不起房子政府管不管» → the housing plan's point on families who cannot afford a home, not a refusal built from «不管»", async () => {
    const a = await ask("买不起房子政府管不管");
    expect(a.found).toBe(true);
    expect(a.citations[0].item?.ordinal).toBe(8);
    expect(a.citations.map((c) => c.quote).join("")).toContain("中低收入家庭住房困难");
    expect(a.answer).not.toContain("不管的内容");
    expectVerbatim(engine, a);
  });

  it("«太仓要修地铁吗» is never refused with leftover words: the rail-network point is shown, cited or as the nearest text", async () => {
    const a = await ask("太仓要修地铁吗");
    expect(a.answer).toContain("5+1");
    expect(a.answer).not.toMatch(/没有关于.*要修/);
    if (a.found) expect(a.citations[0].item?.ordinal).toBe(7);
  });

  it("«会议一共议了几项，分别是什么» → all nine items, counted", async () => {
    const a = await ask("会议一共议了几项，分别是什么");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("共 9 项");
    expect(new Set(a.citations.map((c) => c.item?.ordinal))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it("«交通规划提出了哪几点要求» → every point, not one of three", async () => {
    const a = await ask("交通规划提出了哪几点要求");
    expect(a.found).toBe(true);
    expect(a.citations.filter((c) => c.item?.ordinal === 7).map((c) => c.pointLabel)).toEqual(["（一）", "（二）", "（三）"]);
  });

  it("«会议原则同意了哪些文件» → all eight documents", async () => {
    const a = await ask("会议原则同意了哪些文件");
    expect(a.found).toBe(true);
    expect(a.citations.map((c) => c.item?.ordinal)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("«会议给教育拨了多少钱» → says the record states no amount, with the education text nearest", async () => {
    const a = await ask("会议给教育拨了多少钱");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("纪要未写明金额");
    expect(a.answer).toContain("教育");
  });

  it("«住方规划说了什么» (a typo) → «您是不是要找「住房」», answered from the housing plan as so spelt, and said so", async () => {
    const a = await ask("住方规划说了什么");
    expect(a.found).toBe(true);
    expect(a.answer).toMatch(/^（您是不是要找「住房」？以下按「住房」回答，原问题写作「住方」）/);
    expect(a.citations[0].item?.ordinal).toBe(8);
    expectVerbatim(engine, a);
  });

  it("a respelt question is asked as the user meant it («智惠…批了吗» → the decision on the 智慧城市 plan); a name is never respelt into a non-word or another person", async () => {
    const a = await ask("太仓智惠城市规划批了吗");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("原则同意该《规划》");
    const b = await ask("李四列席了会议吗");
    expect(b.found).toBe(false);
    expect(b.answer).not.toContain("您是不是要找「");
  });

  it("«第三点强调了什么» gives that point of the clause, «第一点» is no subject word to find", async () => {
    const a = await ask("交通规划第三点强调了什么");
    expect(a.found).toBe(true);
    expect(a.citations).toHaveLength(1);
    expect(a.citations[0].quote).toContain("先行准备工作");
    const b = await ask("城镇住房发展规划第一点强调的是什么");
    expect(b.citations[0].quote).toContain("保障性住房建设");
    expectVerbatim(engine, b);
    // A point beyond the clause's: every point, and how many there are.
    const c = await ask("交通规划第五点强调了什么");
    expect(c.answer).toContain("（共3点，没有第5点）");
    expect(c.citations).toHaveLength(3);
  });

  it("a typo with no single spelling of the same sound stays a refusal with what the archive has («住方办法»)", async () => {
    const a = await ask("住方工作方案说了什么");
    expect(a.found).toBe(false);
  });

  it("«人设局负责什么» (a typo of 人社局) is not answered from «设局» of 建设局: the name is asked whole, or as the 人社局 it sounds like", async () => {
    const a = await ask("人设局负责什么");
    expect(a.answer).not.toContain("建设局办公室[1]");
    if (a.found) {
      expect(a.answer).toContain("您是不是要找「人社局」");
      expect(a.citations.map((c) => c.quote).join("")).toContain("人社局");
    }
  });

  it("«市交运局来的是谁» asks who attended for that unit, answered from the 列席 list", async () => {
    const a = await ask("太仓会议市交运局来的是谁");
    expect(a.found).toBe(true);
    expect(a.intent).toBe("attendance");
    expect(a.citations[0].quote).toContain("市交运局徐勤");
    expectVerbatim(engine, a);
  });

  it("«1号纪要是哪个单位发的» is answered by the office that signs it, quoted as written («…办公室 整理»)", async () => {
    const a = await ask("太仓1号纪要是哪个单位发的");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("太仓市人民政府办公室");
    expect(a.answer).not.toContain("市综指中心");
    expectVerbatim(engine, a);
  });

  it("«这份纪要公开吗» is answered by the record's own publication mark, quoted", async () => {
    const a = await ask("太仓1号纪要公开吗");
    expect(a.found).toBe(true);
    expect(a.citations.map((c) => c.quote)).toEqual(["此件公开发布"]);
    expectVerbatim(engine, a);
  });

  it("a near miss that is not a typo gets no «您是不是要找»: «共享单车» is not «停车»", async () => {
    const a = await ask("共享单车管理办法通过了吗");
    expect(a.found).toBe(false);
    expect(a.answer).not.toContain("您是不是要找");
  });

  it("a follow-up keeps the item in focus: «智慧城市规划通过了吗» then «谁汇报的» → item 二", async () => {
    const first = await ask("智慧城市规划通过了吗");
    expect(first.focus?.ordinal).toBe(2);
    const a = await ask("谁汇报的", [turn("智慧城市规划通过了吗", first)]);
    expect(a.found).toBe(true);
    expect(a.citations[0].item?.ordinal).toBe(2);
    expect(a.answer).toContain("市综指中心");
  });

  it("a follow-up about the meeting keeps the record in talk: «…是谁主持的» then «都有谁出席»", async () => {
    const first = await ask("太仓1号纪要是谁主持的");
    expect(first.record).toBe(first.citations[0].minutesId);
    const a = await ask("都有谁出席", [turn("太仓1号纪要是谁主持的", first)]);
    expect(a.found).toBe(true);
    expect(a.citations[0].minutesId).toBe(first.record);
  });

  it("near misses stay refused: a plan, a person's statement and a meeting the archive does not have", async () => {
    for (const q of ["共享单车管理办法通过了吗", "太仓“十四五”体育发展规划通过了吗", "胡卫江在会上对防汛工作说了什么", "南京市政府第1号纪要是谁主持的"]) {
      const a = await ask(q);
      expect(a.found, q).toBe(false);
    }
  });

  it("every answer carries its support score, and a refusal below the threshold says what was looked for", async () => {
    const yes = await ask("智慧城市建设分几个阶段？");
    expect(yes.support).toBeGreaterThanOrEqual(0.5);
    const no = await ask("量子计算机的冷却系统用什么制冷剂");
    expect(no.found).toBe(false);
    expect(no.answer).toContain("量子计算机的冷却系统用什么制冷剂");
  });
});

describe("the parts of the sentence path", () => {
  it("sentence spans end after 。！？； with closing quotes, and long ones are cut at a comma", () => {
    const text = `第一句。“第二句！”第三句很长，${"很长".repeat(90)}，结束。`;
    const spans = sentenceSpans(text, 0, text.length);
    expect(text.slice(...spans[0])).toBe("第一句。");
    expect(text.slice(...spans[1])).toBe("“第二句！”");
    expect(spans.slice(2).every(([s, e]) => e - s <= 150)).toBe(true);
    expect(
      spans
        .slice(2)
        .map(([s, e]) => text.slice(s, e))
        .join(""),
    ).toBe(text.slice(spans[2][0]));
  });

  it("asked facts: an amount, a number, a time, stages, and lists that are not figures", () => {
    expect(askedFact("会议给教育拨了多少钱")).toBe("amount");
    expect(askedFact("对多少个重大项目实行周调度")).toBe("number");
    expect(askedFact("什么时候完成")).toBe("time");
    expect(askedFact("分几个阶段")).toBe("stages");
    expect(askedFact("交通规划提出了哪几点要求")).toBe("none");
    expect(askedFact("会议提了几点意见")).toBe("none");
    // «几点结束» asks the hour, not how many points.
    expect(askedFact("北屿区议会第八次会议于几点结束")).toBe("time");
    // «哪天» asks for a day: a year alone («2024年春运») or a word ending in 节 («关键环节») is none.
    expect(askedFact("云河2024年春运从哪天开始")).toBe("day");
    expect(statesFact("研究2024年春运工作", "day")).toBe(false);
    expect(statesFact("规范项目审批流程等关键环节", "day")).toBe(false);
    expect(statesFact("自2023年3月1日起施行", "day")).toBe(true);
    expect(statesFact("于春节前完成", "day")).toBe(true);
    expect(statesFact("受理之日起15个工作日内", "time")).toBe(true);
    // A deadline set by a holiday or a season is a time («什么时候完工» → «国庆节前»).
    expect(statesFact("确保暑期结束前完成、中秋节前全部交付", "time")).toBe(true);
    expect(statesFact("汛期前完成河道清淤", "time")).toBe(true);
    expect(statesFact("由区城管局组织实施", "time")).toBe(false);
  });

  it("a figure is asked by a question word, not by a word that holds one («几乎», «几内亚», «休息时间»)", () => {
    expect(askedFact("太阳在什么时期几乎没有黑子活动")).toBe("time");
    expect(askedFact("在法国殖民前，几内亚地区采用什么贸易方式")).toBe("none");
    expect(askedFact("哪一单位的比赛后会有两分钟的休息时间")).toBe("none");
    expect(askedFact("令群众行为转变的数量叫做什么")).toBe("none");
    expect(askedFact("中华民国政府撤退至台湾于西元几年")).toBe("time");
    expect(askedFact("莱茵河沿线的第几大港口是史特拉斯堡港")).toBe("ordinal");
    expect(askedFact("项目的总投资金额")).toBe("amount");
    // Any written figure answers «多少», never a date's year; a time may be a period or a part of a day.
    expect(statesFact("共計500席", "number")).toBe(true);
    expect(statesFact("2010年3月31日開始", "number")).toBe(false);
    expect(statesFact("在白堊紀中期", "time")).toBe(true);
    expect(statesFact("補庫當天下午", "time")).toBe(true);
    expect(statesFact("價格約為9800日元", "amount")).toBe(true);
    expect(statesFact("史特拉斯堡港是萊茵河沿線的第二大港口", "ordinal")).toBe(true);
    expect(statesFact("同意户数达到三分之二以上", "number")).toBe(true);
    expect(statesFact("会议材料于会前2日送达", "number")).toBe(true);
    expect(statesFact("定于3月15日召开", "number")).toBe(false);
    expect(statesFact("常务会议原则上每月召开两次", "time")).toBe(true);
  });

  it("a number the question names must be the text's: «三期» is not «二期»", () => {
    expect(missingNumbers("港城大道三期工程资金缺口多少", "港城大道二期工程建设资金缺口3200万元")).toEqual(["三期"]);
    expect(missingNumbers("二期工程资金缺口多少", "港城大道二期工程建设资金缺口3200万元")).toEqual([]);
    expect(missingNumbers("第2批资金", "第二批资金")).toEqual([]);
    // The heading says what a passage is about: an 二季度 target inside the 一季度 item is not the 二季度's.
    expect(missingNumbers("二季度经济运行情况怎么样", "确保二季度新开工项目不少于12个", "一、关于一季度全区经济运行情况")).toEqual(["二季度"]);
    expect(missingNumbers("一季度经济运行情况怎么样", "确保二季度新开工项目不少于12个", "一、关于一季度全区经济运行情况")).toEqual(["一季度"]);
    expect(missingNumbers("二季度新开工项目多少个", "确保二季度新开工项目不少于12个", "一、关于全区经济运行情况")).toEqual([]);
    // A season the text names, none of them the asked one; a text that names no season does not contradict.
    expect(missingNumbers("霁山县秋冬季森林防火经费多少", "霁山县春季森林防火工作专题会议 同意拨付森林防火专项经费30.5万元")).toEqual(["秋冬季"]);
    expect(missingNumbers("冬春季森林防火经费多少", "霁山县春季森林防火工作专题会议")).toEqual([]);
    expect(missingNumbers("今夏最高用电负荷预计多少", "预计今夏全区最高用电负荷将达到186万千瓦")).toEqual([]);
    expect(missingNumbers("夏季用电保障怎么安排", "区政府召开专题会议研究用电保障工作")).toEqual([]);
  });

  it("a post asked for by its holder must be named as asked: «市长» is not the «常务副市长»", () => {
    expect(missingPost("澜山市长是谁", "常务副市长赵立群主持召开市政府常务会议")).toBe("市长");
    expect(missingPost("澜山市长是谁", "澜山市人民政府专题会议纪要")).toBe("市长");
    expect(missingPost("太仓市长是谁", "胡卫江市长主持召开市政府第1次常务会议")).toBeNull();
    expect(missingPost("谁是常务副市长", "常务副市长赵立群主持")).toBeNull();
    expect(missingPost("交通规划说了什么", "任何文字")).toBeNull();
  });

  it("the answer-set judge folds scripts and refuses quotes too long to paste", () => {
    const a = { citations: [{ quote: "在歐洲，梵語的學術研究" }] } as unknown as Answer;
    expect(holdsGold(a, ["欧洲"])).toBe(true);
    const long = { citations: [{ quote: `${"长".repeat(301)}欧洲` }] } as unknown as Answer;
    expect(holdsGold(long, ["欧洲"])).toBe(false);
  });

  it("a level the question names («省级补助») is not answered by another level's figure («县级财政安排»)", () => {
    expect(missingLevel("栗坞农村公路养护资金里省级补助有多少", "2024年县级财政安排农村公路养护资金380万元")).toBe("省级");
    expect(missingLevel("省级补助有多少", "争取中央、省级补助资金1.2亿元")).toBeNull();
    expect(missingLevel("养护资金有多少", "县级财政安排380万元")).toBeNull();
    expect(missingLevel("省级补助有多少", "安排养护资金380万元")).toBeNull();
  });

  it("a meeting's time is a date or deadline, not an era word: «前期物业» states none, «年内» does", () => {
    expect(statesFact("草案对前期物业服务企业退出交接的规定仍需研究", "time", true)).toBe(false);
    expect(statesFact("白垩纪中期", "time")).toBe(true);
    expect(statesFact("力争年内完成主体工程", "time", true)).toBe(true);
    // «多久公布一次» is answered by a frequency.
    expect(statesFact("物业服务企业应当每半年公布一次维修资金使用情况", "time", true)).toBe(true);
    expect(statesFact("要在10月底前完成", "time", true)).toBe(true);
  });
});
