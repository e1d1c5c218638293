import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** The words naming a meeting («西塬县第2次常务会议») chose the record; among its sentences they must not choose the opening. */
describe("sentences of a named meeting", () => {
  const engine = useEngine({ extra: [join(FIXTURES, "records/xiyuan-county-standing-counts-2026-02.txt")] });
  const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

  it("the sentence that answers is cited, not only the opening that repeats the meeting's name and topics", async () => {
    const a = await ask("西塬县第2次常务会议在防汛上强调了什么？");
    expect(a.found).toBe(true);
    expect(
      a.citations
        .slice(0, 2)
        .map((c) => c.quote)
        .join(""),
    ).toContain("落实专人巡查");
  });

  it("the opening is no second quote to a sentence that answers on its own", async () => {
    const a = await ask("西塬县2026年第2次常务会议对地质灾害隐患点有什么要求？");
    expect(a.citations[0].quote).toContain("18处地质灾害隐患点要落实专人巡查");
    expect(a.citations.map((c) => c.quote).join("")).not.toContain("主持召开");
  });
});

describe("sentences of a record whose title names what the question does", () => {
  const engine = useEngine({ extra: [join(FIXTURES, "records/yuanxi-npc-standing-closing-2025-09.txt")] });

  it("«人大常委会这次任免了哪些人» is answered first by the appointments, not by the opening naming the 人大常委会 again", async () => {
    const a = await engine().ask("沅溪市人大常委会这次任免了哪些人？", { access: FULL_ACCESS });
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("任命俞清和为沅溪市教育局局长");
  });
});
