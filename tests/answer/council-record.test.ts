import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** A 區議會 會議紀錄 whose roster stands on the lines under its labels («出席者：», «缺席者：»). */
const engine = useEngine({ extra: [join(FIXTURES, "records/nanao-district-council-roster-2025-04.txt")] });
const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });
const quotes = (a: { citations: { quote: string }[] }) => a.citations.map((c) => c.quote).join("\n");

describe("a council record's roster under its labels", () => {
  it("«哪位議員缺席» quotes the name under «缺席者：», not the bare label", async () => {
    const a = await ask("南澳區議會第四次會議哪位議員缺席？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("利文康");
  });

  it("the 主席 heading the people present chaired the meeting", async () => {
    const a = await ask("南澳區議會第四次會議由誰主持？");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("蘇栢霖");
  });

  it("«…計劃什麼時候開通» asks when, and names no plan", async () => {
    const a = await ask("南澳至海港城的新巴士路線計劃什麼時候開通？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("9月底前");
  });

  it("«哪個議員沒來» in any words asks who was absent from the one meeting named", async () => {
    const a = await ask("南澳區議會第四次會議哪個議員沒來，為甚麼？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("利文康");
  });
});
