import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { meetingScope } from "../../src/answer/meeting-scope.js";
import type { Minutes } from "../../src/minutes/schema.js";
import { readMinutesFile, readRecordsFile } from "../../src/minutes/read.js";
import { loadLexicon, type Lexicon } from "../../src/index/lexicon.js";
import { analyzeQuery } from "../../src/retrieval/query.js";
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
