/**
 * The 会议记录 (會議紀錄) shape: a title, a table of fields (时间, 地点, 主席 …)
 * instead of an opening sentence, numbered parts and proposals (提案) with
 * their 案由, 说明 and 决议, in simplified and traditional characters.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPassages } from "../../src/index/passages.js";
import { westernDate } from "../../src/minutes/dates.js";
import { fieldsOfLine, peopleOfField } from "../../src/minutes/fields.js";
import { parseRecords } from "../../src/minutes/parse.js";
import { MinutesSchema, type Minutes } from "../../src/minutes/schema.js";
import { toSimplified } from "../../src/text/script.js";
import { FIXTURES } from "../helpers/paths.js";

const DIR = join(FIXTURES, "records");
const read = (file: string) => parseRecords(readFileSync(join(DIR, file), "utf8"), { path: join(DIR, file) });
const s = (x: string | null | undefined) => (x == null ? x : toSimplified(x));

/**
 * Every paragraph of the record lies in some passage (an item's heading line in the heading every
 * passage of the item carries), and in the header, the attendance or some item.
 */
function expectEveryParagraphKept(m: Minutes) {
  const passages = buildPassages(m);
  const spans = [m.headerSpan, ...(m.attendance ? [m.attendance] : []), ...m.items];
  let at = 0;
  for (const para of m.text.split("\n\n")) {
    const start = m.text.indexOf(para, at);
    at = start + para.length;
    if (!para.trim()) continue;
    const end = start + para.length;
    expect(
      passages.some((p) => (p.start <= start && p.end >= end) || p.context.includes(para)),
      `«${para}» in one passage`,
    ).toBe(true);
    expect(
      spans.some((x) => x.start <= start && x.end >= end),
      `«${para}» in the header, attendance or an item`,
    ).toBe(true);
  }
}

describe("a simplified 会议记录 with 会议时间 / 主持人 / 参会人员 / 记录人 and 决定 lines", () => {
  const [m] = read("songling-school-affairs-record-2024-04.txt");

  it("is a meeting read from its fields: date, period, chair, kind, session, recorder", () => {
    expect(m).toMatchObject({ reading: "meeting", shape: "fields", kind: "校务会议", title: "松岭县第二中学2024年第六次校务会议记录", compiledBy: "唐晓燕" });
    expect(m.meeting).toMatchObject({
      date: "2024-04-16",
      period: "下午",
      chair: "周建平",
      chairRole: "校长",
      session: 6,
      body: "松岭县第二中学",
      kind: "校务会议",
    });
    expect(m.attendance!.present).toContain("副校长何丽娟");
    expect(m.attendance!.other).toContain("列席：团委谢春梅");
    expect(MinutesSchema.parse(m)).toEqual(m);
  });

  it("makes each 决定 line the decision of its numbered 议题", () => {
    expect(m.items.map((i) => [i.label, i.title])).toEqual([
      ["一", "关于春季学生体质健康测试工作"],
      ["二", "关于校园食堂改造方案"],
      ["三", "关于教师继续教育学分登记"],
    ]);
    expect(m.items[1]).toMatchObject({ decision: "原则同意食堂改造方案", followUp: "由总务处于暑假期间组织施工，8月25日前完工验收" });
    for (const it of m.items) {
      const decision = it.sections.find((x) => x.kind === "decision");
      expect(decision, it.title).toMatchObject({ lead: "决定", speaker: "会议" });
      expect(decision!.text).toMatch(/^决定：/);
    }
  });

  it("keeps every paragraph in a passage and in the header or an item", () => {
    expectEveryParagraphKept(m);
  });
});

