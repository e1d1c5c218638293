import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/engine.js";
import { watchIndex, type IndexWatch } from "../../src/index/watch.js";
import { createApp } from "../../src/web/app.js";
import { startWebServer, type WebServer } from "../../src/web/server.js";
import { waitUntil } from "../fakes/wait.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { runCliProcess } from "../helpers/cli-process.js";
import { memoryLogger } from "../web/helpers.js";

describe("a serving process follows the index another process writes", () => {
  let c: TempCorpus;
  let engine: Awaited<ReturnType<typeof openEngine>>;
  let server: WebServer;
  let watch: IndexWatch;
  let logLines: string[];

  beforeAll(async () => {
    c = makeCorpus();
    const mem = memoryLogger();
    logLines = mem.lines;
    engine = await openEngine({ config: c.config, log: mem.log });
    server = await startWebServer(createApp(engine, c.config, { log: mem.log }), { host: "127.0.0.1", port: 0 });
    watch = watchIndex(c.indexDir, () => engine.switchGeneration());
  });
  afterAll(async () => {
    await watch?.close();
    await server?.close();
    await engine?.close();
    c?.cleanup();
  });

  const publicIds = async () => ((await (await fetch(new URL("/api/minutes", server.url))).json()) as { minutes: { id: string }[] }).minutes.map((m) => m.id);

  it("a record re-marked 内部资料 and re-ingested by the CLI is withdrawn from anonymous callers without a restart", async () => {
    const [id] = await publicIds();
    expect(id).toBeTruthy();
    const before = engine.status().generation;
    expect(before).toMatch(/^g\d+-\d+-\d+$/);

    const file = join(c.minutesDir, "taicang-2022-01.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace("（此件公开发布）", "（内部资料）"));
    const r = await runCliProcess(c, ["ingest"]);
    expect(r.code, r.err).toBe(0);

    // Within seconds of the ingest, on the same running server.
    await waitUntil(async () => !(await publicIds()).includes(id), "the withdrawn record gone from /api/minutes");
    expect((await fetch(new URL(`/api/minutes/${id}`, server.url))).status).toBe(404);
    const health = (await (await fetch(new URL("/healthz", server.url))).json()) as { generation: string; documents: number };
    expect(health.generation).not.toBe(before);
    expect(health.documents).toBe(0);
    // The operator is told which generation is served.
    expect(logLines.some((l) => l.includes(`index generation ${health.generation} loaded: 1 documents`))).toBe(true);
  });

  it("a call already running finishes on the generation it started with", async () => {
    const stream = engine.askStream("交通规划强调了什么", { access: { internal: true } });
    const first = stream[Symbol.asyncIterator]().next();
    const file = join(c.minutesDir, "taicang-2022-01.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace("（内部资料）", "（此件公开发布）"));
    const r = await runCliProcess(c, ["ingest"]);
    expect(r.code, r.err).toBe(0);
    await engine.switchGeneration();
    const ev = (await first).value as { final: { found: boolean; citations: unknown[] } };
    expect(ev.final.found).toBe(true);
    expect(ev.final.citations.length).toBeGreaterThan(0);
    await waitUntil(async () => (await publicIds()).length === 1, "the record public again");
  });
});

describe("watchIndex", () => {
  it("sees a switched generation by its poll alone (a file system without events), once per switch, and stops on close", async () => {
    const c = makeCorpus();
    try {
      await (await openEngine({ config: c.config })).close();
      let calls = 0;
      const w = watchIndex(c.indexDir, async () => void calls++, { events: false, pollMs: 100 });
      await waitUntil(() => calls === 1, "the look at start");
      const r = await runCliProcess(c, ["ingest", "--rebuild"]);
      expect(r.code, r.err).toBe(0);
      await waitUntil(() => calls === 2, "the switch seen by the poll");
      await w.close();
      expect((await runCliProcess(c, ["ingest", "--rebuild"])).code).toBe(0);
      await new Promise((r) => setTimeout(r, 300)); // (three polls' time: nothing may come after close)
      expect(calls).toBe(2);
    } finally {
      c.cleanup();
    }
  });
});
