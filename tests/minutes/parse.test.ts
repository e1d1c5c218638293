import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chineseToNumber } from "../../src/minutes/numerals.js";
import { parseMinutes, splitUnitAndName } from "../../src/minutes/parse.js";
import { SEED } from "../helpers/paths.js";

const raw = readFileSync(SEED, "utf8");
const m = parseMinutes(raw, { path: SEED });

describe("parseMinutes on the seed (太仓市 第1号)", () => {
  it("reads the header and meeting", () => {
    expect(m.title).toBe("太仓市人民政府常务会议纪要");
    expect(m.issuer).toBe("太仓市人民政府");
    expect(m.kind).toBe("常务会议纪要");
    expect(m.number).toBe(1);
    expect(m.issuedOn).toBe("2022-01-28");
    expect(m.compiledBy).toBe("太仓市人民政府办公室");
    expect(m.compiledOn).toBe("2022-01-24");
    expect(m.meeting).toEqual({
      date: "2022-01-21",
      dateText: "2022年1月21日上午",
      dateSource: "text",
      period: "上午",
      chair: "胡卫江",
      chairRole: "市长",
      session: 1,
      term: null,
      name: "市政府第1次常务会议",
      body: "市政府",
      kind: "常务会议",
    });
    expect(m.shape).toBe("formal");
    expect(m.visibility).toBe("public");
    expect(m.summary.startsWith("2022年1月21日上午，胡卫江市长主持召开")).toBe(true);
  });

  it("finds nine agenda items with their structure", () => {
    expect(m.items.map((i) => i.label)).toEqual(["一", "二", "三", "四", "五", "六", "七", "八", "九"]);
    const seven = m.items[6];
    expect(seven.title).toContain("交通运输发展规划");
    expect(seven.reportingUnit).toBe("市交运局");
    expect(seven.decision).toContain("原则同意");
    expect(seven.followUp).toBe("由市交运局根据会议讨论意见进一步修改完善后，按程序发文");
    expect(seven.responsibleUnits).toEqual(["市交运局"]);
    expect(seven.documents).toEqual(["太仓市“十四五”交通运输发展规划"]);
    const emphasis = seven.sections.filter((s) => s.kind === "emphasis");
    expect(emphasis).toHaveLength(1);
    expect(emphasis[0].points.map((p) => p.label)).toEqual(["（一）", "（二）", "（三）"]);
    expect(emphasis[0].points[1].text).toContain("“5+1”轨道交通网络");
  });

  it("classifies clauses: report, opinion, decision, emphasis, instruction", () => {
    expect(m.items[1].sections.map((s) => s.kind)).toEqual(["report", "opinion", "decision", "emphasis"]);
    expect(m.items[8].sections.map((s) => s.kind)).toEqual(["report", "instruction", "opinion", "decision", "emphasis"]);
    expect(m.items[1].followUp).toBe("会后由市综指中心根据会议讨论情况进一步细化完善，按程序印发");
    expect(m.items[0].reportingUnit).toBeNull();
    expect(m.items[0].decision).toBeNull();
  });

  it("finds 一要/二要/三要 points and points split over paragraphs", () => {
    const first = m.items[0].sections.find((s) => s.kind === "emphasis")!;
    expect(first.points.map((p) => p.label)).toEqual(["一", "二", "三"]);
    expect(first.points[0].text.startsWith("一要变优势为胜势。")).toBe(true);
    const housing = m.items[7].sections.find((s) => s.kind === "emphasis")!;
    expect(housing.points).toHaveLength(3);
    expect(housing.points[2].text.startsWith("（三）要加强对房地产市场")).toBe(true);
  });

  it("keeps every offset pointing at its text", () => {
    for (const it of m.items) {
      expect(m.text.slice(it.start, it.end)).toBe(it.text);
      for (const s of it.sections) {
        expect(m.text.slice(s.start, s.end)).toBe(s.text);
        for (const p of s.points) expect(m.text.slice(p.start, p.end)).toBe(p.text);
      }
    }
    expect(m.text.slice(m.summarySpan.start, m.summarySpan.end)).toBe(m.summary);
  });

  it("reads the attendance block", () => {
    expect(m.attendance!.present).toEqual(["吴敬宇", "郑丙华", "周强", "王莉萍", "倪嘉臻", "陈磊", "张展"]);
    expect(m.attendance!.attending).toContainEqual({ unit: "市交运局", name: "徐勤" });
    expect(m.attendance!.attending).toContainEqual({ unit: "市统计局", name: "周淑亚" });
    expect(m.attendance!.attending).toContainEqual({ unit: "市人社局", name: "严枫" });
    expect(m.attendance!.attending.filter((a) => a.unit === "市政府办").map((a) => a.name)).toEqual(["王晨清", "汪志杰", "赵隽春", "丁曜", "张贤峰", "施英杰"]);
    expect(m.attendance!.other).toEqual(["市委宣传部代表"]);
    expect(m.attendance!.attending).toHaveLength(71);
  });

  it("repairs page breaks and spacing in the normalized text", () => {
    expect(m.text).toContain("数字经济时代产业创新集群");
    expect(m.text).toContain("市统计局周淑亚");
    expect(m.text).toContain("（二）要加快构建“5+1”轨道交通网络");
    expect(m.text).not.toContain("**");
    expect(m.text).toContain("我市2022年政府工作");
  });

  it("derives a stable id from issuer, year and number", () => {
    const again = parseMinutes(raw, { path: "elsewhere.txt" });
    expect(again.id).toBe(m.id);
    expect(m.id).toMatch(/^[0-9a-f]{6}-2022-001$/);
    const other = parseMinutes(raw.replace("第 1 号", "第 2 号"), { path: "x.txt" });
    expect(other.id).not.toBe(m.id);
  });
});

