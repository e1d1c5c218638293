import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appointsTo, newHolderAsked } from "../../src/answer/appointee.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

const roll = "会议表决通过了有关人事任免事项：任命邬清源为葭川市财政局局长；免去郜明远的葭川市交通运输局局长职务；任命阮芷晴为葭川市中级人民法院审判员。";

describe("newHolderAsked", () => {
  it("reads the unit and the post whose new holder is asked", () => {
    expect(newHolderAsked("葭川市人大常委会这次任命的市交通运输局新局长是谁？")).toEqual({ unit: "交通运输局", post: "局长" });
    expect(newHolderAsked("县卫健委新主任叫什么")).toEqual({ unit: "卫健委", post: "主任" });
  });

  it("reads «任命谁当…» too, a deputy's post kept whole", () => {
    expect(newHolderAsked("这次主任会议提请任命谁当市中级人民法院副院长？")).toEqual({ unit: "中级人民法院", post: "副院长" });
    expect(newHolderAsked("提请任命谁当市自然资源和规划局局长？")).toEqual({ unit: "自然资源和规划局", post: "局长" });
    expect(appointsTo("任命谭晓鸥为市中级人民法院审判员。", { unit: "中级人民法院", post: "副院长" })).toBe(false);
  });

  it("asks nothing of a post's holder in general or of anything else", () => {
    expect(newHolderAsked("区长是谁")).toBeNull();
    expect(newHolderAsked("新院区选址在哪")).toBeNull();
  });
});

describe("appointsTo", () => {
  const asked = { unit: "交通运输局", post: "局长" };
  it("is false where the post is only vacated, or another unit's is filled", () => {
    expect(appointsTo(roll, asked)).toBe(false);
  });

  it("is true where someone is appointed to it", () => {
    expect(appointsTo("任命邬清源为葭川市交通运输局局长；免去郜明远的葭川市财政局局长职务。", asked)).toBe(true);
  });
});

describe("a new holder asked, end to end", () => {
  const engine = useEngine({ seed: false, extra: [join(FIXTURES, "eval/blind-5/records/r11-jiachuan-renda.txt")] });
  const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

  it("«新局长是谁» where the roll only removes the 局长: «纪要未写明新任局长», the roll shown as the nearest text", async () => {
    const a = await ask("葭川市人大常委会这次任命的市交通运输局新局长是谁？");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("未写明新任局长");
    expect(a.answer).toContain("免去");
  });

  it("the post the roll fills is answered («财政局新局长是谁» → 邬清源)", async () => {
    const a = await ask("葭川市人大常委会这次任命的市财政局新局长是谁？");
    expect(a.found).toBe(true);
    expect(a.citations.map((c) => c.quote).join("")).toContain("邬清源");
  });
});
