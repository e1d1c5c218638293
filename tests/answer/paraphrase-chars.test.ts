import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/**
 * The question's characters count in the support beside its words and pairs: a paraphrase keeps the morphemes
 * («改厕» / «户厕改造», «医护» / «医护人员») where it loses the words.
 */
const engine = useEngine({ extra: [join(FIXTURES, "records/yunao-county-standing-paraphrase-2025-03.txt")] });
const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });
const quotes = (a: { citations: { quote: string }[] }) => a.citations.map((c) => c.quote).join("\n");

describe("a paraphrase that keeps the record's morphemes", () => {
  it("is answered («农村厕所改造», «改厕» for «户厕改造»; «新招多少医护» for «新增医护人员»)", async () => {
    for (const q of ["云岙农村厕所改造任务是多少户", "云岙今年农村改厕任务多少户？"]) {
      const a = await ask(q);
      expect(a.found, q).toBe(true);
      expect(quotes(a)).toContain("460户");
    }
    const staff = await ask("云岙人民医院新院区开张得新招多少医护？");
    expect(staff.found).toBe(true);
    expect(quotes(staff)).toContain("420名");
  });

  it("still refuses a topic the record does not hold and another thing's figure", async () => {
    expect((await ask("云岙常务会议有没有研究安全生产？")).found).toBe(false);
    expect((await ask("云岙煤改气每户补贴多少？")).found).toBe(false);
  });
});