describe("splitUnitAndName", () => {
  it.each([
    ["市交运局徐勤", "市交运局", "徐勤"],
    ["市妇联胡敏", "市妇联", "胡敏"],
    ["团市委陆菲", "团市委", "陆菲"],
    ["市人大韩飏", "市人大", "韩飏"],
    ["市检验检测中心唐宪中", "市检验检测中心", "唐宪中"],
    ["双凤镇陈凯", "双凤镇", "陈凯"],
  ])("%s → %s / %s", (entry, unit, name) => {
    expect(splitUnitAndName(entry)).toEqual({ unit, name });
  });
});

/** 1 → «一», 101 → «一百零一», 1010 → «一千零一十», 10000 → «一万»: how such records number their items. */
function chineseOrdinal(n: number): string {
  if (n === 10_000) return "一万";
  const DIGIT = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
  let out = "";
  let zero = false;
  for (const [d, unit] of [
    [Math.floor(n / 1000), "千"],
    [Math.floor(n / 100) % 10, "百"],
    [Math.floor(n / 10) % 10, "十"],
    [n % 10, ""],
  ] as const) {
    if (d === 0) {
      zero ||= out !== "";
      continue;
    }
    if (zero) out += "零";
    zero = false;
    out += (d === 1 && unit === "十" && !out ? "" : DIGIT[d]) + unit;
  }
  return out;
}

describe("numbered items past 99", () => {
  it("reads 一百零一、 一千零一十、 and 一万、 as numbers", () => {
    expect([101, 1010, 9999, 10_000].map((n) => chineseToNumber(chineseOrdinal(n)))).toEqual([101, 1010, 9999, 10_000]);
  });

  it("a record of 10,000 numbered items keeps every one, in order", () => {
    const items = Array.from(
      { length: 10_000 },
      (_, i) => `${chineseOrdinal(i + 1)}、第${i + 1}号道路维修事项\n\n会议听取了市交运局的汇报。会议强调，要落实第${i + 1}号路段维修。`,
    );
    const text = `某市人民政府常务会议纪要\n\n第9号\n\n2023年5月6日\n\n2023年5月4日上午，李明市长主持召开市政府第9次常务会议，研究有关事项，纪要如下：\n\n${items.join("\n\n")}\n`;
    const big = parseMinutes(text, { path: "big.txt" });
    expect(big.items).toHaveLength(10_000);
    expect(big.items[9998]).toMatchObject({ ordinal: 9999, label: "九千九百九十九", title: "第9999号道路维修事项" });
    expect(big.items[99].text).not.toContain("第101号");
  });
});

describe("attendance lists written with wide spaces or units only", () => {
  const text = [
    "云岫市人民政府常务会议纪要",
    "第9期",
    "云岫市人民政府办公室　　　　2025年3月2日",
    "3月1日，市长何启明主持召开市政府第十二次常务会议，研究近期重点工作。",
    "一、关于城区绿道建设",
    "会议同意市园林局提出的城区绿道建设方案，由市园林局负责实施。",
    "出席：何启明　宋嘉言　方立中",
    "列席：市政府办公室、市园林局、市财政局、市城投集团负责同志",
    "记录：周小蔓",
    "分送：市委办公室，各区政府",
  ].join("\n");
  const r = parseMinutes(text, { path: "yunxiu.txt" });

  it("splits names separated by an ideographic space, as a reader sees them", () => {
    expect(r.attendance?.present).toEqual(["何启明", "宋嘉言", "方立中"]);
    expect(r.text).toContain("何启明　宋嘉言");
  });

  it("keeps a 列席 line of units as it is, not as unit–name pairs", () => {
    expect(r.attendance?.attending).toEqual([]);
    expect(r.attendance?.other).toContain("列席：市政府办公室、市园林局、市财政局、市城投集团负责同志");
  });

  it("never runs the recorder's line into the distribution line", () => {
    expect(r.attendance?.other).toContain("记录：周小蔓");
  });
});

describe("numbered items whose title ends with 。 on the same line as their text", () => {
  const text = [
    "青石镇镇长办公会议纪要",
    "5月6日上午，镇长吕文涛主持召开镇长办公会议，研究近期重点工作。纪要如下：",
    "一、集镇污水管网建设。会议同意实施集镇污水管网二期工程，由镇城建办负责，10月底前完工。",
    "二、其他事项。会议同意镇文化站购置图书一批，费用3万元。",
  ].join("\n");
  const r = parseMinutes(text, { path: "qingshi.txt" });

  it("reads «一、集镇污水管网建设。会议同意…» as item 一 titled 集镇污水管网建设, its text in the item", () => {
    expect(r.items.map((it) => [it.label, it.title])).toEqual([
      ["一", "集镇污水管网建设"],
      ["二", "其他事项"],
    ]);
    expect(r.items[0].responsibleUnits).toContain("镇城建办");
    expect(r.items[1].decision).toContain("3万元");
  });
});

