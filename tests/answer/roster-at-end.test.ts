import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** A 专题会议纪要 that names its chair and attendees only after the items («主持：…», «参加人员：…»). */
const engine = useEngine({ extra: [join(FIXTURES, "records/qinglan-city-topic-chair-at-end-2025-05.txt")] });
const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

describe("a roster after the items", () => {
  it("«是谁主持的» names the chair of «主持：裴云舟（副市长）»", async () => {
    const a = await ask("青岚城西供水管网改造专题会议是谁主持的？");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("裴云舟");
  });

  it("«市财政局是谁去参加的» names the unit's attendee", async () => {
    const a = await ask("青岚城西供水管网改造专题会议，市财政局是谁去参加的？");
    expect(a.found).toBe(true);
    expect(a.citations.map((c) => c.quote).join("\n")).toContain("满晓婷");
  });
});
