import { describe, expect, it } from "vitest";
import { Bm25Index } from "../../src/index/bm25.js";
import { bigrams } from "../../src/index/tokenize.js";

const PUBLIC = ["会议研究了交通规划工作", "会议听取了教育事业发展规划的汇报", "会议强调要做好交通安全工作"];
const INTERNAL = ["内部会议研究了交通规划与交通人事安排", "交通交通交通规划内部事项"];
const scoresOf = (index: Bm25Index, query: string) => {
  const scores = new Float32Array(index.size);
  index.accumulate(
    bigrams(query).map((term) => ({ term, weight: 1 })),
    scores,
  );
  return scores;
};

describe("term statistics scoped to what a caller may see", () => {
  it("scores the public documents exactly as an index of the public documents alone", () => {
    // Internal documents interleaved, as ingest orders minutes by date.
    const mixed = [PUBLIC[0], INTERNAL[0], PUBLIC[1], INTERNAL[1], PUBLIC[2]];
    const scope = Uint8Array.from([1, 0, 1, 0, 1]);
    const all = Bm25Index.build(mixed.map(bigrams));
    const scoped = all.scoped(scope);
    const alone = Bm25Index.build(PUBLIC.map(bigrams));
    for (const q of ["交通规划", "教育规划汇报", "交通安全"]) {
      const s = scoresOf(scoped, q);
      const a = scoresOf(alone, q);
      expect([s[0], s[2], s[4]]).toEqual([a[0], a[1], a[2]]);
      // Unscoped, the internal documents change the public scores: the side channel this closes.
      const u = scoresOf(all, q);
      expect([u[0], u[2], u[4]]).not.toEqual([a[0], a[1], a[2]]);
    }
    expect(scoped.df("交通")).toBe(alone.df("交通"));
    expect(scoped.documents).toBe(3);
    expect(scoped.size).toBe(5);
  });

  it("counts runs (passages of one item sharing their tokens) by the documents in scope", () => {
    const docs = [PUBLIC[0], PUBLIC[0], PUBLIC[0], PUBLIC[1]].map(bigrams);
    const scoped = Bm25Index.build(docs).scoped(Uint8Array.from([1, 0, 1, 1]));
    const alone = Bm25Index.build([PUBLIC[0], PUBLIC[0], PUBLIC[1]].map(bigrams));
    expect(scoped.df("交通")).toBe(2);
    expect(scoped.idf("交通")).toBe(alone.idf("交通"));
    const s = scoresOf(scoped, "交通规划");
    expect(s[3]).toBe(scoresOf(alone, "交通规划")[2]);
  });

  it("scores with other BM25 parameters on the same postings", () => {
    const docs = PUBLIC.map(bigrams);
    const other = Bm25Index.build(docs).withParams({ k1: 0.9, b: 0.4 });
    expect(scoresOf(other, "交通规划")).toEqual(scoresOf(Bm25Index.build(docs, { k1: 0.9, b: 0.4 }), "交通规划"));
  });
});
