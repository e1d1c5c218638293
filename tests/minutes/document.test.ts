import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DocumentSchema, readDocument, titleKind } from "../../src/minutes/document.js";
import { normalizeText } from "../../src/minutes/normalize.js";
import { FIXTURES, MINUTES_FIXTURES, SEED } from "../helpers/paths.js";

const DIR = join(FIXTURES, "documents");

interface Expected {
  title: string;
  kind: string;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
  embedded?: string;
  headings: string[];
  levels: number[];
  headingTitles?: Record<string, string>;
  blockCount: number;
  blocks: { startsWith: string; contains?: string; path: string[] }[];
  absent?: string[];
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".txt") && !f.endsWith(".meeting.txt"));

describe.each(files)("document fixture %s", (file) => {
  const expected = JSON.parse(readFileSync(join(DIR, file.replace(/\.txt$/, ".expected.json")), "utf8")) as Expected;
  const n = normalizeText(readFileSync(join(DIR, file), "utf8"));
  const text = n.text;
  const doc = readDocument(text, { published: n.page.published })!;
  const name = (i: number) => doc.headings[i].label || doc.headings[i].title;

  it("reads title, kind, 文号, issuer and date", () => {
    expect(doc).not.toBeNull();
    expect(DocumentSchema.parse(doc)).toEqual(doc);
    expect(doc.title).toBe(expected.title);
    expect(doc.kind).toBe(expected.kind);
    expect(doc.docNumber).toBe(expected.docNumber);
    expect(doc.issuer).toBe(expected.issuer);
    expect(doc.date).toBe(expected.date);
    if (expected.embedded) expect(doc.evidence).toContain(`prints 《${expected.embedded}》`);
  });

  it("finds the headings in order, with their levels and titles", () => {
    expect(doc.headings.map((h) => h.label)).toEqual(expected.headings);
    expect(doc.headings.map((h) => h.level)).toEqual(expected.levels);
    for (const [label, title] of Object.entries(expected.headingTitles ?? {})) {
      expect(doc.headings.find((h) => h.label === label)?.title, label).toBe(title);
    }
    for (const h of doc.headings) {
      expect(text.slice(h.start, h.end).startsWith(h.label), h.label).toBe(true);
      expect(text.slice(h.start, h.end), h.label).toContain(h.title);
    }
  });

  it("splits the body into blocks under the right headings", () => {
    expect(doc.blocks).toHaveLength(expected.blockCount);
    for (const e of expected.blocks) {
      const b = doc.blocks.find((x) => text.slice(x.start, x.end).startsWith(e.startsWith));
      expect(b, e.startsWith).toBeDefined();
      if (e.contains) expect(text.slice(b!.start, b!.end)).toContain(e.contains);
      expect(b!.path.map(name), e.startsWith).toEqual(e.path);
    }
  });

  it("keeps blocks in order, apart, and never across a heading", () => {
    for (let i = 1; i < doc.blocks.length; i++) expect(doc.blocks[i].start).toBeGreaterThan(doc.blocks[i - 1].end);
    for (const b of doc.blocks) {
      const own = b.path.at(-1);
      for (const [i, h] of doc.headings.entries()) {
        if (i === own && h.start === b.start) continue;
        expect(h.start >= b.end || h.end <= b.start, `${name(i)} inside a block`).toBe(true);
      }
    }
  });

  it("leaves page furniture out of the blocks", () => {
    const body = doc.blocks.map((b) => text.slice(b.start, b.end)).join("\n");
    for (const a of expected.absent ?? []) expect(body).not.toContain(a);
    if (doc.title) expect(body.startsWith(doc.title)).toBe(false);
  });
});

