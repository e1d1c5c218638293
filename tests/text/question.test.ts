import { describe, expect, it } from "vitest";
import { normalizeQuestion } from "../../src/text/question.js";

describe("question normalisation", () => {
  it("removes zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and trims", () => {
    expect(normalizeQuestion(" \ufeff交\u200b通\u200c规\u200d划\u2060强调了什么 ")).toBe("交通规划强调了什么");
    expect(normalizeQuestion("交通 规划")).toBe("交通 规划");
  });
});
