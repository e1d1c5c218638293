import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ingest, listFiles } from "../../src/index/ingest.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { FIXTURES, MINUTES_FIXTURES } from "../helpers/paths.js";

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
    const s = await ingest({
      minutesDir: corpus.minutesDir,
      indexDir: corpus.indexDir,
      lexiconDir: corpus.config.LEXICON_DIR,
      embedder: { provider: "local" },
    });
    expect(s).toMatchObject({ added: 2, documents: 2, failed: [] });
  });

  it("lists Word 97–2003 (.doc), WPS (.wps) and OFD files, and ingests a .doc", async () => {
    corpus = makeCorpus();
    const names = join(corpus.dir, "names");
    mkdirSync(names);
    for (const n of ["a.DOC", "b.wps", "c.ofd", "d.xls", "e.rtf"]) writeFileSync(join(names, n), "x");
    expect((await listFiles(names)).map((f) => f.slice(names.length + 1))).toEqual(["a.DOC", "b.wps", "c.ofd"]);
    copyFileSync(join(FIXTURES, "formats", "qinghe-office-2023-07.doc"), join(corpus.minutesDir, "qinghe.doc"));
    const s = await ingest({
      minutesDir: corpus.minutesDir,
      indexDir: corpus.indexDir,
      lexiconDir: corpus.config.LEXICON_DIR,
      embedder: { provider: "local" },
    });
    expect(s).toMatchObject({ added: 2, documents: 2, failed: [] });
  });
});
