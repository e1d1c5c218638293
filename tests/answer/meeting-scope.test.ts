import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { meetingScope } from "../../src/answer/meeting-scope.js";
import type { Minutes } from "../../src/minutes/schema.js";
import { parseMinutes, parseRecords } from "../../src/minutes/parse.js";
import { readMinutesFile, readRecordsFile } from "../../src/minutes/read.js";
import { loadLexicon, type Lexicon } from "../../src/index/lexicon.js";
import { analyzeQuery } from "../../src/retrieval/query.js";
import { toSimplified } from "../../src/text/script.js";
import { fold } from "../../src/index/tokenize.js";
import { FIXTURES, MINUTES_FIXTURES, ROOT, SEED } from "../helpers/paths.js";

let all: Minutes[];
let lexicon: Lexicon;

beforeAll(async () => {
  lexicon = await loadLexicon(join(ROOT, "data/lexicon"));
  all = [
    await readMinutesFile(SEED),
    await readMinutesFile(join(MINUTES_FIXTURES, "lanshan-topic-2024-03.txt")),
    await readMinutesFile(join(MINUTES_FIXTURES, "bailu-standing-2022-05.txt")),
    ...(await readRecordsFile(join(FIXTURES, "records/lanfeng-county-standing-digest-2022.txt"))),
  ];
});

const scope = (q: string) => meetingScope(analyzeQuery(q, lexicon), all);
const titles = (q: string) => scope(q).minutes.map((m) => m.title);

describe("the meeting a question names", () => {
  it("names nothing: every record, not scoped", () => {
    const s = scope("交通规划强调了什么");
    expect(s.named).toBe(false);
    expect(s.minutes).toHaveLength(all.length);
  });

  it("by place and number; a place the archive lacks leaves nothing, and the refusal names it as written", () => {
    expect(titles("太仓市政府第1号纪要是谁主持的")).toEqual(["太仓市人民政府常务会议纪要"]);
    const s = scope("南京市政府第1号纪要是谁主持的");
    expect(s.named).toBe(true);
    expect(s.minutes).toEqual([]);
    expect(s.phrase).toBe("南京市政府第1号");
  });

  it("a place mentioned in a record's body does not make it that place's meeting", () => {
    expect(titles("苏州市常务会议审议了哪些规划")).toEqual([]);
  });

  it("by date («3月5日那次»), session («第8次») and kind of meeting", () => {
    expect(titles("3月5日那次会议研究了哪些事项")).toEqual(["澜山市人民政府专题会议纪要"]);
    expect(titles("第8次常务会议审议了哪些议题").sort()).toEqual(expect.arrayContaining(["白鹭市人民政府常务会议纪要"]));
    expect(titles("第99次常务会议审议了哪些议题")).toEqual([]);
    expect(titles("专题会议研究了什么")).toEqual(["澜山市人民政府专题会议纪要"]);
  });

  it("a 第N次 or 第N号 beside no word for a meeting names none («第二次评选活动», «第五次围剿»)", () => {
    expect(scope("第二次中山十景的评选活动在何时举办").named).toBe(false);
    expect(scope("第五次围剿战争是于西元几年的事情").named).toBe(false);
    expect(scope("第9号台风什么时候登陆").named).toBe(false);
    expect(titles("第二十次县长办公会议研究了什么")).toEqual([]);
    expect(scope("第1号纪要是哪天印发的").named).toBe(true);
  });

  it("scope words («全市», «城市») are not places", () => {
    expect(scope("全市信息系统底数由谁摸清").named).toBe(false);
    expect(scope("智慧城市建设分几个阶段").named).toBe(false);
  });
});

