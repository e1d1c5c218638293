import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** A numbered period the question names («二季度») must be what the cited item is about, not a figure inside another one. */
const engine = useEngine({ extra: [join(FIXTURES, "records/liaowan-district-standing-formal-2021-04.txt")] });

describe("a named period and the item that holds it", () => {
  it("«二季度…怎么样» is not answered by the 一季度 item that sets an 二季度 target", async () => {
    const a = await engine().ask("蓼湾区第二季度经济运行情况如何", { access: FULL_ACCESS });
    expect(a.found).toBe(false);
    expect(a.answer).toContain("最接近的内容");
  });

  it("the period the item is about is answered with its clause", async () => {
    const a = await engine().ask("蓼湾区一季度经济运行情况怎么样", { access: FULL_ACCESS });
    expect(a.found).toBe(true);
    expect(a.citations[0].item?.title).toContain("一季度");
  });
});

describe("a figure asked for is stated by a quote about the question", () => {
  const town = useEngine({ extra: [join(FIXTURES, "texts/songxi-town-office-2021.txt")] });
  const askTown = (q: string) => town().ask(q, { access: FULL_ACCESS });

  it("«焚烧秸秆罚款多少钱»: the sentence on 秸秆 states no amount; the next one's 2.4万元 (音响设备) is no answer", async () => {
    const a = await askTown("松溪镇焚烧秸秆罚款多少钱");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("纪要未写明金额");
  });

  it("the amount a sentence states about what is asked is answered", async () => {
    const a = await askTown("松溪镇广场舞音响设备花了多少钱");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("2.4万元");
  });
});
