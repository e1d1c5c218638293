import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES, MINUTES_FIXTURES } from "../helpers/paths.js";
import { expectVerbatim } from "../helpers/verbatim.js";

/** A document the question names must be one a record names: in a title, or written out whole in its body. */
const engine = useEngine({ extra: [join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt")] });

const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

describe("a document named in a record's body", () => {
  it("is found where the body writes it out whole («会议同意…县人民医院发热门诊改造方案，所需资金320万元…»)", async () => {
    const a = await ask("发热门诊改造方案资金多少");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("320万元");
    expectVerbatim(engine(), a);
  });

  it("a document no record names is still refused, never answered from another one («共享单车管理办法»)", async () => {
    const a = await ask("共享单车管理办法通过了吗");
    expect(a.found).toBe(false);
  });
});

describe("an article a question numbers («…办法第八条»)", () => {
  const docs = useEngine({ extra: [join(FIXTURES, "documents", "shihu-bicycle-measures.txt")] });
  const askDoc = (q: string) => docs().ask(q, { access: FULL_ACCESS });

  it("is quoted from that article", async () => {
    const a = await askDoc("石湖市公共自行车管理办法第五条怎么规定的");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("故意损坏公共自行车");
    expectVerbatim(docs(), a);
  });

  it("is refused, naming it, when the document has no such article (six articles, no 第八条)", async () => {
    const a = await askDoc("石湖市公共自行车管理办法第八条怎么规定的");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("第八条");
  });
});
