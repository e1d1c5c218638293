import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/engine.js";
import { createApp } from "../../src/web/app.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { diskFull, unreadableFolder } from "../helpers/failing-fs.js";
import { MINUTES_FIXTURES } from "../helpers/paths.js";
import { memoryLogger } from "../web/helpers.js";

let corpus: TempCorpus;
afterEach(() => corpus?.cleanup());

const TOKEN = "t0ken-for-healthz-0123456789";

describe("a failed rebuild keeps the last good index in service", () => {
  it("start-up with a changed file and a full disk serves the last good generation, logs INDEX_DIR and reports the failure on /healthz", async () => {
    corpus = makeCorpus();
    await (await openEngine({ config: corpus.config })).close();
    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(corpus.minutesDir, "qinghe.txt"));

    const mem = memoryLogger();
    const engine = await openEngine({ config: corpus.config, log: mem.log, ingestDeps: { hooks: diskFull() } });
    try {
      expect(engine.status().documents).toBe(1);
      expect((await engine.search("交通规划")).length).toBeGreaterThan(0);
      const failure = engine.status().lastIngestError;
      expect(failure).toMatchObject({ code: "index_unwritable", errno: "ENOSPC" });
      expect(failure?.message).toContain(corpus.indexDir);
      expect(Date.parse(failure?.at ?? "")).toBeGreaterThan(0);
      expect(mem.lines.some((l) => l.includes("index update failed") && l.includes(corpus.indexDir) && l.includes("ENOSPC"))).toBe(true);

      const app = createApp(engine, { ...corpus.config, WEB_API_TOKEN: TOKEN }, { log: mem.log });
      const anonymous = await (await app.request("/healthz")).json();
      expect(anonymous.status).toBe("ok");
      // Anonymous callers see that it failed and when, not the server's paths.
      expect(anonymous.lastIngestError).toEqual({ code: "index_unwritable", errno: "ENOSPC", at: failure?.at });
      const operator = await (await app.request("/healthz", { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
      expect(operator.lastIngestError.message).toContain(corpus.indexDir);

      // /reload on the same full disk: refused, still serving, still reported.
      await expect(engine.reload()).rejects.toMatchObject({ code: "index_unwritable" });
      expect(engine.status().documents).toBe(1);
      expect(engine.status().lastIngestError?.errno).toBe("ENOSPC");
    } finally {
      await engine.close();
    }
    // Space again: the next start takes the change and clears the report.
    const healthy = await openEngine({ config: corpus.config });
    expect(healthy.status()).toMatchObject({ documents: 2, lastIngestError: null });
    await healthy.close();
  });

  it("with no index at all a failed build still stops the start, naming INDEX_DIR", async () => {
    corpus = makeCorpus();
    await expect(openEngine({ config: corpus.config, ingestDeps: { hooks: diskFull() } })).rejects.toMatchObject({
      code: "index_unwritable",
      subject: corpus.indexDir,
    });
  });

  it("an unreadable sub-folder is skipped at start-up, named in the log, and the rest is served", async () => {
    corpus = makeCorpus();
    mkdirSync(join(corpus.minutesDir, "locked"));
    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(corpus.minutesDir, "locked", "qinghe.txt"));
    const mem = memoryLogger();
    const engine = await openEngine({ config: corpus.config, log: mem.log, ingestDeps: { fs: unreadableFolder("locked") } });
    try {
      expect(engine.status().documents).toBe(1);
      expect(engine.status().lastIngestError).toBeNull();
      expect(mem.lines.some((l) => l.includes("minutes file skipped") && l.includes(join(corpus.minutesDir, "locked")) && l.includes("EACCES"))).toBe(true);
    } finally {
      await engine.close();
    }
  });
});