describe("readDocument", () => {
  it("reads a title ending with a kind after its bracketed remarks", () => {
    expect(titleKind("青溪市数据共享管理办法（试行）")).toBe("办法");
    expect(titleKind("南屏县数字经济发展规划（2023—2027年）（征求意见稿）")).toBe("规划");
    expect(titleKind("关于商请支持项目建设的函")).toBe("函");
    expect(titleKind("云岭市人民政府关于调整公交线路")).toBeNull();
  });

  it("returns null for text nothing marks as a document", () => {
    const meeting = readFileSync(join(DIR, "shihu-standing-2024-05.meeting.txt"), "utf8");
    expect(readDocument(normalizeText(meeting).text)).toBeNull();
    expect(readDocument("今天天气很好。\n\n我们去公园散步。")).toBeNull();
  });

  it("does not make 一是/二是 or a sentence into headings", () => {
    const text = "关于加强河道保洁的通知\n\n一、明确责任\n\n一是落实河长巡河制度。二是每月通报保洁情况。\n\n二、强化考核\n\n考核结果纳入年度绩效。";
    const doc = readDocument(text)!;
    expect(doc.headings.map((h) => h.label)).toEqual(["一、", "二、"]);
    expect(doc.blocks).toHaveLength(2);
  });

  it("reads a bare 附件 line as the annex heading with the attachment's title", () => {
    const text = "关于开展安全检查的通知\n\n各单位要认真组织检查。\n\n附件\n\n安全检查表\n\n1.消防设施是否完好。";
    const doc = readDocument(text)!;
    expect(doc.headings[0]).toMatchObject({ label: "附件", title: "安全检查表", level: 1 });
    expect(doc.blocks.at(-1)!.path).toEqual([0, 1]);
  });

  it("keeps a paragraph cut over two lines in one block", () => {
    const text = "河湖长制工作方案\n\n一、工作目标\n\n到2025年全面建成河湖长制组织体系，重点河湖\n生态流量保障率达到90%。";
    const doc = readDocument(text)!;
    expect(doc.blocks).toHaveLength(1);
    expect(text.slice(doc.blocks[0].start, doc.blocks[0].end)).toContain("生态流量保障率");
  });

  it("takes the title, 文号 and issuer from hints when the text lacks them", () => {
    const text = "第一条　为规范管理，制定本办法。\n\n第二条　本办法自印发之日起施行。";
    const doc = readDocument(text, { fileTitle: "南屏县河道采砂管理办法", docNumber: "南政规〔2021〕1号", issuer: "南屏县人民政府", published: "2021-06-01" })!;
    expect(doc).toMatchObject({ title: "南屏县河道采砂管理办法", kind: "办法", docNumber: "南政规〔2021〕1号", issuer: "南屏县人民政府", date: "2021-06-01" });
    expect(doc.headings.map((h) => h.label)).toEqual(["第一条", "第二条"]);
  });

  it("reads traditional text like its simplified form, with offsets into the original", () => {
    const trad = "瀾州市河道管理辦法\n\n第一條　為加強河道管理，制定本辦法。\n\n第二條　本辦法自公佈之日起施行。";
    const doc = readDocument(trad)!;
    expect(doc.kind).toBe("办法");
    expect(doc.headings.map((h) => h.label)).toEqual(["第一條", "第二條"]);
    expect(trad.slice(doc.blocks[0].start, doc.blocks[0].end)).toBe("第一條　為加強河道管理，制定本辦法。");
  });
});

