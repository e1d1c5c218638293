import { RunnableLambda } from "@langchain/core/runnables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { MinutesRetriever } from "../../src/retrieval/langchain-retriever.js";
import { FULL_ACCESS, PUBLIC_ACCESS } from "../../src/retrieval/types.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";

let corpus: TempCorpus;
let engine: MinutesEngine;

// The seed minutes (public) and the internal fixture, indexed for real.
beforeAll(async () => {
  corpus = makeCorpus({ internal: true });
  engine = await openEngine({ config: corpus.config });
});
afterAll(() => corpus.cleanup());

describe("MinutesRetriever (LangChain BaseRetriever over the hybrid retrieval)", () => {
  it(".invoke(question) gives the verbatim passages with where they stand in the minutes", async () => {
    const docs = await new MinutesRetriever({ retriever: engine }).invoke("交通运输发展规划强调了什么");
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.length).toBeLessThanOrEqual(5);
    const first = docs[0];
    expect(first.metadata.item?.title).toContain("交通运输发展规划");
    expect(first.metadata.item?.ordinal).toBe(7);
    expect(first.metadata.number).toBe(1);
    expect(first.metadata.meetingDate).toBe("2022-01-21");
    for (const d of docs) {
      const text = engine.getMinutes(d.metadata.minutesId, FULL_ACCESS)!.text;
      // pageContent is exactly the minutes' text at the offsets: a chain can quote it and cite it.
      expect(d.pageContent.length).toBeGreaterThan(0);
      expect(text.slice(d.metadata.start, d.metadata.end)).toBe(d.pageContent);
      expect(d.id).toBe(d.metadata.passageId);
    }
  });

  it("ranks and filters as engine.search does", async () => {
    const q = "智慧城市规划";
    const docs = await new MinutesRetriever({ retriever: engine, k: 3 }).invoke(q);
    const hits = await engine.search(q, { k: 3, access: PUBLIC_ACCESS });
    expect(docs.map((d) => [d.metadata.minutesId, d.metadata.start, d.metadata.end])).toEqual(hits.map((h) => [h.minutesId, h.start, h.end]));
    expect(docs.map((d) => d.pageContent)).toEqual(hits.map((h) => h.quote));
  });

  it("shows internal minutes only to a caller allowed to see them (public by default)", async () => {
    const q = "餐饮经营场所可燃气体报警装置";
    const publicDocs = await new MinutesRetriever({ retriever: engine }).invoke(q);
    expect(publicDocs.every((d) => d.metadata.visibility === "public")).toBe(true);
    expect(publicDocs.some((d) => d.pageContent.includes("可燃气体报警装置"))).toBe(false);
    const insiderDocs = await new MinutesRetriever({ retriever: engine, access: FULL_ACCESS }).invoke(q);
    expect(insiderDocs[0].metadata.visibility).toBe("internal");
    expect(insiderDocs[0].pageContent).toContain("可燃气体报警装置");
  });

  it("takes the search filters and composes in a LangChain chain", async () => {
    const other = engine.listMinutes(FULL_ACCESS).find((m) => m.visibility === "internal")!;
    const scoped = new MinutesRetriever({ retriever: engine.retriever, access: FULL_ACCESS, filters: { minutesId: other.id } });
    const chain = scoped.pipe(RunnableLambda.from((docs: { metadata: { minutesId: string } }[]) => [...new Set(docs.map((d) => d.metadata.minutesId))]));
    expect(await chain.invoke("安全生产责任")).toEqual([other.id]);
  });
});