describe("a place is a whole name before its 市/县/区, never the words around it", () => {
  const mentioned = (name: string) => all.some((m) => m.text.includes(name) || m.title.includes(name));
  const scoped = (q: string) => meetingScope(analyzeQuery(q, lexicon), all, mentioned);

  it("«…办法是太仓市人民政府令», «向县政府申请», «什么时候报市政府» name no place of «法是太仓», «平工程向», «时候报»", () => {
    expect(scoped("这个办法是太仓市人民政府令第几号").words).toEqual(["太仓市"]);
    expect(scoped("骑楼整平工程向县政府申请多少补助").named).toBe(false);
    expect(scoped("农贸市场改造方案什么时候报市政府").named).toBe(false);
  });

  it("a 市 inside a common word is no place («智慧城市», «农贸市场», «城市规划»)", () => {
    for (const q of ["智慧城市规划通过了吗", "菜市场改造怎么样", "城市规划说了什么"]) expect(scoped(q).named).toBe(false);
  });

  it("a place the archive never mentions is refused, named as written; one it mentions is not («2022年太仓市…»)", () => {
    const s = scoped("宁海县城乡供水一体化项目进展怎么样");
    expect(s.named).toBe(true);
    expect(s.minutes).toEqual([]);
    expect(s.phrase).toBe("宁海县");
    expect(scoped("2022年太仓市交通规划强调了什么").minutes.length).toBeGreaterThan(0);
  });
});

describe("a kind of meeting the question asks about is no scope", () => {
  it("«…是哪次常务会议审议通过的» asks which meeting: records of every kind may answer", () => {
    expect(scope("交通规划是哪次常务会议审议通过的").named).toBe(false);
    expect(scope("太仓常务会议审议了什么").words).toContain("常务会议");
  });
});

describe("镇 and 乡 name places, but not inside «城镇», «城乡», «乡镇»", () => {
  const mentioned = (name: string) => all.some((m) => m.text.includes(name) || m.title.includes(name));
  const scoped = (q: string) => meetingScope(analyzeQuery(q, lexicon), all, mentioned);
  it("«太仓城镇住房规划…» is scoped to 太仓, not refused as an absent «太仓城»", () => {
    expect(scoped("太仓城镇住房规划第一点强调了什么").minutes.length).toBeGreaterThan(0);
    expect(scoped("城乡供水一体化怎么推进").named).toBe(false);
  });
  it("a township the archive never mentions is refused («宁溪镇…»)", () => {
    expect(scoped("宁溪镇污水管网什么时候完工").minutes).toEqual([]);
  });
});

describe("a record whose head names no place", () => {
  it("is placed by the office that signs its closing («…县第15次常务会议» finds a record signed «沅江县人民政府办公室»)", async () => {
    const { parseRecords } = await import("../../src/minutes/parse.js");
    const [m] = parseRecords(
      [
        "8月16日上午，县长程海主持召开县政府第15次常务会议，研究秋粮收购等工作。",
        "会议听取了县粮食局关于今年秋粮收购准备工作的汇报。会议要求，要确保收购资金及时到位。",
        "沅江县人民政府办公室",
        "2023年8月17日",
      ].join("\n"),
      { path: "untitled.txt" },
    );
    const s = meetingScope(analyzeQuery("沅江县第15次常务会议研究了什么", lexicon), [...all, m]);
    expect(s.minutes.map((x) => x.id)).toEqual([m.id]);
  });
});

describe("places read from titles and questions", () => {
  it("a headline «…县长主持召开县政府常务会议» names no place «持召开»: a question naming its own meeting is not refused", async () => {
    const { parseRecords } = await import("../../src/minutes/parse.js");
    const headline = parseRecords(
      "马立群县长主持召开县政府常务会议\n\n6月19日下午，县长马立群主持召开县政府第41次常务会议，研究部署防汛备汛工作。\n\n会议要求，各乡镇要落实防汛责任。",
      { path: "headline.txt" },
    );
    const archive = [...all, ...headline];
    const s = meetingScope(analyzeQuery("蓝田市政府第27次常务会议是谁主持召开的", lexicon), archive);
    expect(s.words).not.toContain("持召开");
  });

  it("a preposition the cutter joins to a place («对樟湖») is no part of it when the archive names the place", async () => {
    const { parseRecords } = await import("../../src/minutes/parse.js");
    const record = parseRecords("樟湖市人民政府常务会议纪要\n\n2024年5月14日，市长李明主持召开市政府常务会议。\n\n一、长照据点扩充\n\n会议同意扩充长照据点。", {
      path: "zhanghu.txt",
    });
    const s = meetingScope(analyzeQuery("主席对樟湖市长照据点扩充有什么裁示", lexicon), [...all, ...record]);
    expect(s.minutes.map((m) => m.title)).toContain("樟湖市人民政府常务会议纪要");
  });
});