describe("documents question set (tests/fixtures/eval/documents-dev.jsonl)", () => {
  const questions = readFileSync(join(FIXTURES, "eval", "documents-dev.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; q: string; doc: string | null; must: string[]; none?: boolean });

  it("has at least 40 questions, about ten of them unanswerable", () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
    const none = questions.filter((q) => q.none);
    expect(none.length).toBeGreaterThanOrEqual(8);
    for (const q of none) expect(q, q.id).toMatchObject({ doc: null, must: [] });
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
  });

  it("has each answer phrase inside one block of its document, so one passage can hold it", () => {
    for (const q of questions.filter((x) => !x.none)) {
      const n = normalizeText(readFileSync(join(DIR, q.doc!), "utf8"));
      const doc = readDocument(n.text, { published: n.page.published })!;
      for (const phrase of q.must) {
        expect(
          doc.blocks.some((b) => n.text.slice(b.start, b.end).includes(phrase)),
          `${q.id} «${phrase}»`,
        ).toBe(true);
      }
    }
  });
});

describe("readDocument headers and parts", () => {
  it("joins a title wrapped over three lines, and not a stray line above a whole title", () => {
    const three = readDocument(
      "澄江县人民政府\n\n关于印发《澄江县城乡供水一体化\n\n建设方案》的通知\n\n各乡镇人民政府：\n\n现将《澄江县城乡供水一体化建设方案》印发给你们。",
    )!;
    expect(three.title).toBe("澄江县人民政府关于印发《澄江县城乡供水一体化建设方案》的通知");
    const stray = readDocument("政策文件\n\n澄江县人民政府关于调整供水价格的通知\n\n各乡镇人民政府：\n\n现将有关事项通知如下。")!;
    expect(stray.title).toBe("澄江县人民政府关于调整供水价格的通知");
    expect(stray.issuer).toBe("澄江县人民政府");
  });

  it("reads 第X部分 above its chapters and skips a repeated headline", () => {
    const text =
      "澄江县国土空间总体规划\n\n澄江县国土空间总体规划\n\n第一部分　规划总则\n\n第一章　规划目的\n\n为优化国土空间格局，编制本规划。\n\n第二部分　空间格局\n\n第二章　三区三线\n\n全县划定永久基本农田32万亩。";
    const doc = readDocument(text)!;
    expect(doc.headings.map((h) => [h.label, h.level])).toEqual([
      ["第一部分", 1],
      ["第一章", 2],
      ["第二部分", 1],
      ["第二章", 2],
    ]);
    expect(doc.blocks).toHaveLength(2);
  });

  it("knows a printed document that stands under «附件1»", () => {
    const text =
      "澄江县人民政府办公室关于印发《澄江县河湖清淤实施方案》的通知\n\n各乡镇人民政府：\n\n《澄江县河湖清淤实施方案》已经县政府同意，现印发给你们。\n\n澄江县人民政府办公室\n\n2024年2月1日\n\n附件1\n\n澄江县河湖清淤实施方案\n\n一、清淤范围\n\n全县主要河道12条。";
    const doc = readDocument(text)!;
    expect(doc.evidence).toContain("prints 《澄江县河湖清淤实施方案》");
    expect(doc.headings[0]).toMatchObject({ label: "附件1", title: "澄江县河湖清淤实施方案" });
    expect(doc).toMatchObject({ issuer: "澄江县人民政府办公室", date: "2024-02-01" });
  });
});

describe("readDocument in a notice that prints a plan", () => {
  it("reads the printed 规划's unnumbered section lines as headings, and not the notice's own lines", () => {
    const text =
      "澄江县人民政府\n\n澄江县人民政府关于印发《澄江县文旅融合发展规划》的通知\n\n各乡镇人民政府：\n\n现将《澄江县文旅融合发展规划》印发给你们，请认真组织实施。\n\n澄江县人民政府\n\n2024年5月6日\n\n（此页无正文）\n\n澄江县文旅融合发展规划\n\n第一章　发展基础\n\n资源禀赋\n\n全县有A级景区9家。";
    const doc = readDocument(text)!;
    expect(doc.title).toBe("澄江县人民政府关于印发《澄江县文旅融合发展规划》的通知");
    expect(doc.headings.map((h) => [h.label, h.title, h.level])).toEqual([
      ["", "澄江县文旅融合发展规划", 1],
      ["第一章", "发展基础", 2],
      ["", "资源禀赋", 3],
    ]);
    expect(doc.blocks.map((b) => text.slice(b.start, b.end))).toEqual([
      "各乡镇人民政府：",
      "现将《澄江县文旅融合发展规划》印发给你们，请认真组织实施。",
      "全县有A级景区9家。",
    ]);
  });
});

describe("readDocument on meeting records", () => {
  const paths = [
    SEED,
    ...readdirSync(MINUTES_FIXTURES)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => join(MINUTES_FIXTURES, f)),
  ];
  it.each(paths)("keeps its structure well-formed on %s", (path) => {
    const { text } = normalizeText(readFileSync(path, "utf8"));
    const doc = readDocument(text);
    if (!doc) return;
    expect(DocumentSchema.parse(doc)).toEqual(doc);
    for (const [i, b] of doc.blocks.entries()) {
      expect(b.end).toBeLessThanOrEqual(text.length);
      expect(b.start).toBeLessThan(b.end);
      if (i > 0) expect(b.start).toBeGreaterThan(doc.blocks[i - 1].end);
      for (const h of b.path) expect(h).toBeLessThan(doc.headings.length);
    }
    // A 纪要 is not a document kind: its title never reads as one.
    expect(doc.kind).toBeNull();
  });
});

describe("readDocument on a plan with a flattened table", () => {
  it("does not read table cells as unnumbered headings", () => {
    const text =
      "澄江县养老服务体系建设规划\n\n第一章　主要指标\n\n发展目标\n\n到2027年，全县养老服务床位总数达到3200张，护理型床位占比不低于60%。\n\n指标名称\n\n2022年\n\n2027年\n\n养老床位\n\n2100张\n\n3200张";
    const doc = readDocument(text)!;
    expect(doc.headings.map((h) => h.title)).toEqual(["主要指标", "发展目标"]);
    expect(doc.blocks.map((b) => text.slice(b.start, b.end).split("\n\n")[0])).toEqual([
      "到2027年，全县养老服务床位总数达到3200张，护理型床位占比不低于60%。",
      "指标名称",
    ]);
  });
});

describe("readDocument after a line join", () => {
  it("splits a chapter heading run into its first article («第一章总则第一条…»)", () => {
    const text =
      "青溪市公共数据开放办法\n\n第一章总则第一条为了规范公共数据开放，制定本办法。\n\n第二条本办法自印发之日起施行。\n\n第二章开放管理第三条公共数据开放目录每年更新一次。";
    const doc = readDocument(text)!;
    expect(doc.headings.map((h) => [h.label, h.title])).toEqual([
      ["第一章", "总则"],
      ["第一条", "为了规范公共数据开放，制定本办法"],
      ["第二条", "本办法自印发之日起施行"],
      ["第二章", "开放管理"],
      ["第三条", "公共数据开放目录每年更新一次"],
    ]);
    expect(text.slice(doc.blocks[0].start, doc.blocks[0].end)).toBe("第一条为了规范公共数据开放，制定本办法。");
  });
});
