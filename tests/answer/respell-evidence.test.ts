import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** A slip of the input method in a question whose support falls short: asked again as so spelt, and said so. */
// The record alone: with the seed beside it, «达到» is a word the archive writes and the question passes as asked.
const engine = useEngine({ seed: false, extra: [join(FIXTURES, "eval/blind-3/records/r04-jintang-58.txt")] });
const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

describe("respelling on the sentence path", () => {
  it("«攻热» the archive never writes, «供热» it does: answered as «供热», the notice first", async () => {
    const a = await ask("金塘攻热面积多大");
    expect(a.found).toBe(true);
    expect(a.answer.split("\n")[0]).toContain("「供热」");
    expect(a.citations.map((c) => c.quote).join("")).toContain("2860万平方米");
  });

  it("a slip the question's characters carry just past the threshold («集中攻热面积达到多少»: 热 is written) is still asked as respelt, the notice first", async () => {
    const a = await ask("金塘市今年集中攻热面积达到多少？");
    expect(a.found).toBe(true);
    expect(a.answer.split("\n")[0]).toContain("「供热」");
    expect(a.citations.map((c) => c.quote).join("")).toContain("2860万平方米");
  });

  it("a question the respelt words do not answer either stays refused", async () => {
    const a = await ask("金塘市今年集中攻热的煤炭储备是多少吨？");
    expect(a.found).toBe(false);
  });
});

/** A pair no record writes, read as the records retrieved for the question write its sound. */
const danchuan = useEngine({ seed: false, extra: [join(FIXTURES, "records/danchuan-city-topic-funding-2025-06.txt")] });
const askDanchuan = (q: string) => danchuan().ask(q, { access: FULL_ACCESS });

describe("respelling from the records' own words", () => {
  it("«祝餐» (no title or term writes «助餐», the record's text does): answered as «助餐», the notice first, naming the words as written", async () => {
    const a = await askDanchuan("澹川的祝餐补贴涨到多少？");
    expect(a.found).toBe(true);
    expect(a.answer.split("\n")[0]).toContain("「助餐补贴」");
    expect(a.citations.map((c) => c.quote).join("")).toContain("每餐4元");
  });

  it("one character, one respelling: «堤仿加固» reads «堤防加固», not also «防加»", async () => {
    const a = await askDanchuan("澹川堤仿加固总投资多少？");
    expect(a.answer.split("\n")[0]).toContain("「堤防加固」");
    expect(a.answer).not.toContain("「防加」");
  });

  it("a word the cutter knows («时政») is what was meant, though the record writes its sound as «市政»: never respelt", async () => {
    const a = await askDanchuan("澹川专题会议讨论时政热点了吗？");
    expect(a.answer).not.toContain("「市政」");
  });
});
