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
