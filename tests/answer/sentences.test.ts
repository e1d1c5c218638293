import { describe, expect, it } from "vitest";
import { SentenceBuffer, splitSentences } from "../../src/answer/sentences.js";

describe("sentences of a streamed answer", () => {
  it("ends a sentence at 。！？； or a line break, keeping the closing quote and markers after it", () => {
    expect(splitSentences("要加快建设。[1][2]要统筹推进“项目”！[3]\n第三句", true).sentences).toEqual([
      "要加快建设。[1][2]",
      "要统筹推进“项目”！[3]\n",
      "第三句",
    ]);
  });

  it("holds a sentence back until what follows its end shows no marker is still coming", () => {
    const b = new SentenceBuffer();
    expect(b.push("要加快建设。")).toEqual([]);
    expect(b.push("[")).toEqual([]);
    expect(b.push("1]")).toEqual([]);
    expect(b.push("要统筹")).toEqual(["要加快建设。[1]"]);
    expect(b.push("推进。[2]")).toEqual([]);
    expect(b.end()).toEqual(["要统筹推进。[2]"]);
    expect(b.end()).toEqual([]);
  });
});
