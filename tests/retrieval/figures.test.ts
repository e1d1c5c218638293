import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { analyzeQuery } from "../../src/retrieval/query.js";
import { loadLexicon } from "../../src/index/lexicon.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { ROOT, SEED } from "../helpers/paths.js";

const lexicon = await loadLexicon(`${ROOT}/data/lexicon`);

describe("figures in a question", () => {
  it("are a number with its unit, not a minutes number, a session, a year or a date", () => {
    expect(analyzeQuery("银峰市对37处城市易涝点逐一落实排涝措施是怎么安排的？", lexicon).figures).toEqual(["37处"]);
    expect(analyzeQuery("新设平价商店1023家，改造2.5公里管网", lexicon).figures).toEqual(["1023家", "2.5公"]);
    expect(analyzeQuery("2023年第7号纪要第3次会议1月21日强调了什么", lexicon).figures).toEqual([]);
    expect(analyzeQuery("2022-01-21的会议和2022年1月28日印发的纪要", lexicon).figures).toEqual([]);
  });
});

describe("near-identical minutes that differ in a figure", () => {
  let corpus: TempCorpus;
  let engine: MinutesEngine;

  // Two later sets of minutes repeat item 七's sentence with another figure each, as archives do year after year.
  beforeAll(async () => {
    corpus = makeCorpus();
    const seed = readFileSync(SEED, "utf8");
    // The first also names 360 in another figure, and the charging piles twice: on words alone it matches «360个» better.
    for (const [n, day, figure] of [
      [2, 4, "360项配套，新建公共充电桩120个"],
      [3, 18, "360个"],
    ] as const) {
      const text = seed
        .replace("第 1 号", `第 ${n} 号`)
        .replace("第 1 次常务会议", `第 ${n} 次常务会议`)
        .replace(/2022 年 1 月 21 日上午/, `2022 年 2 月 ${day} 日上午`)
        .replace("确保交通建设项目早落地、早通车。", `确保交通建设项目早落地、早通车，年内新建公共充电桩${figure}。`);
      writeFileSync(join(corpus.minutesDir, `taicang-2022-0${n}.txt`), text);
    }
    engine = await openEngine({ config: corpus.config });
  });
  afterAll(() => corpus.cleanup());

  it("cites the minutes that state the figure asked about", async () => {
    for (const [figure, number] of [
      ["360个", 3],
      ["120个", 2],
    ] as const) {
      const hits = await engine.search(`年内新建公共充电桩${figure}是怎么安排的`, { k: 3, access: FULL_ACCESS });
      expect(hits[0].number).toBe(number);
      expect(hits[0].quote).toContain(figure);
      const a = await engine.ask(`年内新建公共充电桩${figure}是怎么安排的`, { access: FULL_ACCESS });
      expect(a.citations[0].number).toBe(number);
      expect(a.citations[0].quote).toContain(figure);
    }
  });
});
