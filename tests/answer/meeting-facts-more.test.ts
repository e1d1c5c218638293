import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** Meeting facts a record writes in its fields, lists and closing: the recorder, the absent, a unit's attendee, the issue date, the publicity mark. */
const RECORDS = join(FIXTURES, "eval/blind-2/records");
const engine = useEngine({
  extra: ["r02-wuchuan-28.txt", "r03-hepu-jiyao.txt", "r10-fenghe-2019.txt", "r11-xinan-2026.txt", "r13-yichuan-caishichang.txt", "r14-chunhui-jiedao.txt"].map(
    (f) => join(RECORDS, f),
  ),
});
const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });
const quotes = (a: { citations: { quote: string }[] }) => a.citations.map((c) => c.quote).join("\n");

describe("meeting facts beyond the opening", () => {
  it("«记录是谁» quotes the record's 记录 field; a record with none is refused as not stated", async () => {
    const a = await ask("鹤浦市政府第四十一次常务会议的记录人是谁？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("周小蔓");
    const none = await ask("丰禾县第三十二次常务会议是谁做的记录？");
    expect(none.found).toBe(false);
    expect(none.answer).toContain("未写明记录人");
  });

  it("«谁没到会» quotes the sentence saying who asked for leave", async () => {
    const a = await ask("梧川第28次常务会议哪位副市长请假了？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("韩东升请假");
  });

  it("a unit's attendee is read from «姓名（单位）» in the list", async () => {
    const a = await ask("沂川农贸市场会议上市财政局是谁参会的？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("骆斌（市财政局）");
  });

  it("«哪天印发的» gives the date under the closing signature, not the meeting's date", async () => {
    const a = await ask("春晖街道第14次主任办公会议纪要哪天印发的？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("2025年7月23日");
  });

  it("«对外公开吗» quotes the record's mark even though «对外» names no record", async () => {
    const a = await ask("沂川农贸市场提升改造的会议纪要对外公开吗？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("不予公开");
  });

  it("«上午还是下午开的» gives the part of the day the opening writes", async () => {
    const a = await ask("梧川第28次常务会议是上午还是下午开的？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("4月9日下午");
  });

  it("«那份…纪要是哪一期的» quotes the number line, though the cutter reads «鹤|浦那|份»", async () => {
    const a = await ask("鹤浦那份常务会议纪要是哪一期的？");
    expect(a.found).toBe(true);
    expect(quotes(a)).toContain("〔2025〕第9期");
  });

  it("«区长叫什么» names the chair who holds the post, cited from the opening", async () => {
    const a = await ask("溪南区的区长叫什么？");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("晏思远");
    expect(quotes(a)).toContain("区长晏思远");
  });
});

describe("a post's holder asked of a unit", () => {
  const engine = useEngine({ extra: [join(FIXTURES, "records/city-water-party-group-expanded.txt")] });
  const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

  it("«水务局局长是谁» is the chair holding that post there; another unit's head is not him", async () => {
    const own = await ask("市水务局局长是谁？");
    expect(own.found).toBe(true);
    expect(own.answer).toContain("秦海波");
    const other = await ask("市教育局局长是谁？");
    expect(other.answer).not.toContain("秦海波");
  });
});
