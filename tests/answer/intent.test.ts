import { describe, expect, it } from "vitest";
import { classifyIntent } from "../../src/answer/intent.js";

describe("question classes", () => {
  it("«几点开» asks the meeting's time only of the meeting: «护学岗几点开始站岗» asks about the guards", () => {
    for (const q of ["会议几点开始？", "常务会议几点召开的", "这次会几点开的"]) expect(classifyIntent(q), q).toBe("meta");
    expect(classifyIntent("望川学校门口护学岗几点开始站岗？")).not.toBe("meta");
  });
});
