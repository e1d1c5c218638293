import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/engine.js";
import { loadConfig } from "../../src/config.js";
import { ServiceError } from "../../src/errors.js";
import { OpenAICompatibleEmbeddings } from "../../src/index/embeddings/openai.js";
import { ingest } from "../../src/index/ingest.js";
import { loadIndex } from "../../src/index/store.js";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai-server.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";

const KEY = "sk-embed-secret-987654";
let fake: FakeOpenAI;
let corpus: TempCorpus;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY, dimensions: 64 });
  corpus = makeCorpus({ env: { EMBEDDINGS: "openai", OPENAI_API_KEY: KEY, EMBEDDING_MODEL: "fake-embed" } });
});
afterAll(async () => {
  await fake.close();
  corpus.cleanup();
});

describe("OpenAI-compatible embedder", () => {
  it("ingests in batches, records provider, model and dimension, and answers", async () => {
    const s = await ingest({
      minutesDir: corpus.minutesDir,
      indexDir: corpus.indexDir,
      lexiconDir: corpus.config.LEXICON_DIR,
      embedder: { provider: "openai", model: "fake-embed", baseURL: fake.baseURL, apiKey: KEY, batchSize: 16 },
    });
    expect(s.written).toBe(true);
    const calls = fake.requestsTo("/embeddings");
    // One probe, then the passages 16 at a time.
    expect(calls.length).toBe(1 + Math.ceil(s.passages / 16));
    expect(calls.every((c) => c.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    const idx = await loadIndex(corpus.indexDir);
    expect(idx.manifest.embedder).toEqual({ provider: "openai", model: "fake-embed", dimension: 64 });

    const config = loadConfig({
      MINUTES_DIR: corpus.minutesDir,
      INDEX_DIR: corpus.indexDir,
      EMBEDDINGS: "openai",
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: KEY,
      EMBEDDING_MODEL: "fake-embed",
    });
    const engine = await openEngine({ config });
    const a = await engine.ask("交通规划强调了什么");
    expect(a.citations[0].item?.ordinal).toBe(7);
    expect(fake.requestsTo("/embeddings").length).toBeGreaterThan(calls.length); // the query was embedded remotely
  });

  it("retries a failing request", async () => {
    const e = new OpenAICompatibleEmbeddings({ model: "fake-embed", baseURL: fake.baseURL, apiKey: KEY, maxRetries: 2 });
    fake.failEmbeddings(1, 500);
    const v = await e.embedDocuments(["会议强调", "原则同意"]);
    expect(v).toHaveLength(2);
    expect(v[0]).toHaveLength(64);
  });

  it("says clearly when the endpoint is down, naming it and never the key", async () => {
    const e = new OpenAICompatibleEmbeddings({ model: "fake-embed", baseURL: "http://127.0.0.1:9/v1", apiKey: KEY, maxRetries: 0 });
    const err = await e.embedQuery("测试").catch((x) => x);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.code).toBe("embedder_unavailable");
    expect(err.message).toContain("http://127.0.0.1:9/v1");
    expect(err.message).not.toContain(KEY);
  });
});
