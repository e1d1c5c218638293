import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/engine.js";
import { CURRENT_FILE, generationDir, makeIndexFolder } from "../../src/index/generations.js";
import { LOCK_FILE } from "../../src/index/lock.js";
import { loadIndex } from "../../src/index/store.js";
import { ingest } from "../../src/index/ingest.js";
import { readMinutesFile } from "../../src/minutes/read.js";
import { describeError } from "../../src/messages.js";
import { waitUntil } from "../fakes/wait.js";
import { readableCheckout } from "../helpers/readable-copy.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { runCliProcess, startCli } from "../helpers/cli-process.js";
import { MINUTES_FIXTURES, SEED } from "../helpers/paths.js";

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
    await ingest({
      minutesDir: corpus.minutesDir,
      indexDir: corpus.indexDir,
      lexiconDir: corpus.config.LEXICON_DIR,
      embedder: { provider: "local" },
      rebuild: true,
    });
    expect(existsSync(loaded)).toBe(false);
    expect(readdirSync(corpus.indexDir).filter((f) => f.startsWith("g"))).toEqual([basename(generationDir(corpus.indexDir))]);

    // A new engine sees the rebuilt index (the twin stays internal).
    const fresh = await openEngine({ config: corpus.config, ensureIndex: false });
    expect(fresh.listMinutes()).toHaveLength(1);
    expect(fresh.listMinutes({ internal: true })).toHaveLength(2);
    await fresh.close();
  }, 60_000);
});

const run = (c: TempCorpus, extra: Partial<Parameters<typeof ingest>[0]> = {}) =>
  ingest({ minutesDir: c.minutesDir, indexDir: c.indexDir, lexiconDir: c.config.LEXICON_DIR, embedder: { provider: "local" }, ...extra });

describe("index folder housekeeping", () => {
  it("removes a killed ingest's leftovers at the next start", async () => {
    corpus = makeCorpus({ extra: [join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt")] });
    await run(corpus);
    const current = generationDir(corpus.indexDir);
    // kill -9 in the middle of a real rebuild: it holds the lock and may have begun a generation.
    const child = startCli(corpus, ["ingest", "--rebuild"]);
    const lock = join(corpus.indexDir, LOCK_FILE);
    await waitUntil(() => existsSync(lock) && readFileSync(lock, "utf8").includes(`"pid":${child.child.pid}`), "the ingest holding the lock");
    child.child.kill("SIGKILL");
    await child.done;
    // What earlier kills leave: a half-written generation, a pointer written aside, the flat layout's temp folder (with internal text).
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    mkdirSync(join(corpus.indexDir, `g1-${dead}-0`));
    writeFileSync(join(corpus.indexDir, `g1-${dead}-0`, "s0.texts.bin"), "（此件内部使用）");
    writeFileSync(join(corpus.indexDir, `${CURRENT_FILE}.tmp-${dead}-1`), "g1-1-0");
    writeFileSync(join(corpus.indexDir, `.probe-${dead}-0`), "");
    const flatTmp = `${corpus.indexDir}.tmp-${dead}-1700000000000`;
    mkdirSync(flatTmp);
    writeFileSync(join(flatTmp, "s0.texts.bin"), "（此件内部使用）");

    const engine = await openEngine({ config: corpus.config });
    expect(engine.status().documents).toBe(2);
    expect(existsSync(flatTmp)).toBe(false);
    expect(existsSync(lock)).toBe(false);
    expect(readdirSync(corpus.indexDir).sort()).toEqual([CURRENT_FILE, basename(current), "readers"].sort());
    await engine.close();
  }, 60_000);

  it("opens an index in the flat layout of earlier versions, and the next ingest migrates it once no reader holds it", async () => {
    corpus = makeCorpus();
    await run(corpus);
    const gen = generationDir(corpus.indexDir);
    for (const f of readdirSync(gen)) renameSync(join(gen, f), join(corpus.indexDir, f));
    rmSync(gen, { recursive: true });
    rmSync(join(corpus.indexDir, CURRENT_FILE));
    expect(generationDir(corpus.indexDir)).toBe(corpus.indexDir);

    const engine = await openEngine({ config: corpus.config, ensureIndex: false });
    expect((await engine.ask("交通规划强调了什么")).found).toBe(true);
    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(corpus.minutesDir, "qinghe.txt"));
    expect(await run(corpus)).toMatchObject({ written: true, documents: 2 });
    expect(existsSync(join(corpus.indexDir, CURRENT_FILE))).toBe(true);
    // Held by the engine: the flat files stay, and it still reads them.
    expect(existsSync(join(corpus.indexDir, "manifest.json"))).toBe(true);
    expect(engine.getItem(engine.listMinutes()[0].id, 7)!.item.text).toContain("轨道交通");
    await engine.close();
    await run(corpus, { rebuild: true });
    expect(readdirSync(corpus.indexDir).filter((f) => f.includes("."))).toEqual([]);
    expect((await loadIndex(corpus.indexDir)).minutes).toHaveLength(2);
  });

  it("an INDEX_DIR under /proc fails at once, naming INDEX_DIR", async () => {
    corpus = makeCorpus();
    const indexDir = "/proc/self/minutes-index";
    const t0 = Date.now();
    const err = (() => {
      try {
        makeIndexFolder(indexDir);
      } catch (e) {
        return e;
      }
    })();
    // The index layer gives the data; messages.ts words it.
    expect(err).toMatchObject({ code: "index_unwritable", subject: indexDir, details: { reason: expect.any(String) } });
    expect(describeError(err)).toMatch(/^INDEX_DIR \/proc\/self\/minutes-index: the index folder cannot be written .*point INDEX_DIR at a writable folder/);
    const r = await runCliProcess(corpus, ["ingest"], { INDEX_DIR: indexDir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/INDEX_DIR \/proc\/self\/minutes-index: the index folder cannot be written/);
    expect(Date.now() - t0).toBeLessThan(15_000);
  }, 30_000);

  it("a read-only INDEX_DIR reports the folder and the permission problem", async () => {
    corpus = makeCorpus();
    const indexDir = join(corpus.dir, "readonly-index");
    mkdirSync(indexDir);
    chmodSync(indexDir, 0o555);
    chmodSync(corpus.dir, 0o755);
    // As root every folder is writable: run the CLI as nobody instead, from a copy nobody can read wherever the clone lies.
    const asRoot = process.getuid?.() === 0;
    const checkout = asRoot ? readableCheckout() : null;
    const r = checkout
      ? spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "ingest"], {
          cwd: checkout.root,
          uid: 65534,
          gid: 65534,
          encoding: "utf8",
          env: { PATH: process.env.PATH, HOME: "/tmp", MINUTES_DIR: corpus.minutesDir, INDEX_DIR: indexDir, LEXICON_DIR: join(checkout.root, "data/lexicon") },
        })
      : await runCliProcess(corpus, ["ingest"], { INDEX_DIR: indexDir }).then((x) => ({ status: x.code, stderr: x.err }));
    checkout?.cleanup();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`INDEX_DIR ${indexDir}: the index folder cannot be written (permission denied)`);
    expect(r.stderr).not.toMatch(/ENOENT|mkdir/);
    chmodSync(indexDir, 0o755);
  }, 30_000);
});
