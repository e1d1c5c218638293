import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS, type Turn } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** A figure or a statement of the thing next to the one asked is no answer (issue 25, neighbouring facts). */
const engine = useEngine({ extra: [join(FIXTURES, "records/danchuan-city-topic-funding-2025-06.txt")] });
const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });
const quoted = (a: { citations: { quote: string }[] }) => a.citations.map((c) => c.quote).join("\n");

describe("a figure of a sibling", () => {
  it("«企业自筹多少» is refused where only the 专项债券 figure of the three listed sources is given", async () => {
    const a = await ask("澹川项目资金三个渠道里企业自筹的是多少？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未写明金额");
  });

  it("«专项债券申请多少» is answered with that figure", async () => {
    const a = await ask("澹川城西排水防涝改造申请专项债券多少钱？");
    expect(a.found).toBe(true);
    expect(quoted(a)).toContain("2.4亿元");
  });

  it("«两个选址方案分别要投资多少» asks a figure of each, and the record gives none", async () => {
    const a = await ask("澹川城西泵站两个选址方案分别要投资多少？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未写明");
  });
});

describe("a whole's sum asked of a part", () => {
  it("«东段需要投资多少» is refused where the sum is the whole work's and its 东段, 西段 are named after it", async () => {
    const a = await ask("澹川沿河堤防东段需要投资多少？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未写明金额");
  });

  it("the whole's sum answers the whole", async () => {
    const a = await ask("澹川沿河堤防加固工程估算总投资多少？");
    expect(a.found).toBe(true);
    expect(quoted(a)).toContain("8600万元");
  });
});

describe("a sum of another kind", () => {
  it("«助餐点总投资多少» is refused where only the meal subsidy is given", async () => {
    const a = await ask("澹川居家养老助餐点的总投资是多少？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未写明金额");
  });

  it("the subsidy asked is answered", async () => {
    const a = await ask("澹川居家养老助餐补贴标准是多少钱？");
    expect(a.found).toBe(true);
    expect(quoted(a)).toContain("每餐4元");
  });
});

describe("a date of another stage", () => {
  it("«什么时候建成投用» is refused where only the date to draw up the plan is given", async () => {
    const a = await ask("澹川城西公共停车场什么时候建成投用？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未写明具体时间");
  });

  it("the plan's own date answers when the plan is asked", async () => {
    const a = await ask("澹川城西公共停车场的建设方案什么时候拿出？");
    expect(a.found).toBe(true);
    expect(quoted(a)).toContain("7月底前拿出建设方案");
  });
});

describe("members asked of a set named as a whole", () => {
  it("«具体任命了哪些人» is refused where the record names only «干部任免»", async () => {
    const a = await ask("澹川专题会议研究的干部任免，具体任命了哪些人？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未列出具体名单");
  });

  it("a set the record lists is answered with its members", async () => {
    const a = await ask("澹川城西排水防涝项目资金通过哪几个渠道解决？");
    expect(a.found).toBe(true);
    expect(quoted(a)).toContain("市级财政预算安排和企业自筹");
  });
});

describe("a document's own day", () => {
  it("«停车场建设方案哪天印发» is not answered with the meeting's date", async () => {
    const a = await ask("澹川城西公共停车场建设方案哪天正式印发？");
    expect(a.answer).not.toContain("2025-06-10上午");
    expect(a.found).toBe(false);
  });
});

describe("a unit in another part", () => {
  it("«配合单位有哪些» is refused where the record names only the 责任单位", async () => {
    const a = await ask("澹川专项债券申报工作的配合单位有哪些？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未写明配合单位");
  });

  it("the 责任单位 asked is answered", async () => {
    const a = await ask("澹川专项债券申报工作的责任单位是哪个？");
    expect(a.found).toBe(true);
    expect(quoted(a)).toContain("市财政局");
  });
});

describe("a unit asked what it said", () => {
  it("a unit only on the roster has no statement", async () => {
    const a = await ask("澹川专题会议上市医保局对居家养老服务作了什么表态？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("没有记载市医保局的发言或表态");
  });

  it("a unit whose head speaks is quoted", async () => {
    const a = await ask("澹川市民政局在专题会议上介绍了什么？");
    expect(a.found).toBe(true);
    expect(quoted(a)).toContain("社区养老服务站86个");
  });
});

describe("talk in a conversation about a record", () => {
  it("words the archive never writes («放哪儿», «拍板») weigh little once the record is in talk", async () => {
    const first = await ask("澹川专题会议是谁主持的？");
    expect(first.found).toBe(true);
    const turn: Turn = { question: "澹川专题会议是谁主持的？", intent: "topic", focus: null, record: first.citations[0].minutesId, answer: first.answer };
    const a = await engine().ask("泵站放哪儿拍板了没？", { access: FULL_ACCESS, history: [turn] });
    expect(a.found).toBe(true);
    expect(quoted(a)).toContain("未形成一致意见");
  });

  it("asked with no record in talk, the same words still count against the quote", async () => {
    const a = await ask("泵站放哪儿拍板了没？");
    expect(a.found).toBe(false);
  });
});

describe("a figure the question states, and the record another", () => {
  it("«降到60岁» is not «调整为65周岁»; the same value, or a quote of no such figure, is left to the other checks", async () => {
    const { missingFigure } = await import("../../src/answer/select.js");
    expect(missingFigure("哪个市决定把老年人免费坐公交的年龄降到60岁", "会议同意将免费乘车年龄由70周岁调整为65周岁")).toBe("60岁");
    expect(missingFigure("免费坐公交的年龄降到65岁了吗", "会议同意将免费乘车年龄由70周岁调整为65周岁")).toBeNull();
    expect(missingFigure("每孩发5000元育儿补贴", "对新生儿家庭给予一次性补助")).toBeNull();
    expect(missingFigure("每孩发5000元育儿补贴是哪个县", "每孩发放育儿补贴3,000元")).toBe("5000元");
  });
});

describe("members some of which are named", () => {
  it("«A、B、C等7类» names three of seven; «A、B、C等3个» names them all", async () => {
    const { listsSomeOf } = await import("../../src/answer/members.js");
    expect(listsSomeOf("对电梯故障、屋面渗漏、消防设施失效等7类紧急情形，由业主委员会先行申请")).toBe(true);
    expect(listsSomeOf("2022年先行改造人民路、滨河、北关等3个市场")).toBe(false);
    expect(listsSomeOf("涉及小区47个")).toBe(false);
  });
});
