import { copyFileSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ingest, listFiles } from "../../src/index/ingest.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { MINUTES_FIXTURES } from "../helpers/paths.js";

let corpus: TempCorpus;
afterEach(() => corpus?.cleanup());

describe("listFiles", () => {
  it("follows symbolic links to folders, reads a folder reached twice once, and does not loop", async () => {
    corpus = makeCorpus();
    const elsewhere = join(corpus.dir, "elsewhere");
    mkdirSync(elsewhere);
    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(elsewhere, "qinghe.txt"));
    symlinkSync(elsewhere, join(corpus.minutesDir, "linked"));
    symlinkSync(elsewhere, join(corpus.minutesDir, "linked-again"));
    symlinkSync(corpus.minutesDir, join(elsewhere, "loop"));
    symlinkSync(join(corpus.dir, "missing"), join(corpus.minutesDir, "dangling"));
    const files = await listFiles(corpus.minutesDir);
    expect(files.map((f) => f.slice(corpus.minutesDir.length + 1))).toEqual(["linked/qinghe.txt", "taicang-2022-01.txt"]);
    const s = await ingest({ minutesDir: corpus.minutesDir, indexDir: corpus.indexDir, lexiconDir: corpus.config.LEXICON_DIR, embedder: { provider: "local" } });
    expect(s).toMatchObject({ added: 2, documents: 2, failed: [] });
  });
});