describe("a record placed only by its page's 来源 line", () => {
  it("is the place's meeting, though its text never writes the place; its posting time dates it", async () => {
    const [page] = parseRecords(
      [
        "首页 > 信息公开 > 工作动态",
        "市政府召开城区交通秩序整治工作办公会",
        "来源：鹭川市人民政府　　时间：2025-06-24 09:15　　点击：2035",
        "【字体：大 中 小】　打印本页　关闭窗口",
        "　　6月23日，副市长某某主持召开市政府办公会，专题研究城区交通秩序整治。",
        "　　会议议定：年内更新智能信号灯48组，所需资金约680万元由市财政统筹解决。",
        "相关阅读：鹭川市召开道路交通安全工作联席会议",
      ].join("\n"),
      { path: "page.txt" },
    );
    expect(page.text).not.toContain("相关阅读");
    expect(page.meeting.date).toBe("2025-06-23");
    const records = [...all, page];
    const mentioned = (name: string) => records.some((m) => m.text.includes(name) || m.title.includes(name));
    const s = meetingScope(analyzeQuery("鹭川市年内更新智能信号灯需要多少资金", lexicon), records, mentioned);
    expect(s.minutes.map((m) => m.id)).toEqual([page.id]);
  });
});

describe("a meeting record with no title, placed only by its opening sentence", () => {
  it("is the meeting of the place it opens with; the other records' bodies naming it do not count", async () => {
    const [untitled] = parseRecords(
      [
        "2024年11月5日，溪岙镇党委副书记、镇长某某在镇政府三楼会议室召开镇长办公会议，研究了渔港安全等事项。会议议定事项如下：",
        "1. 关于渔港冬季安全管理。会议要求镇农业农村办于11月底前完成渔船安全检查。",
        "2. 关于传统渔民养老保险补缴。对60周岁以上未参保的传统渔民给予补缴补助。",
      ].join("\n"),
      { path: "untitled.txt" },
    );
    const records = [...all, untitled];
    const mentioned = (name: string) => records.some((m) => m.text.includes(name) || m.title.includes(name));
    const s = meetingScope(analyzeQuery("溪岙镇议定事项第2条的原文是什么", lexicon), records, mentioned);
    expect(s.minutes.map((m) => m.id)).toEqual([untitled.id]);
  });
});

describe("a council named by its place («北嶼區議會»)", () => {
  it("is scoped to the record that council keeps, in traditional or simplified characters", () => {
    const [council] = parseRecords(
      [
        "北嶼區議會",
        "第八次會議紀錄",
        "",
        "日期：2025年2月20日（星期四）",
        "主席：梁某某議員",
        "出席：鄧某議員、麥某議員",
        "",
        "議程一：通過第七次會議紀錄",
        "1. 第七次會議紀錄獲得通過。",
      ].join("\n"),
      { path: "beiyu-council.txt" },
    );
    const records = [...all, council];
    // The index folds scripts, as the engine's check does.
    const mentioned = (name: string) => records.some((m) => fold(`${m.title} ${m.text}`).includes(name));
    for (const q of ["北嶼區議會議程一的內容是甚麼", "北屿区议会议程一的内容是什么"]) {
      expect(
        meetingScope(analyzeQuery(toSimplified(q), lexicon), records, mentioned).minutes.map((m) => m.id),
        q,
      ).toEqual([council.id]);
    }
  });
});

