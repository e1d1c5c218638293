import { appendFileSync, copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/engine.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { loadConfig } from "../../src/config.js";
import { IndexError } from "../../src/errors.js";
import { generationDir } from "../../src/index/generations.js";
import { indexIsStale, ingest } from "../../src/index/ingest.js";
import { loadIndex, readManifest } from "../../src/index/store.js";
import { PARSER_VERSION } from "../../src/minutes/version.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { FIXTURES, MINUTES_FIXTURES } from "../helpers/paths.js";

let corpus: TempCorpus;
afterEach(() => corpus?.cleanup());

const run = (c: TempCorpus, extra: Partial<Parameters<typeof ingest>[0]> = {}) =>
  ingest({ minutesDir: c.minutesDir, indexDir: c.indexDir, lexiconDir: c.config.LEXICON_DIR, embedder: { provider: "local" }, ...extra });

describe("ingest", () => {
  it("indexes structure-aware passages with citation data and exact quotes", async () => {
    corpus = makeCorpus();
    const s = await run(corpus);
    expect(s).toMatchObject({ added: 1, documents: 1, failed: [], written: true });
    const idx = await loadIndex(corpus.indexDir);
    const m = idx.minutes[0];
    const seven = idx.passages.filter((p) => p.itemOrdinal === 7 && p.kind === "emphasis");
    expect(seven.map((p) => p.pointLabel)).toEqual(["（一）", "（二）", "（三）"]);
    for (const p of idx.passages) {
      expect(p.minutesId).toBe(m.id);
      expect(m.text.slice(p.start, p.end).length).toBeGreaterThan(0);
      expect(p.context).toContain("太仓市人民政府常务会议纪要");
    }
    expect(idx.passages.some((p) => p.kind === "header")).toBe(true);
    // The long 列席 paragraph is cut at commas into passages of at most 360 characters.
    expect([...new Set(idx.passages.filter((p) => p.kind === "attendance").map((p) => p.section))]).toEqual(["出席", "列席", "出席情况"]);
    expect(idx.passages.every((p) => p.end - p.start <= 360)).toBe(true);
    expect(idx.manifest.embedder).toEqual({ provider: "local", model: "hashed-ngram-tfidf-v1", dimension: 512 });
  });

  it("is incremental: unchanged skipped, changed replaced, added and deleted files followed", async () => {
    corpus = makeCorpus();
    await run(corpus);
    const again = await run(corpus);
    expect(again).toMatchObject({ unchanged: 1, added: 0, changed: 0, removed: 0, written: false });
    expect(await indexIsStale(corpus.minutesDir, corpus.indexDir)).toBe(false);

    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(corpus.minutesDir, "qinghe.txt"));
    expect(await indexIsStale(corpus.minutesDir, corpus.indexDir)).toBe(true);
    expect(await run(corpus)).toMatchObject({ added: 1, unchanged: 1, documents: 2 });

    const seed = join(corpus.minutesDir, "taicang-2022-01.txt");
    writeFileSync(seed, readFileSync(seed, "utf8").replace("“5+1”轨道交通网络", "“6+2”轨道交通网络"));
    expect(await run(corpus)).toMatchObject({ changed: 1, unchanged: 1 });
    let idx = await loadIndex(corpus.indexDir);
    const text = idx.minutes.find((m) => m.number === 1)!.text;
    expect(text).toContain("“6+2”轨道交通网络");
    expect(text).not.toContain("“5+1”");

    rmSync(join(corpus.minutesDir, "qinghe.txt"));
    expect(await run(corpus)).toMatchObject({ removed: 1, documents: 1 });
    idx = await loadIndex(corpus.indexDir);
    expect(idx.minutes.map((m) => m.number)).toEqual([1]);
    expect(idx.passages.every((p) => p.minutesId === idx.minutes[0].id)).toBe(true);
  });

  it("reads every file again when the index was built by another parser version: an upgrade reaches records already indexed", async () => {
    corpus = makeCorpus();
    await run(corpus);
    const gen = generationDir(corpus.indexDir);
    const file = join(gen, "manifest.json");
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    expect(manifest.parserVersion).toBe(PARSER_VERSION);
    delete manifest.parserVersion;
    writeFileSync(file, JSON.stringify(manifest));
    expect((await readManifest(corpus.indexDir))?.parserVersion).toBe(1);
    expect(await indexIsStale(corpus.minutesDir, corpus.indexDir)).toBe(true);
    const again = await run(corpus);
    expect(again).toMatchObject({ unchanged: 0, written: true, documents: 1 });
    expect((await readManifest(corpus.indexDir))?.parserVersion).toBe(PARSER_VERSION);
    expect(await indexIsStale(corpus.minutesDir, corpus.indexDir)).toBe(false);
  });

  it("reports an unreadable file by name, indexes the rest (a news story as text), and does not re-ingest it while unchanged", async () => {
    corpus = makeCorpus();
    copyFileSync(join(MINUTES_FIXTURES, "news-article.txt"), join(corpus.minutesDir, "news.txt"));
    copyFileSync(join(FIXTURES, "records", "reject-garbled-mojibake.txt"), join(corpus.minutesDir, "garbled.txt"));
    writeFileSync(join(corpus.minutesDir, "empty.txt"), "");
    const s = await run(corpus);
    expect(s.documents).toBe(2);
    expect(s.failed.map((f) => f.path.split("/").pop()).sort()).toEqual(["empty.txt", "garbled.txt"]);
    expect(s.failed.find((f) => f.path.endsWith("garbled.txt"))!.message).toMatch(/garbled\.txt: the text is mojibake/);
    expect(await indexIsStale(corpus.minutesDir, corpus.indexDir)).toBe(false);
  });

  it("refuses two files holding the same minutes", async () => {
    corpus = makeCorpus();
    copyFileSync(join(corpus.minutesDir, "taicang-2022-01.txt"), join(corpus.minutesDir, "taicang-copy.txt"));
    appendFileSync(join(corpus.minutesDir, "taicang-copy.txt"), "\n");
    const s = await run(corpus);
    expect(s.documents).toBe(1);
    expect(s.failed[0].message).toMatch(/taicang-copy\.txt: the same minutes .* as .*taicang-2022-01\.txt/);
  });

  it("writes atomically: a crash mid-write leaves the previous index usable", async () => {
    corpus = makeCorpus();
    await run(corpus);
    const before = await readManifest(corpus.indexDir);
    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(corpus.minutesDir, "qinghe.txt"));
    await expect(
      run(corpus, {
        hooks: {
          afterFilesWritten: () => {
            throw new Error("power cut");
          },
        },
      }),
    ).rejects.toThrow("power cut");
    const after = await readManifest(corpus.indexDir);
    expect(after).toEqual(before);
    const idx = await loadIndex(corpus.indexDir);
    expect(idx.minutes).toHaveLength(1);
    expect(existsSync(`${corpus.indexDir}.old`)).toBe(false);
  });

  it("recovers the previous index when a crash fell between the two renames", async () => {
    corpus = makeCorpus();
    await run(corpus);
    renameSync(corpus.indexDir, `${corpus.indexDir}.old`);
    const idx = await loadIndex(corpus.indexDir);
    expect(idx.minutes).toHaveLength(1);
  });

  it("says «re-ingest» when the configured embedder differs from the index", async () => {
    corpus = makeCorpus();
    await run(corpus);
    const config = loadConfig({
      ...{ MINUTES_DIR: corpus.minutesDir, INDEX_DIR: corpus.indexDir },
      EMBEDDINGS: "openai",
      OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
    });
    const err = await openEngine({ config, ensureIndex: false }).catch((e) => e);
    expect(err).toBeInstanceOf(IndexError);
    expect(err.code).toBe("embedder_mismatch");
    expect(err.message).toMatch(/built with local\/hashed-ngram-tfidf-v1 .* re-ingest with `minutes ingest --rebuild`/);
  });

  it("says how to fix a missing or damaged index", async () => {
    corpus = makeCorpus();
    await expect(loadIndex(corpus.indexDir)).rejects.toThrow(/no index yet — run `minutes ingest`/);
    await run(corpus);
    writeFileSync(join(generationDir(corpus.indexDir), "passages.json"), "{broken");
    await expect(loadIndex(corpus.indexDir)).rejects.toThrow(/damaged .* `minutes ingest --rebuild`/);
  });

  it("keeps internal minutes out of public search and answers, inside the retriever", async () => {
    corpus = makeCorpus({ internal: true });
    const engine = await openEngine({ config: corpus.config });
    const q = "燃气安全专项整治";
    const pub = await engine.search(q, { k: 10 });
    expect(pub.every((h) => h.visibility === "public")).toBe(true);
    const all = await engine.search(q, { k: 10, access: FULL_ACCESS });
    expect(all[0].visibility).toBe("internal");
    expect(all[0].quote).toContain("燃气");
    expect((await engine.ask("城镇燃气安全专项整治有什么要求")).found).toBe(false);
    expect((await engine.ask("城镇燃气安全专项整治有什么要求", { access: FULL_ACCESS })).found).toBe(true);
    expect(engine.listMinutes().map((m) => m.visibility)).toEqual(["public"]);
    expect(engine.listMinutes(FULL_ACCESS)).toHaveLength(2);
    const internalId = engine.listMinutes(FULL_ACCESS).find((m) => m.visibility === "internal")!.id;
    expect(engine.getMinutes(internalId)).toBeNull();
    expect(engine.getItem(internalId, 1)).toBeNull();
  });
});

