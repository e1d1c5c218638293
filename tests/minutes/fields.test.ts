import { describe, expect, it } from "vitest";
import { parseRecords } from "../../src/minutes/parse.js";

describe("minutes that open with a table of fields", () => {
  const text = [
    "市住建局局长办公会议纪要",
    "第12号",
    "会议时间：2023年5月8日（星期一）上午9:00",
    "会议地点：局三楼会议室",
    "主持人：王立新（局长）",
    "参加人员：李华、张强、赵敏",
    "列席人员：局办公室、计划财务科负责同志",
    "记录人：陈晨",
    "一、关于建筑工地扬尘治理工作",
    "会议听取了建筑市场监管科关于扬尘治理专项检查情况的汇报。会议要求，建筑市场监管科要于5月31日前完成复查。",
    "二、关于公租房分配方案",
    "会议原则同意《2023年公共租赁住房分配方案》，由住房保障科按程序报批后实施。",
    "市住建局办公室",
    "2023年5月10日",
  ].join("\n\n");
  const [m] = parseRecords(text, { path: "fields.txt" });

  it("reads the meeting from the fields: date, chair with title, attendance", () => {
    expect(m.meeting).toMatchObject({ date: "2023-05-08", period: "上午", chair: "王立新", chairRole: "局长", body: "市住建局", kind: "局长办公会议" });
    expect(m.number).toBe(12);
    expect(m.issuedOn).toBe("2023-05-10");
    expect(m.attendance!.present).toEqual(["李华", "张强", "赵敏"]);
    expect(m.attendance!.other.join("|")).toContain("计划财务科负责同志");
    expect(m.text.slice(m.summarySpan.start, m.summarySpan.end)).toMatch(/^会议时间：[\s\S]*记录人：陈晨$/);
  });

  it("reads the items after the fields", () => {
    expect(m.items.map((i) => i.title)).toEqual(["关于建筑工地扬尘治理工作", "关于公租房分配方案"]);
    expect(m.items[1].decision).toBe("原则同意《2023年公共租赁住房分配方案》");
    expect(m.items[1].responsibleUnits).toEqual(["住房保障科"]);
  });
});

describe("a 乡务会议纪录 whose fields are numbered («一、时间：», «三、主持人：», «五、记录：»)", () => {
  const text = [
    "石岭鄉公所110年度第2次鄉務會議紀錄",
    "一、時間：中華民國110年4月8日（星期四）上午9時",
    "二、地點：石岭鄉公所會議室",
    "三、主持人：鄉長 林正雄",
    "四、出席人員：秘書 王美華、民政課長 陳志明",
    "五、記錄：黃小玲",
    "六、主持人報告：",
    "　　（一）請各課室於4月底前完成防汛整備。",
    "七、討論事項：",
    "　　案由一：擬申請社區活動中心修繕補助案，請討論。",
    "　　說明：修繕經費估計新臺幣80萬元。",
    "　　決議：通過，由民政課辦理。",
    "八、散會：上午10時30分。",
  ].join("\n");
  const [m] = parseRecords(text, { path: "numbered-fields.txt" });

  it("is read as a meeting: date, chair, the recorder, each 案由 an item with its decision", () => {
    expect(m.reading).toBe("meeting");
    expect(m.meeting).toMatchObject({ date: "2021-04-08", chair: "林正雄" });
    expect(m.compiledBy).toBe("黃小玲");
    const proposal = m.items.find((i) => /案由一/.test(i.label));
    expect(proposal?.decision).toMatch(/^通過/);
  });
});
