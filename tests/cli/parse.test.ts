import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { join } from "node:path";
import { ingest } from "../../src/index/ingest.js";
import { forgetFolderRules } from "../../src/minutes/folder-visibility.js";
import type { TempCorpus } from "../helpers/corpus.js";
import { LINKED, makeLinkedCorpus } from "../helpers/linked-corpus.js";
import { FIXTURES, MINUTES_FIXTURES, ROOT, SEED } from "../helpers/paths.js";

const GARBLED = join(FIXTURES, "records", "reject-garbled-mojibake.txt");

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env, isTTY: false } };
}

describe("minutes CLI", () => {
  it("parse --json prints the structure the issue promises (through npm, as users run it)", () => {
    const r = spawnSync("npm", ["run", "-s", "minutes", "--", "parse", "data/minutes/taicang-2022-01.txt", "--json"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.items).toHaveLength(9);
    const seven = m.items[6];
    expect(seven.title).toContain("交通运输发展规划");
    expect(seven.reportingUnit).toBe("市交运局");
    expect(seven.decision).toContain("原则同意");
    expect(seven.sections.find((s: { kind: string }) => s.kind === "emphasis").points).toHaveLength(3);
    expect(m.meeting.date).toBe("2022-01-21");
    expect(m.meeting.chair).toBe("胡卫江");
    expect(m.number).toBe(1);
    expect(m.issuedOn).toBe("2022-01-28");
    expect(m.visibility).toBe("public");
    expect(m.attendance.attending).toContainEqual({ unit: "市交运局", name: "徐勤" });
    expect(m.attendance.attending).toContainEqual({ unit: "市统计局", name: "周淑亚" });
    expect(m.text).toContain("数字经济时代产业创新集群");
  });

  it("prints an outline without --json", async () => {
    const t = io();
    expect(await runCli(["parse", SEED], t.io)).toBe(0);
    expect(t.out.join("\n")).toContain("七、审议《太仓市“十四五”交通运输发展规划》");
    expect(t.out.join("\n")).toContain("汇报: 市交运局");
  });

  it("reports a bad file in one line naming it, exits 1, and still parses the good ones", async () => {
    const t = io();
    const code = await runCli(["parse", GARBLED, SEED, "--json"], t.io);
    expect(code).toBe(1);
    expect(t.err).toHaveLength(1);
    expect(t.err[0]).toMatch(/reject-garbled-mojibake\.txt: the text is mojibake/);
    expect(JSON.parse(t.out[0])).toHaveLength(1);
  });

  it("says which reading was used and why: a news story is plain text, not a meeting", async () => {
    const t = io();
    expect(await runCli(["parse", `${MINUTES_FIXTURES}/news-article.txt`, SEED], t.io)).toBe(0);
    const [news, seed] = t.out[0].split("\n\n");
    expect(news).toMatch(/读作: 纯文本 — no meeting: no sentence saying a meeting was held/);
    expect(seed).toMatch(/读作: 会议记录 — title «.*纪要»；opening «/);
  });

  it("names a missing file", async () => {
    const t = io();
    expect(await runCli(["parse", "nope/missing.txt"], t.io)).toBe(1);
    expect(t.err[0]).toContain("nope/missing.txt: no such file");
  });

  it.each([[["frobnicate"]], [["parse", "--bogus", SEED]], [[]]])("usage errors exit 2: %j", async (argv) => {
    const t = io();
    expect(await runCli(argv, t.io)).toBe(2);
    expect([...t.out, ...t.err].join("\n")).toContain("Usage: minutes");
  });

  it("--help lists the commands and exits 0", async () => {
    const t = io();
    expect(await runCli(["--help"], t.io)).toBe(0);
    expect(t.out.join("\n")).toContain("parse <file...> [--json]");
  });

  it("prints no stack trace for user errors", () => {
    const r = spawnSync("npm", ["run", "-s", "minutes", "--", "parse", "tests/fixtures/records/reject-garbled-mojibake.txt"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("minutes parse shows the links between a document and the meetings that passed it", () => {
  let corpus: TempCorpus | undefined;
  afterEach(() => {
    corpus?.cleanup();
    corpus = undefined;
    forgetFolderRules();
  });
  const envOf = (c: TempCorpus) => ({ MINUTES_DIR: c.minutesDir, INDEX_DIR: c.indexDir });

  it("without an index, from MINUTES_DIR's files: the document names each meeting, the meeting item its document and file", async () => {
    corpus = makeLinkedCorpus();
    const doc = io(envOf(corpus));
    expect(await runCli(["parse", LINKED.document], doc.io)).toBe(0);
    const text = doc.out.join("\n");
    expect(text).toContain("  通过：石湖市人民政府召开第十八次常务会议（2024-05-20）第一项：会议原则同意《石湖市公共自行车管理办法（草案）》，由市交通运输局");
    // The operator's CLI sees the internal 专题会议 too.
    expect(text).toContain("  通过：石湖市人民政府专题会议纪要（2024-06-03）第一项：会议原则同意《石湖市公共自行车管理办法（征求意见稿）》");
    expect(doc.err).toEqual([]);

    const meeting = io(envOf(corpus));
    expect(await runCli(["parse", LINKED.standing], meeting.io)).toBe(0);
    expect(meeting.out.join("\n")).toContain(
      `      第一项 通过文件：《石湖市公共自行车管理办法》→ ${join(corpus.minutesDir, "public", "shihu-bicycle-measures.txt")}`,
    );
  });

  it("with an index, from the index (the folder's files gone), and --json carries the links as data", async () => {
    corpus = makeLinkedCorpus();
    await ingest({ minutesDir: corpus.minutesDir, indexDir: corpus.indexDir, lexiconDir: corpus.config.LEXICON_DIR, embedder: { provider: "local" } });
    rmSync(join(corpus.minutesDir, "public"), { recursive: true });
    const t = io(envOf(corpus));
    expect(await runCli(["parse", LINKED.document, "--json"], t.io)).toBe(0);
    const m = JSON.parse(t.out[0]);
    expect(m.title).toBe("石湖市公共自行车管理办法");
    expect(m.links.passed).toEqual([]);
    expect(m.links.passedBy.map((l: { minutesTitle: string }) => l.minutesTitle).sort()).toEqual([
      "石湖市人民政府专题会议纪要",
      "石湖市人民政府召开第十八次常务会议",
    ]);
    const standing = m.links.passedBy.find((l: { meetingDate: string }) => l.meetingDate === "2024-05-20");
    expect(standing).toMatchObject({ itemOrdinal: 1, meetingName: "市政府第十八次常务会议" });
    expect(standing.decision).toMatch(/^会议原则同意《石湖市公共自行车管理办法（草案）》/);
  });

  it("a record that passes nothing prints no link line, and --json gives it empty links", async () => {
    corpus = makeLinkedCorpus();
    const t = io(envOf(corpus));
    expect(await runCli(["parse", SEED, "--json"], t.io)).toBe(0);
    expect(JSON.parse(t.out[0]).links).toEqual({ passed: [], passedBy: [] });
    const plain = io(envOf(corpus));
    expect(await runCli(["parse", SEED], plain.io)).toBe(0);
    expect(plain.out.join("\n")).not.toMatch(/通过：|通过文件：/);
  });
});