describe("a post after a place («苇川副市长»)", () => {
  it("names the place before its 副, not a place «苇川副»", () => {
    const [report] = parseRecords(
      "市政协召开专题协商会\n苇川政协网　2024-09-25　来源：市政协办公室\n\n9月24日下午，市政协召开专题协商会。市政协主席汤某主持会议，副市长秦某到会讲话。\n\n委员王某（苇川医学院教授）建议，加快发展家庭养老床位。",
      { path: "weichuan.txt" },
    );
    const records = [...all, report];
    const mentioned = (name: string) => records.some((m) => fold(`${m.title} ${m.text}`).includes(name));
    const scope = meetingScope(analyzeQuery("苇川副市长秦某在协商会上讲了什么", lexicon), records, mentioned);
    expect(scope.words.join()).not.toContain("苇川副");
    expect(scope.minutes.length).toBeGreaterThan(0);
  });
});

describe("a development zone named by its place («蔚岭经开区»)", () => {
  it("scopes «蔚岭…» to the zone's record, not to the archive", () => {
    const [zone] = parseRecords(
      "蔚岭经开区召开二季度重点项目现场调度会\n\n7月3日，蔚岭经济技术开发区党工委书记、管委会主任袁某主持召开重点项目现场调度会。\n\n关于人才公寓项目是否调整选址，会议进行了讨论，会议未作决定。",
      { path: "weiling.txt" },
    );
    const records = [...all, zone];
    const scope = meetingScope(analyzeQuery("蔚岭人才公寓项目总投资是多少", lexicon), records);
    expect(scope.minutes.map((m) => m.id)).toEqual([zone.id]);
  });
});

describe("a record placed by its opening sentence", () => {
  const report = parseMinutes(
    "市十七届人大常委会第二十六次会议闭幕\n\n8月28日下午，葑川市第十七届人民代表大会常务委员会第二十六次会议在市人大常委会会议中心闭幕。市人大常委会主任柏承志主持闭幕会议。市人大常委会副主任郁文涛、沈丽萍出席会议。\n\n会议表决通过了《葑川市城市绿化条例（修订）》。\n\n会议听取了市人民检察院关于开展公益诉讼检察工作情况的报告。",
    { path: "fengchuan-renda.txt" },
  );
  const pair = () => [...all, report];

  it("is placed by its opening: a question naming the place bare is about it", () => {
    expect(report.reading).toBe("meeting");
    const s = meetingScope(analyzeQuery("葑川这次常委会表决通过了什么", lexicon), pair());
    expect(s.named).toBe(true);
    expect(s.minutes).toEqual([report]);
  });

  it("takes the opening's place into what its sentences are read under; a record naming its place, or an article, takes none", async () => {
    const { unnamedPlace } = await import("../../src/index/places.js");
    expect(unnamedPlace(report)).toBe(" 葑川市");
    expect(unnamedPlace(all[0])).toBe("");
    const article = parseMinutes("长江\n\n长江发源于青海省唐古拉山脉，流经上海市入海。", { path: "changjiang.txt" });
    expect(article.reading).toBe("text");
    expect(unnamedPlace(article)).toBe("");
  });

  it("a pair the cutter guessed as glue before 县委 names no place («…报给县委县政府»)", () => {
    const s = meetingScope(analyzeQuery("太仓政协主席要求几月底前把协商建义报给县委县政府？", lexicon), all);
    expect(s.words.some((w) => w.includes("报给"))).toBe(false);
    expect(s.minutes.length).toBeGreaterThan(0);
  });
});

describe("a place the dictionary lacks, split by the cutter", () => {
  it("«荪|州市», «楮|阳县» name the places 荪州 and 楮阳: absent from the archive, the meeting is refused by name", () => {
    const mentioned = (name: string) => all.some((m) => fold(m.text).includes(name));
    const s = meetingScope(analyzeQuery("荪州市人大常委会最近开会了吗？", lexicon), all, mentioned);
    expect(s.named).toBe(true);
    expect(s.minutes).toEqual([]);
    expect(s.phrase).toBe("荪州市");
    expect(meetingScope(analyzeQuery("楮阳县县长办公会议定了哪些事项？", lexicon), all, mentioned).minutes).toEqual([]);
    // A 市 inside a common word after a word of two characters stays none («这座城市»).
    expect(meetingScope(analyzeQuery("这座城市有多少人", lexicon), all, mentioned).named).toBe(false);
  });
});
