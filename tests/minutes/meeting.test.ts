import { describe, expect, it } from "vitest";
import { isOpeningParagraph, meetingFacts } from "../../src/minutes/meeting.js";

describe("meetingFacts: the opening sentence of a record in its many wordings", () => {
  it.each([
    [
      "5月8日，县人大常委会主任赵国强主持召开县十七届人大常委会第二十三次主任会议。",
      { chair: "赵国强", chairRole: "主任", session: 23, term: "十七届", body: "县人大常委会", kind: "主任会议" },
    ],
    ["3月12日，县政府召开第十五次常务会议，县长李华主持会议。", { chair: "李华", chairRole: "县长", session: 15, body: "县政府", kind: "常务会议" }],
    ["近日，市长周伟主持召开市政府第42次常务会议，研究部署近期工作。", { chair: "周伟", session: 42, body: "市政府", dateMatch: null }],
    ["2023年9月4日，白河县政府第九次常务会议召开，县长王磊主持。", { chair: "王磊", session: 9, body: "白河县政府" }],
    [
      "10月16日下午，市政协主席刘明主持召开市政协十三届第十次主席会议。",
      { chair: "刘明", chairRole: "主席", session: 10, term: "十三届", body: "市政协", kind: "主席会议", period: "下午" },
    ],
    ["7月5日，副市长林晓岚在市政府主持召开专题会议研究城市更新工作。", { chair: "林晓岚", chairRole: "副市长", kind: "专题会议" }],
    ["6月3日上午，局党组书记、局长陈志远主持召开局党组会议，传达学习有关会议精神。", { chair: "陈志远", chairRole: "局长", kind: "党组会议" }],
    [
      "2021年10月26日，常务副市长戴永庆受市长委托，在市政府第二会议室主持召开市长办公会议，专题研究城区农贸市场提升改造工作。",
      { chair: "戴永庆", chairRole: "常务副市长", kind: "市长办公会议" },
    ],
  ])("%s", (opening, expected) => {
    expect(isOpeningParagraph(opening)).toBe(true);
    expect(meetingFacts(opening)).toMatchObject(expected);
  });

  it("takes the year a meeting's name gives («2024年第3次») when the date has none", () => {
    expect(meetingFacts("2月20日，区长张涛主持召开区政府2024年第3次常务会议。").dateMatch).toMatchObject({ year: 2024, month: 2, day: 20 });
  });

  it("is not fooled by a headline or a sentence that only mentions a meeting", () => {
    expect(isOpeningParagraph("县长王立新主持召开县政府第十五次常务会议")).toBe(false);
    expect(isOpeningParagraph("据了解，《运河文化带保护利用规划》已于去年经市政府常务会议审议通过。")).toBe(false);
  });
});

describe("attendance said in the opening sentence", () => {
  it("lists the people present, not the chair's «讲话» nor what someone did at the meeting", async () => {
    const { attendanceSentences } = await import("../../src/minutes/meeting.js");
    const a = attendanceSentences("县政协主席彭光耀主持会议并讲话，副县长向蓉到会听取意见并作交流发言，县政协副主席田兴国、龙秀英、秘书长姚立波出席会议。");
    expect(a.present).not.toContain("讲话");
    expect(a.present).toContain("副县长向蓉");
    expect(a.present).toEqual(expect.arrayContaining(["县政协副主席田兴国", "龙秀英", "秘书长姚立波"]));
    expect(a.present.some((p) => p.includes("听取意见"))).toBe(false);
  });
});
