import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { indexIsStale, ingest } from "../../src/index/ingest.js";
import { loadIndex, readManifest } from "../../src/index/store.js";
import { forgetFolderRules } from "../../src/minutes/folder-visibility.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { FIXTURES } from "../helpers/paths.js";

let corpus: TempCorpus;
afterEach(() => {
  corpus?.cleanup();
  forgetFolderRules();
});

const run = (c: TempCorpus) => ingest({ minutesDir: c.minutesDir, indexDir: c.indexDir, lexiconDir: c.config.LEXICON_DIR, embedder: { provider: "local" } });
const RECORDS = join(FIXTURES, "records");

describe("ingest of files in every record shape", () => {
  it("gives a file of several meetings one record each, and keeps them when the file is unchanged", async () => {
    corpus = makeCorpus();
    copyFileSync(join(RECORDS, "lanfeng-county-standing-digest-2022.txt"), join(corpus.minutesDir, "digest.txt"));
    const first = await run(corpus);
    expect(first).toMatchObject({ added: 2, documents: 3, failed: [] });
    const manifest = await readManifest(corpus.indexDir);
    expect(manifest!.files["digest.txt"].more).toHaveLength(1);
    const idx = await loadIndex(corpus.indexDir);
    const digest = idx.minutes.filter((m) => m.source.path.endsWith("digest.txt"));
    expect(digest.map((m) => m.meeting.session)).toEqual([8, 9]);
    expect(idx.passages.filter((p) => digest.some((m) => m.id === p.minutesId)).length).toBeGreaterThan(6);

    expect(await run(corpus)).toMatchObject({ unchanged: 2, added: 0, written: false });
    rmSync(join(corpus.minutesDir, "digest.txt"));
    expect(await run(corpus)).toMatchObject({ removed: 1, documents: 1 });
  });

  it("publishes unmarked reports by folder: public/, internal/ and a .visibility file; a record's own mark wins", async () => {
    corpus = makeCorpus();
    const pub = join(corpus.minutesDir, "public");
    const other = join(corpus.minutesDir, "portal");
    mkdirSync(pub);
    mkdirSync(other);
    copyFileSync(join(RECORDS, "qiyun-county-standing-2023-03.txt"), join(pub, "qiyun.txt"));
    copyFileSync(join(RECORDS, "weigang-coordination-agreed-2023-07.txt"), join(pub, "weigang.txt")); // 内部资料 注意保存
    copyFileSync(join(RECORDS, "fengdu-county-standing-docyear.txt"), join(other, "fengdu.txt"));
    copyFileSync(join(RECORDS, "heming-district-standing-2021-06.txt"), join(corpus.minutesDir, "heming.txt"));
    writeFileSync(join(other, ".visibility"), "# reports copied from the county portal\npublic\n");
    await run(corpus);
    const idx = await loadIndex(corpus.indexDir);
    const vis = (name: string) => idx.minutes.find((m) => m.source.path.endsWith(name))?.visibility;
    expect(vis("qiyun.txt")).toBe("public");
    expect(vis("weigang.txt")).toBe("internal");
    expect(vis("fengdu.txt")).toBe("public");
    expect(vis("heming.txt")).toBe("internal");

    // Revoking a folder's publication re-reads its files, though their bytes did not change.
    writeFileSync(join(other, ".visibility"), "internal\n");
    expect(await indexIsStale(corpus.minutesDir, corpus.indexDir)).toBe(true);
    expect(await run(corpus)).toMatchObject({ changed: 1, unchanged: 4 });
    const again = await loadIndex(corpus.indexDir);
    expect(again.minutes.find((m) => m.source.path.endsWith("fengdu.txt"))?.visibility).toBe("internal");
    expect(await indexIsStale(corpus.minutesDir, corpus.indexDir)).toBe(false);
  });
});
