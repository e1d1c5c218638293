import { spawnSync } from "node:child_process";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { ROOT } from "../helpers/paths.js";

let corpus: TempCorpus;
let env: Record<string, string>;

beforeAll(async () => {
  corpus = makeCorpus({ internal: true });
  env = { MINUTES_DIR: corpus.minutesDir, INDEX_DIR: corpus.indexDir, LEXICON_DIR: corpus.config.LEXICON_DIR };
});
afterAll(() => corpus.cleanup());

async function cli(argv: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s), env, isTTY: false, stdin: stdin === undefined ? undefined : Readable.from([stdin]) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("minutes ingest / search / ask / chat", () => {
  it("ingest prints plain progress lines off a TTY and a summary", async () => {
    const r = await cli(["ingest"]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^parsing: 2 to do$/m);
    expect(r.out).toMatch(/indexed: 2 minutes, \d+ passages .* 2 added/);
    const again = await cli(["ingest", "--json"]);
    expect(JSON.parse(again.out)).toMatchObject({ unchanged: 2, written: false });
  });

  it("search --json gives ranked passages with citation fields and exact quotes; filters apply", async () => {
    const r = await cli(["search", "一网统管", "--json", "--k", "3"]);
    const { hits } = JSON.parse(r.out);
    expect(hits[0]).toMatchObject({ item: { ordinal: 3 }, section: "会议强调" });
    expect(hits[0].quote).toContain("一网统管");
    const pub = JSON.parse((await cli(["search", "燃气安全", "--json", "--public"])).out).hits;
    expect(pub.every((h: { visibility: string }) => h.visibility === "public")).toBe(true);
    const dated = JSON.parse((await cli(["search", "燃气安全", "--json", "--from", "2023-01-01"])).out).hits;
    expect(dated.every((h: { meetingDate: string }) => h.meetingDate >= "2023-01-01")).toBe(true);
    expect((await cli(["search", "x", "--from", "yesterday"])).code).toBe(2);
    expect((await cli(["search", "x", "--k", "0"])).err).toContain("--k must be a whole number from 1 to 100");
  });

  it("ask --json has the documented shape", async () => {
    const r = await cli(["ask", "交通规划强调了什么", "--json"]);
    const a = JSON.parse(r.out);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(["question", "mode", "found", "answer", "citations"]));
    expect(a).toMatchObject({ mode: "extractive", found: true });
    expect(Object.keys(a.citations[0])).toEqual(expect.arrayContaining(["n", "minutesId", "title", "number", "meetingDate", "item", "section", "quote", "start", "end", "score"]));
  });

  it("chat keeps the conversation: a follow-up is answered about the next item", async () => {
    const r = await cli(["chat"], "交通规划强调了什么\n那住房规划呢？\n\n");
    expect(r.code).toBe(0);
    expect(r.out).toContain("七、审议《太仓市“十四五”交通运输发展规划》——会议强调");
    expect(r.out).toContain("八、审议《太仓市“十四五”城镇住房发展规划》——会议强调");
  });

  it("the bin entry runs the same CLI", () => {
    const r = spawnSync(process.execPath, [`${ROOT}/bin/minutes.js`, "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("ask \"<question>\"");
  });
});