describe("exact numbers and dates", () => {
  it("«第7号», «第九次» and «7月14日» pick the minutes they name", async () => {
    corpus = makeCorpus({ extra: [join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt")] });
    const engine = await openEngine({ config: corpus.config });
    const byNumber = await engine.search("第7号纪要 供水", { k: 3 });
    expect(byNumber.every((h) => h.number === 7)).toBe(true);
    const bySession = await engine.ask("第九次会议是谁主持的");
    expect(bySession.answer).toContain("周明远");
    const byDate = await engine.ask("7月14日的会议是谁主持的");
    expect(byDate.answer).toContain("周明远");
    const seed = await engine.ask("1月21日的会议是谁主持的");
    expect(seed.answer).toContain("胡卫江");
  });
});

describe("engine.reload", () => {
  it("picks up a new file, and concurrent reloads share one run", async () => {
    corpus = makeCorpus();
    const engine = await openEngine({ config: corpus.config });
    expect(engine.status().documents).toBe(1);
    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(corpus.minutesDir, "qinghe.txt"));
    const [a, b] = await Promise.all([engine.reload(), engine.reload()]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ added: 1, failed: 0 });
    expect(engine.status().documents).toBe(2);
    expect((await engine.search("城乡供水一体化", { k: 1 }))[0].number).toBe(7);
  });
});

describe("meeting-level questions over several minutes", () => {
  it("pick the minutes by issuer, year and number, and refuse one that does not exist", async () => {
    corpus = makeCorpus({
      extra: ["qinghe-office-2023-07.txt", "yunhe-standing-2023-12.txt", "bailu-standing-2022-05.txt"].map((f) => join(MINUTES_FIXTURES, f)),
    });
    const engine = await openEngine({ config: corpus.config });
    const qinghe = await engine.ask("青禾县2023年第7号办公会议纪要是哪天印发的？", { access: { internal: true } });
    expect(qinghe.answer).toContain("2023-07-18");
    expect(qinghe.citations[0].quote).toContain("2023年7月18日");
    const yunhe = await engine.ask("云河市第23号纪要什么时候印发的", { access: { internal: true } });
    expect(yunhe.answer).toContain("2023-12-25");
    const seed = await engine.ask("2022年第1号纪要是哪天印发的？");
    expect(seed.answer).toContain("2022-01-28");
    const bailu = await engine.ask("白鹭市的常务会议是谁主持的");
    expect(bailu.citations[0].title).toContain("白鹭");
    expect((await engine.ask("2019年第5号纪要是哪天印发的？")).found).toBe(false);
  });
});