describe("a traditional 會議紀錄 with ROC dates, 壹、貳… parts and 提案 / 案由 / 說明 / 決議", () => {
  const [m] = read("wuxi-township-affairs-roc112-10.txt");

  it("reads the ROC date, the chair and recorder sharing a line, present and attending, kind and session", () => {
    expect(m).toMatchObject({ reading: "meeting", shape: "fields", kind: "鄉務會議", compiledBy: "吳佳蓉" });
    expect(m.meeting).toMatchObject({
      date: "2023-10-17",
      period: "上午",
      chair: "李美玲",
      chairRole: "鄉長",
      session: 8,
      body: "霧溪鄉公所",
      kind: "鄉務會議",
    });
    expect(m.attendance!.present).toEqual(["秘書黃志偉", "民政課課長陳建宏", "農業課課長蔡淑芬", "建設課課長楊俊傑", "社會課課長許雅婷"]);
    expect(m.attendance!.other).toEqual(["列席：清潔隊隊長郭明哲", "列席：圖書館館員鄭宜君"]);
    expect(MinutesSchema.parse(m)).toEqual(m);
  });

  it("makes each 提案 an item titled by its 案由 between the numbered parts, in order", () => {
    expect(m.items.map((i) => [i.ordinal, i.label])).toEqual([
      [1, "壹"],
      [2, "貳"],
      [3, "參"],
      [4, "肆"],
      [5, "提案一"],
      [6, "提案二"],
      [7, "伍"],
      [8, "陸"],
    ]);
    expect(m.items[4].title).toBe("擬辦理本鄉社區長者共餐據點擴點計畫");
    expect(m.items[5].title).toBe("擬修正本鄉公有零售市場攤位租金收取標準");
    expect(m.items[7].title).toBe("散會（上午11時10分）");
    // «肆、提案討論» keeps its heading line; the proposals under it are items of their own.
    expect(m.items[3].text).toBe("肆、提案討論");
  });

  it("reads 決議 as the meeting's decision and 說明 as a statement of the proposal", () => {
    const [first, second] = [m.items[4], m.items[5]];
    expect(first.decision).toBe("照案通過，請社會課於113年1月底前完成據點設置並開始供餐");
    expect(second.decision).toMatch(/^修正後通過/);
    expect(first.amounts).toEqual(["86萬元"]);
    expect(first.responsibleUnits).toContain("社會課");
    expect(first.responsibleUnits.map(s)).not.toContain("：拟");
    expect(first.sections.map((x) => `${s(x.lead)}/${x.kind}`)).toEqual(["案由/other", "提案单位/other", "说明/other", "决议/decision"]);
    expect(first.sections[2].text).toContain("新臺幣86萬元");
  });

  it("keeps every paragraph in a passage and in the header or an item", () => {
    expectEveryParagraphKept(m);
  });
});

describe("other ways a 会议记录 writes its fields and proposals", () => {
  const text = [
    "岩桥乡一一三年第三次乡务会议纪录",
    "时间：一一三年三月六日（星期三）下午二时",
    "地点：本所会议室",
    "主持人：乡长 石光远",
    "出席：秘书 孔德华、财政课课长 潘玉珍",
    "第一案",
    "案由：拟编列乡立托育中心修缮经费，请审议。",
    "决议：照案通过。",
    "第二案",
    "案由：拟调整乡内垃圾清运路线，提请讨论。",
    "议决：保留，下次会议再议。",
  ].join("\n\n");
  const [m] = parseRecords(text, { path: "yanqiao.txt" });

  it("reads a date in Chinese numerals of the ROC calendar, and 第一案 / 第二案 with 决议 and 议决", () => {
    expect(m.meeting).toMatchObject({ date: "2024-03-06", period: "下午", chair: "石光远", chairRole: "乡长", session: 3, kind: "乡务会议" });
    expect(m.items.map((i) => [i.label, i.title, i.decision])).toEqual([
      ["第一案", "拟编列乡立托育中心修缮经费", "照案通过"],
      ["第二案", "拟调整乡内垃圾清运路线", "保留，下次会议再议"],
    ]);
  });

  it("leaves a record that opens with a sentence as it was", () => {
    const [r] = parseRecords("3月12日上午，县长王立新主持召开县政府第十五次常务会议。\n\n会议决定：由县财政局安排资金。", { path: "r.txt" });
    expect(r.shape).toBe("report");
  });
});

