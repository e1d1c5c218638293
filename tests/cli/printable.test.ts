import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { printable } from "../../src/text/printable.js";
import { runCli } from "../../src/cli/run.js";
import { makeCorpus } from "../helpers/corpus.js";

const corpus = makeCorpus();
afterAll(() => corpus.cleanup());

describe("printable", () => {
  it("escapes control, line-separator and bidi characters and keeps the rest", () => {
    expect(printable("纪要\n第1号\t\r")).toBe("纪要\\n第1号\\t\\r");
    expect(printable("a\u001b[2Kb\u2028c\u202ed")).toBe("a\\u{1b}[2Kb\\u{2028}c\\u{202e}d");
    expect(printable("太仓市 2022 年.txt")).toBe("太仓市 2022 年.txt");
  });

  it("a newline in a file name cannot forge a line of `minutes ingest` output", async () => {
    writeFileSync(join(corpus.minutesDir, "bad\nindexed: 99 minutes, 0 passages.txt"), "");
    writeFileSync(join(corpus.minutesDir, "plain\nindexed: 98 minutes, 0 passages.txt"), "not minutes at all");
    const out: string[] = [];
    const err: string[] = [];
    const env = { MINUTES_DIR: corpus.minutesDir, INDEX_DIR: corpus.indexDir, LEXICON_DIR: corpus.config.LEXICON_DIR };
    const code = await runCli(["ingest"], { out: (s) => out.push(s), err: (s) => err.push(s), env, isTTY: false });
    expect(code).toBe(1);
    const lines = [...out, ...err].join("\n").split("\n");
    expect(lines.filter((l) => l.startsWith("indexed:"))).toEqual([expect.stringMatching(/^indexed: 2 minutes/)]);
    expect(err.join("\n")).toContain("bad\\nindexed: 99 minutes");
    // A file read as plain text is indexed with a warning naming it, escaped the same way.
    expect(err.join("\n")).toMatch(/warning: .*plain\\nindexed: 98 minutes, 0 passages\.txt: read as plain text/);
  });
});

describe("minutes parse", () => {
  it("prints a file name's control characters escaped, in the outline and in errors", async () => {
    const seed = readFileSync(join(corpus.minutesDir, "taicang-2022-01.txt"), "utf8");
    const good = join(corpus.dir, "ok\u001b[2K\nforged line.txt");
    writeFileSync(good, seed);
    const bad = join(corpus.dir, "bad\r\u001b[31mname.bin");
    writeFileSync(bad, Buffer.from([0, 1, 2, 3, 0xff]));
    const out: string[] = [];
    const err: string[] = [];
    await runCli(["parse", good, bad], { out: (s) => out.push(s), err: (s) => err.push(s), env: {}, isTTY: false });
    const printed = [...out, ...err].join("\n");
    expect(printed).not.toMatch(/[\u001b\r]/);
    expect(printed).not.toMatch(/^forged line/m);
    expect(printed).toContain("ok\\u{1b}[2K\\nforged line.txt");
    expect(err.join("\n")).toContain("bad\\r\\u{1b}[31mname.bin");
  });
});
