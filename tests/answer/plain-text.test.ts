import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { MINUTES_FIXTURES, ROOT } from "../helpers/paths.js";

/**
 * A plain text beside the meeting records: its questions are answered from
 * its sentences, never refused by rules written for meetings («第二次…» is no
 * meeting, «北方政策» no document passed at one, «几» of a word asks no figure).
 */
const engine = useEngine({ extra: [join(ROOT, "tests/fixtures/texts/beichuan-encyclopedia.txt"), join(MINUTES_FIXTURES, "news-article.txt")] });

const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

describe("questions about a plain text", () => {
  it("a policy the text names is answered from it («北方政策»), one it does not name is not («南方政策»)", async () => {
    const a = await ask("北川市的北方政策是由谁推动的");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("林青");
    expect((await ask("北川市的南方政策是由谁推动的")).found).toBe(false);
  });

  it("a «第二次» that names no meeting is not refused as an absent meeting", async () => {
    const a = await ask("第二次湖畔音乐节在何时举办");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("1998年");
  });

  it("«第几» is answered by an ordinal, «多少» by any written figure", async () => {
    const a = await ask("北川市是沿江的第几大港口");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("第二大");
    const b = await ask("北川市户籍人口有多少");
    expect(b.found).toBe(true);
    expect(b.citations[0].quote).toContain("82万人");
  });

  it("a quote takes in the short sentence before its own, where the answer often is («他上任后…» after «陈默当选…»)", async () => {
    const a = await ask("谁主持修建了青江大桥");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("陈默");
    expect(a.citations[0].quote).toContain("青江大桥");
  });

  it("a plan named as no text names it is still a near miss («文化旅游发展规划» beside a 保护利用规划)", async () => {
    const a = await ask("文化旅游发展规划强调了什么");
    expect(a.found).toBe(false);
  });
});
