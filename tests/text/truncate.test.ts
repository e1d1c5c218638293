import { describe, expect, it } from "vitest";
import { truncate } from "../../src/text/truncate.js";

describe("truncate", () => {
  it("keeps text within the limit as it is, and cuts longer text to the limit with «…»", () => {
    expect(truncate("交通规划", 4)).toBe("交通规划");
    expect(truncate("交通规划强调了什么", 5)).toBe("交通规划…");
    expect(truncate("交通 规划", 4)).toBe("交通…");
  });

  it("never cuts a surrogate pair in half", () => {
    const out = truncate("甲乙𠀀丙丁", 4); // 𠀀 is two code units at 2–3
    expect(out).toBe("甲乙…");
    expect(out.length).toBeLessThanOrEqual(4);
  });
});
