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
