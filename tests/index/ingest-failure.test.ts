import { copyFileSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { describeError, describeFailure } from "../../src/messages.js";
import { embedderSpec } from "../../src/index/ensure.js";
import { ingest, indexIsStale, type IngestOptions } from "../../src/index/ingest.js";
import { readManifest } from "../../src/index/store.js";
import { diskFull, unreadableFolder } from "../helpers/failing-fs.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { MINUTES_FIXTURES } from "../helpers/paths.js";

let corpus: TempCorpus;
afterEach(() => corpus?.cleanup());

const run = (c: TempCorpus, extra: Partial<IngestOptions> = {}) =>
  ingest({ minutesDir: c.minutesDir, indexDir: c.indexDir, lexiconDir: c.config.LEXICON_DIR, embedder: embedderSpec(c.config), ...extra });

describe("ingest when the file system fails", () => {
  it("a full disk names INDEX_DIR and ENOSPC, and leaves the previous generation current", async () => {
    corpus = makeCorpus();
    await run(corpus);
    const before = await readManifest(corpus.indexDir);
    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(corpus.minutesDir, "qinghe.txt"));
    const err = await run(corpus, { hooks: diskFull() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "index_unwritable", subject: corpus.indexDir, details: { errno: "ENOSPC" } });
    const text = describeError(err);
    expect(text).toContain(`INDEX_DIR ${corpus.indexDir}`);
    expect(text).toContain("ENOSPC");
    expect(text).not.toMatch(/unexpected error/);
    expect(await readManifest(corpus.indexDir)).toEqual(before);
  });

  it("an unreadable sub-folder is skipped and named like an unreadable file; the rest is indexed, and it does not make the index stale", async () => {
    corpus = makeCorpus();
    mkdirSync(join(corpus.minutesDir, "locked"));
    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(corpus.minutesDir, "locked", "qinghe.txt"));
    copyFileSync(join(MINUTES_FIXTURES, "bailu-standing-2022-05.txt"), join(corpus.minutesDir, "bailu.txt"));
    const fs = unreadableFolder("locked");
    const s = await run(corpus, { fs });
    expect(s.documents).toBe(2);
    expect(s.failed).toHaveLength(1);
    expect(s.failed[0]).toMatchObject({ path: join(corpus.minutesDir, "locked"), code: "file_unreadable" });
    expect(describeFailure(s.failed[0])).toMatch(/locked: cannot be read \(EACCES: permission denied/);
    // Recorded as a failure: the next start does not rebuild for it, and an unchanged folder keeps the index current.
    expect(await indexIsStale(corpus.minutesDir, corpus.indexDir, fs)).toBe(false);
    expect((await run(corpus, { fs })).written).toBe(false);
    // Readable again: its file comes in.
    expect(await indexIsStale(corpus.minutesDir, corpus.indexDir)).toBe(true);
    expect((await run(corpus)).documents).toBe(3);
  });

  it("a file the system fails to read (a link to /proc/self/mem: EIO) is skipped, named", async () => {
    corpus = makeCorpus();
    symlinkSync("/proc/self/mem", join(corpus.minutesDir, "mem.txt"));
    const s = await run(corpus);
    expect(s.documents).toBe(1);
    expect(s.failed).toHaveLength(1);
    expect(s.failed[0]).toMatchObject({ path: join(corpus.minutesDir, "mem.txt"), code: "file_unreadable" });
    expect(describeFailure(s.failed[0])).toMatch(/mem\.txt: cannot be read \(EIO/);
  });
});
