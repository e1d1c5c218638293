import { describe, expect, it } from "vitest";
import { classifyIntent, listFilter } from "../../src/answer/intent.js";

describe("question classes", () => {
  it("«几点开» asks the meeting's time only of the meeting: «护学岗几点开始站岗» asks about the guards", () => {
    for (const q of ["会议几点开始？", "常务会议几点召开的", "这次会几点开的"]) expect(classifyIntent(q), q).toBe("meta");
    expect(classifyIntent("望川学校门口护学岗几点开始站岗？")).not.toBe("meta");
  });

  it("«议程» asks for the agenda, «议程四» names one item of it", () => {
    expect(classifyIntent("这次会议的议程有哪些")).toBe("list");
    expect(classifyIntent("议程四的议决原文是什么")).not.toBe("list");
  });

  it("«这次推进会涉及了哪些民生事项» asks the meeting's topics; «改造涉及哪些小区» asks the members of a project", () => {
    expect(classifyIntent("东篱街道这次推进会涉及了哪些民生事项？")).toBe("list");
    expect(classifyIntent("这次会议研究了哪些工作")).toBe("list");
    expect(classifyIntent("城东雨污分流改造涉及哪些小区？")).not.toBe("list");
  });

  it("a kind of document asked for: 计划 as a verb is none", () => {
    expect(listFilter("审议了哪些规划")).toBe("规划");
    expect(listFilter("学府路到高铁站的公交专线计划什么时候开通")).toBeNull();
    expect(listFilter("地铁建设计划什么时候印发的")).toBe("计划");
    expect(listFilter("椿溪计划新增多少个公共停车泊位")).toBeNull();
  });

  it("«市财政局是谁去参加的» asks who attended", () => {
    expect(classifyIntent("茗湾城东雨污分流专题会议，市财政局是谁去参加的？")).toBe("attendance");
  });

  it("«责任单位» asked for is a unit question; named as those a requirement is for, it is not", () => {
    expect(classifyIntent("这项工作的责任单位是哪个")).toBe("unit");
    expect(classifyIntent("牵头单位是谁")).toBe("unit");
    expect(classifyIntent("蔚岭调度会对各责任单位推进任务提了什么要求？")).toBe("emphasis");
  });

  it("«哪两个代表没来» asks who was absent", () => {
    expect(classifyIntent("桐渚青槐村开代表会哪两个代表没来，为什么？")).toBe("attendance");
  });
});
