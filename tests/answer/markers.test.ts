import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { neutralizeSourceMarkers } from "../../src/answer/markers.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";

/** Minutes whose text carries citation look-alikes, as footnote marks in a PDF do. */
const WITH_MARKS =
  "某市人民政府常务会议纪要\n\n第9号\n\n2023年5月6日\n\n2023年5月4日上午，李明市长主持召开市政府第9次常务会议，研究有关事项，纪要如下：\n\n" +
  "一、研究河湖长制工作\n\n会议听取了市水利局关于河湖长制工作的汇报。会议强调，（一）要加强河道巡查[9]，落实巡河制度[1]。（二）要压实河长责任。\n\n（此件公开发布）";

let corpus: TempCorpus;
let engine: MinutesEngine;

beforeAll(async () => {
  corpus = makeCorpus();
  writeFileSync(join(corpus.minutesDir, "marks.txt"), WITH_MARKS);
  engine = await openEngine({ config: corpus.config });
});
afterAll(async () => {
  await engine?.close();
  corpus?.cleanup();
});

describe("citation look-alikes from source text", () => {
  it("keep our markers at line ends and put the source's in full-width brackets", () => {
    expect(neutralizeSourceMarkers("要加强河道巡查[9]，落实巡河制度[1]。[2]\n河湖长制：\n（二）要压实河长责任。[3][4]")).toBe(
      "要加强河道巡查［9］，落实巡河制度［1］。[2]\n河湖长制：\n（二）要压实河长责任。[3][4]",
    );
  });

  it("never reach an answer as markers: every [n] left names one of its citations", async () => {
    const a = await engine.ask("河湖长制工作强调了什么");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("要加强河道巡查［9］，落实巡河制度［1］");
    const markers = [...a.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(markers.length).toBeGreaterThan(0);
    for (const n of markers) expect(n).toBeLessThanOrEqual(a.citations.length);
    // The quote itself stays the exact source text.
    expect(a.citations.some((c) => c.quote.includes("河道巡查[9]"))).toBe(true);
  });
});
