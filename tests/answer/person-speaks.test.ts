import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { personAskedToSpeak, unitSpeaks, writesPerson } from "../../src/answer/unit-speaker.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

describe("personAskedToSpeak", () => {
  it("finds the person asked what they said, with or without a post, a courtesy title or a meeting", () => {
    expect(personAskedToSpeak("杉塘街道城建办的郑凯在桂香社区议事会上说了什么")).toBe("郑凯");
    expect(personAskedToSpeak("县长柯文斌在这次县委常委会上作了什么部署")).toBe("柯文斌");
    expect(personAskedToSpeak("葉國樑议员提了什么")).toBe("葉國樑");
  });

  it("asks no one where the question asks who, about a speech's spirit or about the meeting", () => {
    expect(personAskedToSpeak("是谁传达的曹路宝、吴庆文讲话精神")).toBeNull();
    expect(personAskedToSpeak("这次会议上说了什么")).toBeNull();
    expect(personAskedToSpeak("张副县长讲了什么")).toBeNull();
  });
});

describe("writesPerson and unitSpeaks", () => {
  it("a person is a whole name on the lists, after a post or before a courtesy title — not a piece of a unit", () => {
    const roster = { present: ["市市场监管局方海"], attending: [], other: [], start: 0, end: 0 };
    expect(writesPerson("方海", "", roster)).toBe(true);
    expect(writesPerson("场监管", "加强房地产市场监管", roster)).toBe(false);
    expect(writesPerson("柯文斌", "县委副书记、县长柯文斌出席会议", null)).toBe(true);
  });

  it("«張秘書長啟瑞提：…» is a statement", () => {
    expect(unitSpeaks("启瑞", "张秘书长启瑞提：本年市议会定期会预定10月5日开议")).toBe(true);
  });
});

describe("a person listed but never speaking, end to end", () => {
  const engine = useEngine({ extra: [join(FIXTURES, "records/tangpu-district-council-committee-2024-11.txt")] });
  const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

  it("someone on the roster who said nothing is refused, naming them; someone who spoke is quoted", async () => {
    const silent = await ask("棠浦环境卫生及工程委员会会议上萧振邦议员说了什么？");
    expect(silent.found).toBe(false);
    expect(silent.answer).toContain("蕭振邦");
    const spoke = await ask("棠浦环境卫生及工程委员会会议上叶国梁议员提了什么要求？");
    expect(spoke.found).toBe(true);
    expect(spoke.citations.map((c) => c.quote).join("\n")).toContain("由每日兩次增至三次");
  });
});
