import { describe, expect, it } from "vitest";
import { furnitureLine, isNavigationRow, publicationRow, stripDateline } from "../../src/minutes/clutter.js";
import { foldCompatibility } from "../../src/minutes/compat.js";
import { matchView } from "../../src/minutes/match-view.js";
import { foldSpacing, normalizeText } from "../../src/minutes/normalize.js";
import { bodyEnd, parseRecords, placeOfDocuments } from "../../src/minutes/parse.js";

describe("foldCompatibility", () => {
  it("folds Kangxi radicals and CJK Radicals Supplement characters to the unified ideographs, keeping length", () => {
    const pdf = "⼀、太仓市⼈⺠政府 市⻓ 部⻔ 1⽉21⽇ ⼤会 ⽂件";
    const folded = foldCompatibility(pdf);
    expect(folded).toBe("一、太仓市人民政府 市长 部门 1月21日 大会 文件");
    expect(folded.length).toBe(pdf.length);
    expect(foldCompatibility(folded)).toBe(folded);
  });

  it("leaves full-width punctuation alone (NFKC would turn «（：» into ASCII)", () => {
    expect(foldCompatibility("会议强调：（一）要")).toBe("会议强调：（一）要");
  });
});

describe("web page furniture", () => {
  it.each([
    "首页 > 政务公开 > 政府常务会议 > 正文",
    "当前位置：首页 > 新闻中心",
    "【字体：大 中 小】",
    "打印本页 关闭窗口",
    "分享到：微信 微博",
    "上一篇：县政府召开第十四次常务会议",
    "评论 0人参与",
    "苏ICP备12345678号-1",
    "浙公网安备33021302000288号",
    "记者 韩静怡",
    "（编辑 唐晓）",
    "来源：县政府办公室",
    "浏览次数：1024",
    "第03版：要闻",
    "议题 解读 内容 列席",
    "共3条 首页 上一页 1 下一页 尾页",
    "【相关链接】云溪区2024年老旧小区改造完成情况公示",
    "相关阅读：县政府召开第十三次常务会议",
  ])("drops «%s»", (line) => {
    expect(furnitureLine(line)).not.toBeNull();
  });

  it.each([
    "会议强调，要加快构建现代综合立体交通体系。",
    "出席：胡卫江 汪香元 顾建康",
    "太仓市人民政府办公室",
    "2022年1月28日",
    "第1号",
    "列席：市交运局徐勤",
    "记录：张三",
    "相关文件：《某市停车场管理办法》",
  ])("keeps «%s»", (line) => {
    expect(furnitureLine(line)).toBeNull();
    expect(isNavigationRow(line)).toBe(false);
  });

  it("keeps the publication date and the disclosure mode of the metadata table", () => {
    expect(furnitureLine("发布日期：2023-03-13")).toEqual({ published: "2023-03-13", disclosure: null, publisher: null });
    expect(furnitureLine("索引号：11320585MB1234 公开方式：主动公开")?.disclosure).toBe("public");
    expect(furnitureLine("公开方式：依申请公开")?.disclosure).toBe("internal");
    // A row of page facts with its spaces folded away: each key ends the value before it; a bare 时间 is the posting time.
    expect(furnitureLine("来源：望川市人民政府时间：2025-06-24 09:15点击：2035")).toEqual({
      published: "2025-06-24",
      disclosure: null,
      publisher: "望川市人民政府",
    });
    expect(furnitureLine("信息来源：云溪区人民政府办公室发布日期：2025年5月9日阅读次数：【946】")?.publisher).toBe("云溪区人民政府办公室");
  });

  it("keeps the body a page names as its source: a report whose headline names no place is placed by it", () => {
    expect(furnitureLine("发布日期：2021-05-21　来源：桐溪区人民政府办公室")?.publisher).toBe("桐溪区人民政府办公室");
    expect(furnitureLine("信息来源：青州市住建局 浏览次数：12")?.publisher).toBe("青州市住建局");
    // A site's name and a timestamp under the headline: furniture, never the headline itself.
    expect(furnitureLine("丰禾县人民政府网　2019-09-24 16:02")).toEqual({ published: "2019-09-24", disclosure: null, publisher: "丰禾县人民政府" });
    expect(furnitureLine("会议强调，2019-09-24前完成")).toBeNull();
    const [m] = parseRecords(
      "区政府党组召开2021年第5次会议\n发布日期：2021-05-21　来源：桐溪区人民政府办公室\n5月20日，区长罗家炜主持召开区政府党组2021年第5次会议，研究党风廉政建设工作。\n会议强调，要持续整治“四风”。",
      { path: "tongxi.txt" },
    );
    expect(m.issuer).toBe("桐溪区政府");
    expect(m.text.slice(0, bodyEnd(m))).not.toContain("来源");
    // The row stays quotable after the body.
    expect(m.text.slice(bodyEnd(m))).toContain("来源：桐溪区人民政府办公室");
  });

  it("a report on a page that names no place is placed by the documents its meeting passes, at the level that met", () => {
    const body =
      "3月18日下午，市长顾某主持召开市政府第四十七次常务会议。\n会议审议并原则通过了《澄屿市既有住宅加装电梯实施办法》。\n会议听取了《某省森林防火条例》贯彻情况的汇报。";
    const [m] = parseRecords(`市政府召开第四十七次常务会议\n来源：澄屿日报\n${body}`, { path: "chengyu.txt" });
    expect(m.issuer).toBe("澄屿市政府");
    expect(placeOfDocuments("研究《澄屿市既有住宅加装电梯实施办法》", "县政府")).toBeNull();
    expect(placeOfDocuments("研究《澄屿市既有住宅加装电梯实施办法》", null)).toBeNull();
  });

  it("a site's name, a date and its 来源 on one line are furniture; a subtitle under the headline is not the title", () => {
    expect(furnitureLine("葭川人大网2023-10-28来源：市人大常委会办公室")).toEqual({
      published: "2023-10-28",
      disclosure: null,
      publisher: "市人大常委会办公室",
    });
    const [m] = parseRecords(
      "葭川市十七届人大常委会第十四次会议闭幕\n表决通过古树名木保护条例　决定任免一批国家机关工作人员\n\n葭川人大网　2023-10-28　来源：市人大常委会办公室\n\n10月27日上午，葭川市第十七届人民代表大会常务委员会第十四次会议闭幕。市人大常委会主任卓某主持闭幕会。\n\n会议表决通过了《葭川市古树名木保护条例》。",
      { path: "jiachuan.txt" },
    );
    expect(m.title).toBe("葭川市十七届人大常委会第十四次会议闭幕");
    expect(m.text).not.toContain("人大网");
  });

  it("drops a row of column names copied with its spacing, but not names of people", () => {
    expect(isNavigationRow("政府常务会议　　政府全体会议　　区长办公会议")).toBe(true);
    expect(isNavigationRow("胡卫江 汪香元 顾建康 王建新")).toBe(false);
    expect(isNavigationRow("苇港市人民政府办公室　　　　2023年7月20日")).toBe(false);
    expect(isNavigationRow("内部资料　注意保存")).toBe(false);
  });

  it("strips a report's dateline before its first sentence", () => {
    expect(stripDateline("本报讯（记者 施雨桐）6月11日下午，副区长…")).toBe("6月11日下午，副区长…");
  });

  it("normalizeText drops furniture lines and reports what they said", () => {
    const n = normalizeText("首页 > 新闻 > 正文\n发布时间：2023-03-13 10:20\n3月12日上午，县长王立新主持召开县政府第十五次常务会议。\n打印本页 关闭窗口");
    expect(n.text).toBe("3月12日上午，县长王立新主持召开县政府第十五次常务会议。");
    expect(n.page.published).toBe("2023-03-13");
    expect(n.dropped).toBe(3);
    expect(n.publication).toEqual(["发布时间：2023-03-13 10:20"]);
  });

  it("tells a row of publication facts (kept, quotable) from font, print and share rows and from body text", () => {
    expect(publicationRow("发布时间：2025-04-18 17:32　　来源：县政府办公室　　浏览次数：1286")).toBe(true);
    expect(publicationRow("责任编辑：莫小倩")).toBe(true);
    expect(publicationRow("【發布日期：2025-02-27】")).toBe(true);
    expect(publicationRow("字号：【大 中 小】")).toBe(false);
    expect(publicationRow("发布日期：2025-04-18 09:32　　来源：菱埠镇党政办公室　　阅读次数：1268　　【字体：大 中 小】")).toBe(true);
    expect(publicationRow("12/2/26, 5:15 AM栖云县召开十七届县政府第十五次常务会议 浏览次数：12")).toBe(false);
    expect(publicationRow("来源：县财政。会议要求各单位抓好落实。")).toBe(false);
    const [m] = parseRecords(
      "县长李明主持召开县政府第35次常务会议\n发布时间：2023-04-21 09:30\n4月20日下午，县长李明主持召开县政府第35次常务会议。\n会议强调，要加快项目建设进度。\n责任编辑：王芳",
      { path: "r.txt" },
    );
    // Parsed without the rows (the opening and the chair as before), kept after the body, each a paragraph.
    expect(m.meeting.chair).toBe("李明");
    expect(m.text.slice(bodyEnd(m)).trim()).toBe("发布时间：2023-04-21 09:30\n\n责任编辑：王芳");
    expect(m.text.slice(0, bodyEnd(m))).not.toMatch(/发布时间|责任编辑/);
  });

  it("drops the headlines listed under «相关阅读：», not a list of the record's own", () => {
    const n = normalizeText(
      "会议要求，县财政局要在5月底前拨付资金。\n附件：1.棣川县2023年春季农业生产工作方案\n相关阅读：\n·我县召开全县安全生产工作推进会\n·棣川县2023年招商引资项目签约仪式举行\n版权所有：棣川县人民政府办公室",
    );
    expect(n.text).toContain("附件：1.棣川县2023年春季农业生产工作方案");
    expect(n.text).not.toContain("招商引资");
    expect(normalizeText("会议要求：\n·加快进度\n·确保质量").text).toContain("加快进度");
  });

  it("drops an account's «往期推荐» headlines (unmarked, one a line) and its «阅读 N» counter, not the report above them", () => {
    const n = normalizeText(
      "镇党委书记在讲话中强调，要确保全年任务圆满收官。\n来源：蓬溆镇人民政府\n编辑：田甜\n\n往期推荐\n蓬溆镇召开2025年秋季征兵工作会\n黄泥塘村：小油茶撑起村集体“大产业”\n\n阅读 1683",
    );
    expect(n.text).toBe("镇党委书记在讲话中强调，要确保全年任务圆满收官。");
    expect(n.text).not.toContain("征兵");
    // A line heading the record's own points is no list of other posts.
    expect(normalizeText("会议要求：\n加快进度，确保质量。").text).toContain("加快进度");
  });

  it("keeps a table copied as text one row a line, its cells apart", () => {
    const n = normalizeText(
      "会议明确任务清单如下：\n序号　任务　责任单位　完成时限\n1　完成电池项目变电站接入　供电公司蔚岭分公司　2025年8月15日\n2　滨河路延伸段征迁清零　滨河街道办事处　2025年7月31日",
    );
    const paras = n.text.split("\n\n");
    expect(paras).toContain("1　完成电池项目变电站接入　供电公司蔚岭分公司　2025年8月15日");
    expect(paras).toContain("2　滨河路延伸段征迁清零　滨河街道办事处　2025年7月31日");
    // A header with one wide gap (an office and its date) is no table.
    expect(foldSpacing("茗湾市人民政府办公室　　　　2025年5月13日")).toBe("茗湾市人民政府办公室2025年5月13日");
  });

  it("removes the replacement character a truncated copy ends with", () => {
    expect(normalizeText("会议要求，各地要抓好落实\ufffd").text).toBe("会议要求，各地要抓好落实");
  });
});

describe("matchView", () => {
  it("folds traditional characters and half-width punctuation next to Chinese text, one for one", () => {
    const t = "會議強調,要加快(一)建設;時間10:20,金額3,500元";
    const v = matchView(t);
    expect(v).toBe("会议强调，要加快（一）建设；时间10:20，金额3,500元");
    expect(v.length).toBe(t.length);
  });
});