describe("header-field helpers", () => {
  it("writes ROC and Chinese-numeral years as Western years", () => {
    expect(westernDate("中华民国112年12月5日（星期二）")).toBe("2023年12月5日（星期二）");
    expect(westernDate("112年12月5日")).toBe("2023年12月5日");
    expect(westernDate("一一二年十二月五日上午")).toBe("2023年12月5日上午");
    expect(westernDate("二〇二三年十二月五日")).toBe("2023年12月5日");
    expect(westernDate("2024年4月16日")).toBe("2024年4月16日");
    expect(westernDate("民国105年起")).toBe("民国105年起");
  });

  it("splits several fields on one line, with or without the spaces between them", () => {
    expect(fieldsOfLine("主席：区长 林秀凤　　纪录：陈怡君")).toEqual([
      ["主持", "区长 林秀凤"],
      ["记录", "陈怡君"],
    ]);
    expect(fieldsOfLine("主席：区长林秀凤纪录：陈怡君")).toEqual([
      ["主持", "区长林秀凤"],
      ["记录", "陈怡君"],
    ]);
    expect(fieldsOfLine("与会人员：张三、李四")).toEqual([["出席", "张三、李四"]]);
    expect(fieldsOfLine("会议听取了汇报")).toEqual([]);
  });

  it("keeps a title and its name as one attendee", () => {
    expect(peopleOfField("秘书 黄国荣、民政课课长 张志豪")).toEqual(["秘书 黄国荣", "民政课课长 张志豪"]);
    expect(peopleOfField("张三 李四 王五")).toEqual(["张三", "李四", "王五"]);
    // A two-character name padded to three in a typeset list is one person, as written.
    expect(peopleOfField("苏景行　杜宏昌　郑　禾")).toEqual(["苏景行", "杜宏昌", "郑　禾"]);
    expect(peopleOfField("郑　禾　王五")).toEqual(["郑　禾", "王五"]);
  });
});

describe("a 區議會 會議紀錄 numbering its agenda «議程一：…»", () => {
  it("reads each 議程 as an item, in order, with its title", () => {
    const text = [
      "南澳區議會",
      "第三次會議紀錄",
      "",
      "日期：2025年2月20日（星期四）",
      "主席：梁某某議員",
      "出席：鄧某議員、麥某議員、葉某議員",
      "",
      "議程一：通過第二次會議紀錄",
      "1. 主席表示，第二次會議紀錄獲得通過，無須修訂。",
      "",
      "議程二：碼頭巴士總站改善工程",
      "2. 運輸署介紹，工程預計費用約1,850萬港元。",
      "3. 議決：區議會支持工程，並要求運輸署每季匯報進度。",
    ].join("\n");
    const [m] = parseRecords(text, { path: "nanao-district-council.txt" });
    expect(m.items.map((it) => [it.ordinal, it.title])).toEqual([
      [1, "通過第二次會議紀錄"],
      [2, "碼頭巴士總站改善工程"],
    ]);
    expect(m.text.slice(m.items[1].start, m.items[1].end)).toContain("1,850萬港元");
  });

  it("a roster over several lines before the first 議程 is the header's: the agenda after it is still read", () => {
    const text = [
      "南澳區議會",
      "第四次會議紀錄",
      "",
      "日期：2025年4月17日（星期四）",
      "地點：南澳區議會會議廳",
      "",
      "出席者：",
      "主席　　梁某某議員",
      "鄧某議員、麥某議員、葉某議員",
      "",
      "缺席者：",
      "陳某議員（因事請假）",
      "",
      "議程一：通過第三次會議紀錄",
      "1. 第三次會議紀錄獲得通過。",
      "",
      "議程二：社區參與計劃撥款",
      "2. 議決：通過撥款420萬港元。",
    ].join("\n");
    const [m] = parseRecords(text, { path: "nanao-district-council-4.txt" });
    expect(m.items.map((it) => it.title)).toEqual(["通過第三次會議紀錄", "社區參與計劃撥款"]);
    expect(m.text.slice(m.items[1].start, m.items[1].end)).toContain("420萬港元");
    expect(m.text).toContain("陳某議員（因事請假）");
    // The council on the line above the session names the record.
    expect(m.title).toBe("南澳區議會 第四次會議紀錄");
    expect(m.issuer).toBe("南澳區議會");
  });
});