describe("a formal 纪要 that numbers its items 1. 2. (no 一、)", () => {
  const text = [
    "明湖街道2024年第9次主任办公会议纪要",
    "2024年8月6日，街道办事处主任施文博主持召开2024年第9次主任办公会议。现将会议议定事项纪要如下：",
    "1. 关于老旧小区屋面防水。会议同意对景苑小区实施屋面防水改造，所需经费42万元，由城市管理办公室负责。",
    "2. 关于暑期安全。会议要求各社区8月15日前完成一轮防溺水巡查。",
    "明湖街道党政办公室",
    "2024年8月7日",
  ].join("\n");
  const r = parseMinutes(text, { path: "minghu.txt" });

  it("reads each numbered matter as an item with its own decision and unit", () => {
    expect(r.items.map((it) => it.title)).toEqual(["关于老旧小区屋面防水", "关于暑期安全"]);
    expect(r.items[0].responsibleUnits).toContain("城市管理办公室");
    expect(r.items[0].decision).toContain("42万元");
  });
});

describe("a formal 纪要 under its office's 版头", () => {
  it("takes its place from «栗坞县人民政府办公室文件» when the title says only «县政府», without the session", () => {
    const m = parseMinutes(
      "栗坞县人民政府办公室文件\n\n栗政办纪〔2024〕5号\n\n县政府第二十六次常务会议纪要\n\n2024年3月6日上午，县长甘某主持召开县政府第二十六次常务会议。会议研究了以下事项，纪要如下：\n\n一、关于全县农村公路养护工作\n会议要求，县交通运输局要在6月底前完成全县农村公路病害处治。",
      { path: "liwu.txt" },
    );
    expect(m.title).toBe("县政府第二十六次常务会议纪要");
    expect(m.issuer).toBe("栗坞县政府");
    expect(m.number).toBe(5);
  });
});

describe("a 人大常委会 report hearing several reports", () => {
  const m = parseMinutes(
    "沅溪市十六届人大常委会第九次会议闭幕\n\n9月26日上午，沅溪市第十六届人民代表大会常务委员会第九次会议闭幕。市人大常委会主任屈文远主持闭幕会。\n\n会议听取和审议了市人民政府关于城市供水保障工作情况的报告。报告显示，全市新建改造供水管网58公里。\n\n会议还听取和审议了市人民检察院关于公益诉讼检察工作情况的报告、市人大常委会执法检查组关于检查《中华人民共和国消防法》实施情况的报告。\n\n会议表决通过了有关人事任免事项。",
    { path: "yuanxi.txt" },
  );

  it("reads «听取和审议了…» as taking up what follows, not «和审议了…»", () => {
    expect(m.items.map((i) => i.title)).toContain("市人民政府关于城市供水保障工作情况的报告");
  });

  it("titles a topic hearing reports about a document by the reports, every one of them, not by the document", () => {
    const t = m.items.find((i) => i.title.includes("公益诉讼"))?.title;
    expect(t).toBe("市人民检察院关于公益诉讼检察工作情况的报告、市人大常委会执法检查组关于检查《中华人民共和国消防法》实施情况的报告");
  });
});

describe("a news report taking up one matter a paragraph, «X方面，…»", () => {
  const m = parseMinutes(
    "柘溪街道召开民生实事推进会\n\n5月8日上午，柘溪街道召开民生实事推进会。街道党工委书记程立言主持会议。\n\n垃圾清运方面，街道今年起将清运频次由每天1次增加到每天2次。会议要求5月底前新增分类投放点15个。\n\n在养老服务方面，街道将在桂园社区新建老年食堂一处，6月1日起试运营。\n\n另一方面，会议要求各社区做好群众解释工作。",
    { path: "zhexi.txt" },
  );

  it("reads each such paragraph as a topic titled by its matter; «另一方面» opens none", () => {
    expect(m.items.map((i) => i.title)).toEqual(["垃圾清运", "养老服务"]);
    expect(m.text.slice(m.items[1].start, m.items[1].end)).toContain("另一方面");
  });
});

describe("a session numbered under the title", () => {
  it("«（2025年第14次）» alone under a 区长办公会议's title is its session, the opening naming none", () => {
    const m = parseMinutes(
      "汀州区区长办公会议议定事项\n\n（2025年第14次）\n\n汀州区人民政府办公室　　　　2025年6月13日\n\n2025年6月12日，区长孟某主持召开区长办公会议。现将议定事项通知如下：\n\n（一）同意实验小学东校区扩建项目增加投资1160万元。\n牵头单位：区教育局",
      { path: "tingzhou.txt" },
    );
    expect(m.reading).toBe("meeting");
    expect(m.meeting.session).toBe(14);
  });
});
