import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { preambleClauses, storyTerms } from "../../src/answer/preamble.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

describe("preambleClauses", () => {
  it("finds the clauses that tell the asker's story beside the one that asks", () => {
    expect(preambleClauses("我妈在苇川，八十多了，去社区食堂吃饭政府给补几块钱？")).toEqual(["我妈在苇川", "八十多了"]);
    expect(preambleClauses("家里暖气不够热，金塘规定屋里最低得多少度？")).toEqual(["家里暖气不够热"]);
  });

  it("finds none in a one-clause question, or where every clause asks («…吗？加多少？»)", () => {
    expect(preambleClauses("社区食堂吃饭政府补多少？")).toEqual([]);
    expect(preambleClauses("今年会加装充电桩吗，加多少？")).toEqual([]);
  });
});

describe("storyTerms", () => {
  it("holds the story's stretches, not the asking clause's words nor the place that names the meeting", () => {
    const t = storyTerms("我奶奶住西塬，八十多岁，社区长者食堂就餐补助多少？", ["西塬"])!;
    expect(t.has("奶奶")).toBe(true);
    expect(t.has("八十")).toBe(true);
    expect(t.has("西塬")).toBe(false);
    expect(t.has("住西塬")).toBe(false);
    expect(t.has("食堂")).toBe(false);
  });

  it("is undefined for a question that tells no story", () => {
    expect(storyTerms("社区长者食堂就餐补助多少？", [])).toBeUndefined();
  });
});

describe("a question that tells a story, end to end", () => {
  const engine = useEngine({ extra: [join(FIXTURES, "records/xiyuan-county-standing-counts-2026-02.txt")] });

  it("is answered from the record that answers its asking clause, the story weighing little", async () => {
    const a = await engine().ask("我奶奶住西塬，八十多岁，社区长者食堂就餐补助多少？", { access: FULL_ACCESS });
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("每餐补助4元");
  });
});

describe("storyTerms on a long pasted story", () => {
  it("keeps stretches no longer than a word, so a long question costs little", () => {
    const story = "我家住在城北老小区六楼每天上下楼很不方便".repeat(20);
    const t = storyTerms(`${story}，加装电梯补助多少？`, [])!;
    expect(Math.max(...[...t].map((x) => x.length))).toBeLessThanOrEqual(12);
    expect(t.has("加装")).toBe(false);
  });
});
