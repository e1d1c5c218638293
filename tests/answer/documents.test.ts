import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { FULL_ACCESS, type Answer } from "../../src/answer/types.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { ROOT } from "../helpers/paths.js";
import { expectVerbatim } from "../helpers/verbatim.js";

/** Answers from the documents meetings pass (办法, 规划, 通知): lists under their lead, text under its heading, durations. */
const DOCS = join(ROOT, "tests/fixtures/documents");
let corpus: TempCorpus;
let engine: MinutesEngine;

beforeAll(async () => {
  corpus = makeCorpus({
    extra: readdirSync(DOCS)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => join(DOCS, f)),
  });
  engine = await openEngine({ config: corpus.config });
}, 120_000);
afterAll(async () => {
  await engine?.close();
  corpus?.cleanup();
});

const ask = (q: string) => engine.ask(q, { access: FULL_ACCESS });
const quotes = (a: Answer) => a.citations.map((c) => c.quote).join("\n");

describe("answers from documents", () => {
  it("a lead sentence ending in «：» is quoted with every item of its list («项目建设单位履行以下职责：（一）…（四）»)", async () => {
    const a = await ask("项目建设单位有哪些职责");
    expect(a.found).toBe(true);
    for (const label of ["（一）", "（二）", "（三）", "（四）"]) expect(quotes(a)).toContain(label);
    expect(quotes(a)).not.toContain("第三章");
    expectVerbatim(engine, a);
  });

  it("a heading alone on its line («发展目标») is quoted with the paragraph under it", async () => {
    const a = await ask("南屏县数字经济发展规划的目标是什么？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("核心产业增加值突破35亿元");
    expectVerbatim(engine, a);
  });

  it("«多久» is answered by a duration («15个工作日内»), and units in traditional characters count («72小時»)", async () => {
    const a = await ask("技术审核意见多久出具？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("15个工作日内");
    const b = await ask("市级公共图书馆每周开放多少小时");
    expect(b.found).toBe(true);
    expect(quotes(b)).toContain("72小時");
    expect(b.answer).not.toContain("未写明");
  });
});
