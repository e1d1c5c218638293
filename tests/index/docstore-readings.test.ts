import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { materializeMinutes, serializeDoc } from "../../src/index/docstore.js";
import { buildPassages, encodePassages, passageArray, type TableDoc } from "../../src/index/passages.js";
import { parseRecords } from "../../src/minutes/parse.js";
import { FIXTURES, MINUTES_FIXTURES } from "../helpers/paths.js";

describe("a record's reading, evidence and seams in the index", () => {
  const news = parseRecords(readFileSync(join(MINUTES_FIXTURES, "news-article.txt"), "utf8"), { path: "news.txt" })[0];
  const html = parseRecords(readFileSync(join(FIXTURES, "records", "shimen-county-standing-html-in-txt-2023-06.txt"), "utf8"), { path: "p.txt" })[0];

  it("come back from the store as parsed", () => {
    for (const m of [news, html]) {
      const s = serializeDoc(m);
      expect(materializeMinutes(s.meta, s.text, s.struct)).toEqual(m);
    }
    expect(news.reading).toBe("text");
    expect(html.seams.length).toBeGreaterThan(0);
  });

  it("paragraph passages of plain text read back from the columns with the same context", () => {
    const passages = buildPassages(news);
    expect(passages.every((p) => p.kind === "paragraph")).toBe(true);
    const strings: string[] = [];
    const columns = encodePassages(passages, () => 0, strings);
    const doc = { ...serializeDoc(news).meta } as unknown as TableDoc;
    expect([...passageArray(columns, strings, [doc])]).toEqual(passages);
  });
});

describe("passages of a document reading", () => {
  const text =
    "栖云县农村公路养护管理办法\n\n第一章 总则\n\n第一条 为加强农村公路养护管理，制定本办法。\n\n第二条 本县行政区域内农村公路的养护管理适用本办法。";
  const [base] = parseRecords(text, { path: "d.txt" });
  const at = (s: string) => base.text.indexOf(s);
  const m = {
    ...base,
    reading: "document" as const,
    shape: "document" as const,
    document: {
      title: "栖云县农村公路养护管理办法",
      kind: "办法",
      docNumber: null,
      issuer: null,
      date: null,
      headings: [{ level: 1, label: "第一章", title: "总则", start: at("第一章"), end: at("第一章") + 6 }],
      blocks: [
        { start: at("第一条"), end: at("第一条") + "第一条 为加强农村公路养护管理，制定本办法。".length, path: [0] },
        { start: at("第二条"), end: base.text.length, path: [0] },
      ],
      evidence: ["title ends with 办法"],
    },
  };

  it("are one per block (articles for 第X条) under the heading path, plus the lines no block covers, and read back from the columns alike", () => {
    const passages = buildPassages(m);
    expect(passages.map((p) => [p.kind, p.section, m.text.slice(p.start, p.end).slice(0, 3)])).toEqual([
      ["paragraph", "正文", "栖云县"],
      ["paragraph", "正文", "第一章"],
      ["article", "第一章 总则", "第一条"],
      ["article", "第一章 总则", "第二条"],
    ]);
    expect(passages[2].context).toContain("第一章 总则");
    const strings: string[] = [];
    const columns = encodePassages(passages, () => 0, strings);
    expect([...passageArray(columns, strings, [serializeDoc(m).meta as unknown as TableDoc])]).toEqual(passages);
  });
});
