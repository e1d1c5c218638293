import { describe, expect, it } from "vitest";
import { type ArchiveName, didYouMean, homophoneOf, soundAlike } from "../../src/answer/suggest.js";

const doc = (name: string): ArchiveName => ({ name, shown: `《${name}》`, rank: 2 });
const names = [
  doc("太仓市“十四五”城镇住房发展规划"),
  doc("云河市冬春季节火灾防控工作方案"),
  doc("太仓市新型智慧城市“十四五”规划"),
  doc("石门县城区停车管理办法"),
  { name: "区人社局", shown: "区人社局", rank: 0 },
];

describe("didYouMean", () => {
  it("finds a homophone pick of the input method («住方» → 住房), preferring names that hold the other words", () => {
    expect(didYouMean(["住方"], ["规划"], names)[0]).toBe("《太仓市“十四五”城镇住房发展规划》");
  });

  it("never offers a two- or three-character word that only shares a character («住方» is not 工作方案's «作方»)", () => {
    expect(didYouMean(["住方"], [], names)).not.toContain("《云河市冬春季节火灾防控工作方案》");
    expect(didYouMean(["单车"], ["办法"], names)).toEqual([]);
  });

  it("reads traditional characters and finds three-character homophones («人設局» → 区人社局)", () => {
    expect(didYouMean(["人設局"], [], names)).toEqual(["区人社局"]);
  });

  it("allows one edit from four characters on («智会城市» → 智慧城市)", () => {
    expect(didYouMean(["智会城市"], ["规划"], names)).toEqual(["《太仓市新型智慧城市“十四五”规划》"]);
  });

  it("suggests nothing for single characters or when nothing is near", () => {
    expect(didYouMean(["住"], [], names)).toEqual([]);
    expect(didYouMean(["量子计算"], [], names)).toEqual([]);
  });
});

describe("homophoneOf", () => {
  it("gives the one spelling of the same sound the archive writes («住方» → 住房, «智惠» → 智慧, «人設局» → 人社局)", () => {
    expect(homophoneOf("住方", names)).toBe("住房");
    expect(homophoneOf("智惠", names)).toBe("智慧");
    expect(homophoneOf("人設局", names)).toBe("人社局");
  });

  it("gives none for another sound («改照» is not read 改造), a word the archive writes, or a sound it writes two ways", () => {
    expect(homophoneOf("改照", [...names, doc("老旧小区改造方案")])).toBeNull();
    expect(homophoneOf("住房", names)).toBeNull();
    expect(homophoneOf("市城", [...names, doc("全市城区改造方案"), doc("试成果汇编")])).toBeNull();
  });
});

describe("soundAlike", () => {
  const texts = ["会议明确，补助资金由市财政统筹解决。", "背街小巷环境整治工作要常态化。"];
  const any = () => true;

  it("respells a pair no record writes as the records write its sound («资今» → 资金, «正治» → 整治)", () => {
    expect(soundAlike("资今", texts, any)).toBe("资金");
    expect(soundAlike("正治", texts, any)).toBe("整治");
  });

  it("gives nothing where the records write two spellings of the sound that keep a character («正治»: 整治 and 政治)", () => {
    expect(soundAlike("正治", [...texts, "加强政治建设。"], any)).toBeNull();
  });

  it("prefers the one spelling that keeps a character («堤仿» → 堤防, not 地方)", () => {
    expect(soundAlike("堤仿", ["沿河堤防加固", "地方政府专项债券"], any)).toBe("堤防");
  });

  it("gives nothing for a spelling the archive does not write as a pair, nor for anything but two Han characters", () => {
    expect(soundAlike("资今", texts, (pair) => pair !== "资金")).toBeNull();
    expect(soundAlike("资今会", texts, any)).toBeNull();
    expect(soundAlike("A今", texts, any)).toBeNull();
    expect(soundAlike("量子", texts, any)).toBeNull();
  });
});
