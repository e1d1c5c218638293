import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS, type Answer, type Turn } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";
import { expectVerbatim } from "../helpers/verbatim.js";

/** An item asked for by its number («第七项», «第二案») in the record named or talked about; a 决议 asked for is the decision. */
const engine = useEngine({ extra: [join(FIXTURES, "records/wuxi-township-affairs-roc112-10.txt")] });

const ask = (q: string, history: Turn[] = []) => engine().ask(q, { access: FULL_ACCESS, history });
const turn = (q: string, a: Answer): Turn => ({ question: q, intent: a.intent, focus: a.focus, record: a.record, answer: a.answer });

describe("an item named by its number", () => {
  it("«第1号纪要第七项强调了什么» gives item 七's points, though the question names no topic", async () => {
    const a = await ask("太仓第1号纪要第七项强调了什么");
    expect(a.found).toBe(true);
    expect(a.citations.map((c) => c.item?.ordinal)).toEqual([7, 7, 7]);
    expectVerbatim(engine(), a);
  });

  it("«…第七项的原文» quotes the whole item in order, each passage cited; «原文» asks how, not what about", async () => {
    for (const q of ["请给出太仓第1号纪要第七项的原文", "太仓第1号纪要第七项原文是怎么写的"]) {
      const a = await ask(q);
      expect(a.found, q).toBe(true);
      expect(new Set(a.citations.map((c) => c.item?.ordinal))).toEqual(new Set([7]));
      expect(a.citations.length, q).toBeGreaterThanOrEqual(3);
      const quoted = a.citations.map((c) => c.quote).join("");
      for (const point of ["（一）", "（二）", "（三）"]) expect(quoted, q).toContain(point);
      expectVerbatim(engine(), a);
    }
    // Without «原文» the item is introduced by its opening passage only.
    expect((await ask("太仓第1号纪要第七项是什么")).citations.length).toBe(1);
  });

  it("«第三项是什么» after the list of items gives item 三's heading and its opening, cited", async () => {
    const q1 = "太仓第1号纪要有哪些议题";
    const first = await ask(q1);
    const a = await ask("第三项是什么", [turn(q1, first)]);
    expect(a.found).toBe(true);
    expect(a.answer).toContain("信息化项目管理办法");
    expect(a.citations[0].item?.ordinal).toBe(3);
    expectVerbatim(engine(), a);
  });

  it("«第二案» in a conversation about a 鄉務會議紀錄 is its 提案二, and «怎么决议的» asks for its 決議", async () => {
    const q1 = "雾溪乡第八次乡务会议讨论了哪些提案";
    const first = await ask(q1);
    const a = await ask("第二案最后怎么决议的", [turn(q1, first)]);
    expect(a.found).toBe(true);
    expect(a.answer).toContain("修正後通過");
    expect(a.answer).not.toContain("照案通過");
    expectVerbatim(engine(), a);
  });
});

describe("a 會議紀錄's 主席", () => {
  it("«…主席是谁» asks who chaired: the field «主席：鄉長 李美玲»", async () => {
    const a = await ask("雾溪乡第八次乡务会议主席是谁");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("主持人：李美玲");
  });
});

describe("a proposal's 決議", () => {
  it("«…扩点案决议如何» is the decision of that proposal, read as passed in traditional characters", async () => {
    const a = await ask("雾溪乡长者共餐据点扩点案决议如何");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("已审议通过");
    expect(a.citations[0].quote).toContain("照案通過");
  });
});

describe("two meetings named in one question", () => {
  const two = useEngine({ extra: [join(FIXTURES, "records/lanfeng-county-standing-digest-2022.txt")] });
  it("«第八次和第九次常务会议分别研究了什么» lists each meeting's items, in the order they were held", async () => {
    const a = await two().ask("岚峰县第八次和第九次常务会议分别研究了什么", { access: FULL_ACCESS });
    expect(a.found).toBe(true);
    const eighth = a.answer.indexOf("2022-04-11");
    const ninth = a.answer.indexOf("2022-05-16");
    expect(eighth).toBeGreaterThanOrEqual(0);
    expect(ninth).toBeGreaterThan(eighth);
    expectVerbatim(two(), a);
  });
});
