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
