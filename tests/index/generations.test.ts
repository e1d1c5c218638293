import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/engine.js";
import { generationDir } from "../../src/index/generations.js";
import { ingest } from "../../src/index/ingest.js";
import { readMinutesFile } from "../../src/minutes/read.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { runCliProcess } from "../helpers/cli-process.js";
import { SEED } from "../helpers/paths.js";

let corpus: TempCorpus;
afterEach(() => corpus?.cleanup());

/** The seed turned internal, a year earlier (so it sorts first), with words only it contains. */
function internalTwin(): string {
  return readFileSync(SEED, "utf8")
    .replaceAll("2022", "2021")
    .replace("“5+1”轨道交通网络", "“内部9+9”轨道交通网络")
    .replace("（此件公开发布）", "（此件内部使用）");
}

describe("a rebuild by another process under a running engine", () => {
  it("never changes what the engine serves: public text only, no errors", async () => {
    corpus = makeCorpus();
    const engine = await openEngine({ config: corpus.config });
    const publicId = engine.listMinutes()[0].id;
    const loaded = generationDir(corpus.indexDir);
    writeFileSync(join(corpus.minutesDir, "internal-twin.txt"), internalTwin());
    const r = await runCliProcess(corpus, ["ingest", "--rebuild"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/indexed: 2 minutes/);

    const seedText = (await readMinutesFile(SEED)).text;
    const a = await engine.ask("交通规划强调了什么");
    expect(a.found).toBe(true);
    for (const c of a.citations) {
      expect(c.minutesId).toBe(publicId);
      expect(c.meetingDate).toBe("2022-01-21");
      expect(seedText).toContain(c.quote);
    }
    const m = engine.getMinutes(publicId)!;
    expect(m.text.trimEnd().endsWith("（此件公开发布）")).toBe(true);
    expect(m.text).not.toContain("内部");
    expect(engine.getItem(publicId, 7)!.item.text).toContain("“5+1”轨道交通网络");
    const hits = await engine.search("轨道交通网络", { k: 5 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.minutesId === publicId && !h.quote.includes("内部"))).toBe(true);
    // The generation the engine holds outlived the rebuild; once released, the next writer deletes it.
    expect(existsSync(join(loaded, "manifest.json"))).toBe(true);
    expect(generationDir(corpus.indexDir)).not.toBe(loaded);
    await engine.close();
    await ingest({ minutesDir: corpus.minutesDir, indexDir: corpus.indexDir, lexiconDir: corpus.config.LEXICON_DIR, embedder: { provider: "local" }, rebuild: true });
    expect(existsSync(loaded)).toBe(false);
    expect(readdirSync(corpus.indexDir).filter((f) => f.startsWith("g"))).toEqual([basename(generationDir(corpus.indexDir))]);

    // A new engine sees the rebuilt index (the twin stays internal).
    const fresh = await openEngine({ config: corpus.config, ensureIndex: false });
    expect(fresh.listMinutes()).toHaveLength(1);
    expect(fresh.listMinutes({ internal: true })).toHaveLength(2);
    await fresh.close();
  }, 60_000);
});
