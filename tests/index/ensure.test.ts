import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { ConfigError } from "../../src/errors.js";
import { ensureIndex } from "../../src/index/ensure.js";
import type { IngestProgress } from "../../src/index/progress.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";

let corpus: TempCorpus | undefined;
afterEach(() => corpus?.cleanup());

describe("ensureIndex", () => {
  it("builds a missing index reporting progress as data, then leaves a current one alone", async () => {
    corpus = makeCorpus();
    const events: IngestProgress[] = [];
    const s = await ensureIndex(corpus.config, (p) => events.push(p));
    expect(s).toMatchObject({ added: 1, documents: 1, written: true, mode: "full" });
    // Every phase, in order, each ending complete.
    const phases = events.map((e) => e.phase).filter((p, i, a) => a[i - 1] !== p);
    expect(phases).toEqual(["scan", "parse", "index", "embed", "write"]);
    expect(events.at(-1)).toEqual({ phase: "write", done: 1, total: 1 });
    const again: IngestProgress[] = [];
    expect(await ensureIndex(corpus.config, (p) => again.push(p))).toBeNull();
    expect(again).toEqual([]);
  });

  it("names MINUTES_DIR when the folder to index does not exist", async () => {
    corpus = makeCorpus();
    const config = loadConfig({ MINUTES_DIR: join(corpus.dir, "nowhere"), INDEX_DIR: corpus.indexDir });
    const err = await ensureIndex(config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toMatchObject({ subject: "MINUTES_DIR" });
  });
});
