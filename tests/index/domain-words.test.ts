import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { domainWordsOf } from "../../src/index/docstore.js";
import { parseMinutes } from "../../src/minutes/parse.js";
import { MINUTES_FIXTURES, SEED } from "../helpers/paths.js";

describe("domainWordsOf", () => {
  it("adds a public record's units and titles to the shared dictionary, and nothing of an internal one", () => {
    const seed = parseMinutes(readFileSync(SEED, "utf8"), { path: SEED });
    const internalPath = join(MINUTES_FIXTURES, "internal-standing-2023-02.txt");
    const internal = parseMinutes(readFileSync(internalPath, "utf8"), { path: internalPath });
    expect(seed.visibility).toBe("public");
    expect(domainWordsOf(seed)).toContain("市交运局");
    expect(internal.visibility).toBe("internal");
    expect(internal.items.flatMap((i) => i.responsibleUnits).length).toBeGreaterThan(0);
    expect(domainWordsOf(internal)).toEqual([]);
  });
});

describe("a record's own place in the dictionary", () => {
  it("a meeting's place is a word («璜源», so «璜源纾困» is not cut «璜源纾|困»); an article's places are not added", () => {
    const report = parseMinutes(
      "县政府召开第三十七次常务会议\n\n4月17日，璜源县县长樊某主持召开县政府第三十七次常务会议，研究纾困政策等工作。副县长李某出席会议。\n\n会议审议并原则同意《璜源县支持中小微企业纾困发展十条措施》。会议要求，确保政策6月15日前兑现落地。",
      { path: "huangyuan.txt", visibility: "public" },
    );
    expect(report.reading).toBe("meeting");
    expect(report.visibility).toBe("public");
    expect(domainWordsOf(report)).toContain("璜源");
    const article = parseMinutes("长江\n\n长江发源于青海省唐古拉山脉，流经上海市入海。", { path: "changjiang.txt", visibility: "public" });
    expect(article.reading).toBe("text");
    expect(domainWordsOf(article)).not.toContain("青海");
  });
});
