import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildRetrievalSetIndex, evaluateRetrievalSet } from "../../src/retrieval/eval.js";
import { EMPTY_LEXICON } from "../../src/index/lexicon.js";
import { Retriever } from "../../src/retrieval/retriever.js";
import { embedderForIndex } from "../../src/index/embeddings/index.js";
import { toSimplified } from "../../src/text/script.js";
import { FIXTURES } from "../helpers/paths.js";

const DRCD = `${FIXTURES}/eval/drcd-sample`;
const tmp = mkdtempSync(join(tmpdir(), "minutes-folding-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("traditional and simplified Chinese match each other", () => {
  it("simplified questions find traditional passages as well as the traditional questions do", async () => {
    const opts = { modes: ["keyword" as const] };
    const trad = await evaluateRetrievalSet(`${DRCD}/passages.jsonl`, `${DRCD}/queries.jsonl`, { provider: "local" }, EMPTY_LEXICON, opts);
    const simp = await evaluateRetrievalSet(`${DRCD}/passages.jsonl`, `${DRCD}/queries-simplified.jsonl`, { provider: "local" }, EMPTY_LEXICON, opts);
    expect(trad.keyword.r1).toBeGreaterThan(0.9);
    expect(simp.keyword.r1).toBeGreaterThanOrEqual(trad.keyword.r1 - 0.01);
    expect(simp.keyword.r5).toBeGreaterThanOrEqual(trad.keyword.r5 - 0.01);
  });

  it("traditional questions find simplified passages", async () => {
    const lines = readFileSync(`${DRCD}/passages.jsonl`, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; title: string; text: string });
    const simplified = join(tmp, "passages-simplified.jsonl");
    writeFileSync(simplified, `${lines.map((p) => JSON.stringify({ ...p, title: toSimplified(p.title), text: toSimplified(p.text) })).join("\n")}\n`);
    const r = await evaluateRetrievalSet(simplified, `${DRCD}/queries.jsonl`, { provider: "local" }, EMPTY_LEXICON, { modes: ["keyword"] });
    expect(r.keyword.r1).toBeGreaterThan(0.9);
  });

  it("matches across scripts but quotes the passage in its own characters", async () => {
    const passages = [
      { id: "t", title: "臺北捷運", text: "臺北捷運系統於1996年通車，營運路線總長度約152公里。" },
      { id: "s", title: "上海地铁", text: "上海地铁于1993年开通运营，是中国大陆第三个开通地铁的城市。" },
    ];
    const index = await buildRetrievalSetIndex(passages, { provider: "local" }, EMPTY_LEXICON);
    const retriever = new Retriever(index, embedderForIndex({ provider: "local" }, index.manifest.embedder, index.embedderState).embeddings, EMPTY_LEXICON);
    const [hit] = await retriever.retrieve("台北捷运系统哪一年通车？", { k: 1, mode: "keyword" });
    expect(hit.passage.id).toBe("t");
    expect(hit.minutes.text.slice(hit.passage.start, hit.passage.end)).toContain("臺北捷運系統於1996年通車");
    const [back] = await retriever.retrieve("上海地鐵於哪一年開通運營？", { k: 1, mode: "keyword" });
    expect(back.passage.id).toBe("s");
    expect(back.coverage).toBeGreaterThan(0.5);
  });
});
