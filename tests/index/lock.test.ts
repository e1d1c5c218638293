import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/engine.js";
import { writeCorpus } from "../../bench/corpus.js";
import { IndexError } from "../../src/errors.js";
import { ingest } from "../../src/index/ingest.js";
import { LOCK_FILE, lockIndex, processStart } from "../../src/index/lock.js";
import { loadIndex, readAllVectors } from "../../src/index/store.js";
import { startCli, runCliProcess } from "../helpers/cli-process.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { MINUTES_FIXTURES } from "../helpers/paths.js";
import { waitUntil } from "../fakes/wait.js";

let corpus: TempCorpus;
afterEach(() => corpus?.cleanup());

const run = (c: TempCorpus, extra: Partial<Parameters<typeof ingest>[0]> = {}) =>
  ingest({ minutesDir: c.minutesDir, indexDir: c.indexDir, lexiconDir: c.config.LEXICON_DIR, embedder: { provider: "local" }, ...extra });

/** A pid that names no process: one that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid!;
}

describe("one writer at a time", () => {
  it("a second ingest waits for the lock's holder, naming its pid; with --no-wait it refuses", async () => {
    corpus = makeCorpus();
    await run(corpus);
    const lock = await lockIndex(corpus.indexDir);
    const refused = await runCliProcess(corpus, ["ingest", "--no-wait"]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`另一个导入正在进行（pid ${process.pid}）`);
    await expect(run(corpus, { wait: false })).rejects.toMatchObject({ code: "index_locked", details: { pid: process.pid } });

    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(corpus.minutesDir, "qinghe.txt"));
    const waiting = startCli(corpus, ["ingest"]);
    await waitUntil(() => waiting.err().includes("等待"), "the CLI saying it waits");
    expect(waiting.err()).toContain(`另一个导入正在进行（pid ${process.pid}）…等待`);
    await sleep(300);
    expect(waiting.child.exitCode).toBeNull();
    lock.release();
    const r = await waiting.done;
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/indexed: 2 minutes/);
    expect(existsSync(join(corpus.indexDir, LOCK_FILE))).toBe(false);
  }, 60_000);

  it("engine.reload takes the same lock", async () => {
    corpus = makeCorpus();
    const engine = await openEngine({ config: corpus.config });
    const lock = await lockIndex(corpus.indexDir);
    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(corpus.minutesDir, "qinghe.txt"));
    let done = false;
    const reload = engine.reload().then((r) => {
      done = true;
      return r;
    });
    await sleep(500);
    expect(done).toBe(false);
    lock.release();
    expect(await reload).toMatchObject({ added: 1 });
    expect(engine.status().documents).toBe(2);
    await engine.close();
  });

  it("breaks a stale lock: its process is gone, or its pid now names another process", async () => {
    corpus = makeCorpus();
    await run(corpus);
    const file = join(corpus.indexDir, LOCK_FILE);
    writeFileSync(file, JSON.stringify({ pid: deadPid(), host: hostname(), started: null, at: new Date().toISOString() }));
    expect(await run(corpus, { rebuild: true, wait: false })).toMatchObject({ written: true });
    expect(existsSync(file)).toBe(false);
    // A live pid (this process) with another start time: the pid was reused.
    writeFileSync(
      file,
      JSON.stringify({ pid: process.pid, host: hostname(), started: `${Number(processStart(process.pid)) + 1}`, at: new Date().toISOString() }),
    );
    expect(await run(corpus, { rebuild: true, wait: false })).toMatchObject({ written: true });
    // A live holder is respected.
    writeFileSync(file, JSON.stringify({ pid: process.pid, host: hostname(), started: processStart(process.pid), at: new Date().toISOString() }));
    await expect(run(corpus, { wait: false })).rejects.toBeInstanceOf(IndexError);
    rmSync(file);
  });

  it("an incremental ingest overlapping a rebuild (two real processes) leaves a valid, consistent index", async () => {
    corpus = makeCorpus();
    rmSync(corpus.minutesDir, { recursive: true });
    await writeCorpus({ docs: 100, out: join(corpus.dir, "gen"), seed: 18 });
    const minutesDir = join(corpus.dir, "gen", "minutes");
    corpus = { ...corpus, minutesDir, config: { ...corpus.config, MINUTES_DIR: minutesDir } };
    await run(corpus);
    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(minutesDir, "qinghe.txt"));

    const rebuild = startCli(corpus, ["ingest", "--rebuild"]);
    await waitUntil(
      () => existsSync(join(corpus.indexDir, LOCK_FILE)) && readFileSync(join(corpus.indexDir, LOCK_FILE), "utf8").includes(`"pid":${rebuild.child.pid}`),
      "the rebuild holding the lock",
    );
    const incremental = startCli(corpus, ["ingest"]);
    const [a, b] = await Promise.all([rebuild.done, incremental.done]);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    expect(b.err).toContain(`另一个导入正在进行（pid ${rebuild.child.pid}）…等待`);
    expect(b.out).toMatch(/index is current: 101 minutes/);

    const idx = await loadIndex(corpus.indexDir);
    expect(idx.minutes).toHaveLength(101);
    expect(idx.manifest.counts).toEqual({ documents: 101, passages: idx.passages.length });
    const vectors = await readAllVectors(corpus.indexDir);
    expect(vectors.count).toBe(idx.passages.length);
    idx.release?.();
    expect(await run(corpus)).toMatchObject({ mode: "none", written: false });
    const engine = await openEngine({ config: corpus.config, ensureIndex: false });
    expect(engine.listMinutes({ internal: true }).filter((m) => m.title.includes("青禾"))).toHaveLength(1);
    await engine.close();
  }, 120_000);
});
