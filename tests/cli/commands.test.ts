import { nestQuotes } from "../../src/answer/reference.js";
import { spawnSync } from "node:child_process";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { buildDist } from "../helpers/build.js";
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
  const code = await runCli(argv, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    env,
    isTTY: false,
    stdin: stdin === undefined ? undefined : Readable.from([stdin]),
  });
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
    expect(Object.keys(a.citations[0])).toEqual(
      expect.arrayContaining(["n", "minutesId", "title", "number", "meetingDate", "item", "section", "quote", "start", "end", "score"]),
    );
  });

  it("chat keeps the conversation: a follow-up is answered about the next item", async () => {
    const r = await cli(["chat"], "交通规划强调了什么\n那住房规划呢？\n\n");
    expect(r.code).toBe(0);
    expect(r.out).toContain("七、审议《太仓市“十四五”交通运输发展规划》——会议强调");
    expect(r.out).toContain("八、审议《太仓市“十四五”城镇住房发展规划》——会议强调");
  });

  it("the bin entry runs the same CLI, compiled", { timeout: 180_000 }, async () => {
    await buildDist();
    const r = spawnSync(process.execPath, [`${ROOT}/bin/minutes.js`, "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ask "<question>"');
  });
});

describe("minutes ask: copy-ready references and exports", () => {
  it("--format reference prints one formal reference per citation, quotes exact", async () => {
    const r = await cli(["ask", "交通规划强调了什么", "--format", "reference"]);
    expect(r.code).toBe(0);
    const json = JSON.parse((await cli(["ask", "交通规划强调了什么", "--format", "json"])).out);
    expect(r.out.split("\n")).toEqual(json.citations.map((c: { n: number; reference: string }) => `[${c.n}] ${c.reference}`));
    expect(json.citations[1].reference).toBe(
      `《太仓市人民政府常务会议纪要》（〔2022〕1号，2022年1月21日）第七项“审议《太仓市‘十四五’交通运输发展规划》”会议强调（二）：“${nestQuotes(json.citations[1].quote.replace(/^（二）/, ""))}”`,
    );
    const short = await cli(["ask", "交通规划强调了什么", "--format", "reference", "--quote-chars", "12"]);
    expect(short.out.split("\n").every((l) => l.endsWith("”（引文有删节）"))).toBe(true);
  });

  it("--format markdown gives the question, the answer and the references", async () => {
    const r = await cli(["ask", "交通规划强调了什么", "--format", "markdown"]);
    expect(r.out).toMatch(/^# 纪要问答\n\n\*\*问题\*\*：交通规划强调了什么\n/);
    expect(r.out).toContain("## 引用");
    expect(r.out).toContain("[3] 《太仓市人民政府常务会议纪要》（〔2022〕1号，2022年1月21日）第七项");
  });

  it("--docx FILE writes the answer as a Word document; --public leaves internal quotes out", async () => {
    const { readDocx } = await import("../../src/minutes/readers/docx.js");
    const { readFile } = await import("node:fs/promises");
    const file = `${corpus.dir}/answer.docx`;
    const staff = await cli(["ask", "城镇燃气安全专项整治强调了什么", "--docx", file, "--format", "reference"]);
    expect(staff.err).toContain(`wrote ${file}`);
    const staffText = (await readDocx(await readFile(file), file)).text;
    for (const line of staff.out.split("\n")) expect(staffText.split("\n")).toContain(line);
    expect(staffText).toContain("《枫林市人民政府常务会议纪要》");
    await cli(["ask", "城镇燃气安全专项整治强调了什么", "--docx", file, "--public"]);
    expect((await readDocx(await readFile(file), file)).text).not.toContain("枫林");
  });

  it("refuses a bad --format, contradictory options and an unwritable --docx by name", async () => {
    const bad = await cli(["ask", "交通规划", "--format", "html"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--format must be one of text, reference, markdown, json");
    expect((await cli(["ask", "交通规划", "--json", "--format", "markdown"])).code).toBe(2);
    const unwritable = await cli(["ask", "交通规划强调了什么", "--docx", `${corpus.dir}/no/such/dir/a.docx`]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.err).toContain("--docx");
  });

  it("--format reference prints nothing to copy when nothing is found, and says so on stderr", async () => {
    const r = await cli(["ask", "会议讨论了垃圾分类工作吗？", "--format", "reference"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect(r.err).toContain("未找到");
  });
});
