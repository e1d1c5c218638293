import { describe, expect, it } from "vitest";
import { analyzeQuery } from "../../src/retrieval/query.js";
import { loadLexicon } from "../../src/index/lexicon.js";
import { bigrams, words } from "../../src/index/tokenize.js";
import { ROOT } from "../helpers/paths.js";

const lexicon = await loadLexicon(`${ROOT}/data/lexicon`);

describe("query analysis", () => {
  it("removes question words as whole tokens, keeping 就业's 就", () => {
    expect(analyzeQuery("会议有没有讨论大学毕业生就业补贴？", lexicon).core).toContain("就业");
  });
  it("removes a question word the cutter joined to what it asks («哪一年», «何时», «第几», «哪|一个»), not a word that only holds one", () => {
    expect(analyzeQuery("蓟农民在哪一年获得了耕地", lexicon).core.split(" ")).not.toContain("哪一年");
    expect(analyzeQuery("第二次音乐节何时举办", lexicon).core).not.toContain("何时");
    expect(analyzeQuery("史特拉斯堡是第几大港口", lexicon).core).not.toContain("第几");
    expect(analyzeQuery("哪一个单位负责站厅设计", lexicon).core.split(" ")).not.toContain("一个");
    expect(analyzeQuery("交通规划什么时候完成", lexicon).core).not.toContain("时候");
    expect(analyzeQuery("几何光学是什么", lexicon).core).toContain("几何");
    expect(analyzeQuery("何炅是谁", lexicon).core).toContain("何炅");
    expect(analyzeQuery("翠湾县这份纪要公开吗", lexicon).core).not.toContain("这份");
    expect(analyzeQuery("交通规划第一点强调了什么", lexicon).core).not.toContain("第一点");
    // Cut «第五|点» as well as whole.
    expect(analyzeQuery("交通规划第五点强调了什么", lexicon).core.split(" ")).not.toContain("第五");
  });
  it("reads an A-not-A form («管不管», «批没批», «通没通过») as asking yes or no, however the cutter splits it", () => {
    expect(analyzeQuery("买不起房子政府管不管", lexicon).core.split(" ")).toEqual(["买不起", "房子", "政府"]);
    expect(analyzeQuery("智慧城市规划批没批", lexicon).core).not.toContain("批");
    expect(analyzeQuery("交通规划通没通过", lexicon).core.split(" ")).toEqual(["交通", "规划"]);
    expect(analyzeQuery("资金够不够", lexicon).core).toBe("资金");
    expect(analyzeQuery("不见不散的由来", lexicon).core).toContain("不见不散");
  });
  it("maps how citizens speak to how minutes are written", () => {
    expect(analyzeQuery("看病难不难", lexicon).expansions).toEqual(expect.arrayContaining(["医疗"]));
    expect(analyzeQuery("孩子上学的事", lexicon).expansions).toEqual(expect.arrayContaining(["教育"]));
  });
  it("reads numbers, dates and quoted terms exactly", () => {
    const a = analyzeQuery("第1号纪要里1月21日第1次会议提到“一网统管”吗", lexicon);
    expect(a).toMatchObject({ minutesNumber: 1, session: 1, date: "--01-21", quoted: ["一网统管"] });
    expect(analyzeQuery("2022年1月21日的会", lexicon).date).toBe("2022-01-21");
  });
  it("finds unit aliases", () => {
    expect(analyzeQuery("交通运输局负责什么", lexicon).units).toContain("市交运局");
  });
  it("tokenizes codes and badly segmented names so they still match", () => {
    expect(bigrams("“5+1”轨道")).toEqual(expect.arrayContaining(["5+", "+1"]));
    expect(words("上海交通大学")).toEqual(expect.arrayContaining(["上海", "交通", "大学"]));
  });
});

describe("how much and how sure the asker wants it", () => {
  it("«一共», «到底», «大概» are question words, not content", async () => {
    const { analyzeQuery } = await import("../../src/retrieval/query.js");
    const { EMPTY_LEXICON } = await import("../../src/index/lexicon.js");
    const { contentWords } = await import("../../src/retrieval/retriever.js");
    const words = contentWords(analyzeQuery("岫川今年搞高标准农田一共要花多少钱？", EMPTY_LEXICON)).map((w) => w.word);
    expect(words).toContain("农田");
    expect(words).not.toContain("一共");
    expect(contentWords(analyzeQuery("荻港地铁到底啥时候能坐上", EMPTY_LEXICON)).map((w) => w.word)).not.toContain("到底");
    expect(contentWords(analyzeQuery("发现的问题要在多长时间内报告整改", EMPTY_LEXICON)).map((w) => w.word)).not.toContain("多长时间");
  });
});
