import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { citeSpan, citedRecord } from "../../src/answer/citations.js";
import { chineseDate, formatReference, nestQuotes, numberedReferences, type ReferenceData } from "../../src/answer/reference.js";
import { REFERENCE_TEXT } from "../../src/answer/texts.js";
import { readMinutesFile } from "../../src/minutes/read.js";
import { parseMinutes, parseRecords } from "../../src/minutes/parse.js";
import type { Minutes } from "../../src/minutes/schema.js";
import { FIXTURES, MINUTES_FIXTURES, SEED } from "../helpers/paths.js";

const seed = parseMinutes(readFileSync(SEED, "utf8"), { path: SEED });

/** The quote a reference ends with, its nested quotation marks put back as the record writes them. */
function quotedIn(reference: string): string {
  const m = /：“(.*)”(?:（[^（）]*）)*$/s.exec(reference);
  return m ? nestQuotes(m[1]) : "";
}

/** A quote in a reference is the citation's own text, less at most a label at its start the location names. */
function expectVerbatim(reference: string, quote: string) {
  const q = quotedIn(reference);
  expect(q.length, reference).toBeGreaterThan(0);
  expect(quote.endsWith(q), reference).toBe(true);
  const dropped = quote.slice(0, quote.length - q.length);
  expect(
    dropped.length <= 2 ||
      reference.includes(dropped.replace(/[：:，,、\s]+$/u, "").slice(-12)) ||
      /^[一二三四五六七八九十百壹贰貳叁参參肆伍陆陸柒捌玖拾]+、/.test(dropped),
    reference,
  ).toBe(true);
}

/** Every citation the answer layer can make of a minutes document: header, each item, section and point. */
function everyCitation(m: Minutes) {
  const out = [citeSpan(m, m.headerSpan.start, m.headerSpan.end, { item: null, section: "会议概况", sectionKind: "header" })];
  if (m.attendance) out.push(citeSpan(m, m.attendance.start, m.attendance.end, { item: null, section: "出席", sectionKind: "attendance" }));
  for (const it of m.items) {
    out.push(citeSpan(m, it.start, it.end, { item: it, section: "议题", sectionKind: "item" }));
    for (const s of it.sections) {
      const section = s.lead ?? "会议";
      out.push(citeSpan(m, s.start, s.end, { item: it, section, sectionKind: s.kind }));
      for (const p of s.points) out.push(citeSpan(m, p.start, p.end, { item: it, section, sectionKind: s.kind, pointLabel: p.label }));
    }
  }
  return out;
}

describe("formatReference", () => {
  it("renders the seed's transport-plan point as staff write it, the quote whole", () => {
    const item = seed.items[6];
    const section = item.sections.find((s) => s.lead === "会议强调")!;
    const point = section.points[1];
    const c = citeSpan(seed, point.start, point.end, { item, section: "会议强调", sectionKind: "emphasis", pointLabel: point.label });
    // Title first, then the document number (先引标题，后引发文字号); quotation marks nested; the point's «（二）» said once.
    expect(c.reference).toBe(
      `《太仓市人民政府常务会议纪要》（〔2022〕1号，2022年1月21日）第七项“审议《太仓市‘十四五’交通运输发展规划》”会议强调（二）：“${nestQuotes(c.quote.slice(3))}”`,
    );
    expect(c.quote).toMatch(/^（二）要.*加快构建“5\+1”轨道交通网络.*现代综合立体交通体系。$/s);
    expect(c.reference).toContain("：“要加快构建‘5+1’轨道交通网络");
    expect(c.reference).not.toContain(REFERENCE_TEXT.ellipsis);
  });

  it("shortens a quote only when asked, with an ellipsis and a mark", () => {
    const item = seed.items[6];
    const point = item.sections.find((s) => s.lead === "会议强调")!.points[1];
    const c = citeSpan(seed, point.start, point.end, { item, section: "会议强调", sectionKind: "emphasis", pointLabel: point.label });
    const short = formatReference(c, { maxQuoteChars: 20 });
    const quoted = nestQuotes(/：“(.*)”（引文有删节）$/s.exec(short)?.[1] ?? "");
    const [head, tail] = quoted.split(REFERENCE_TEXT.ellipsis);
    expect(c.quote.startsWith(`（二）${head}`) && c.quote.endsWith(tail)).toBe(true);
    expect(head.length + tail.length).toBe(20);
    expect(formatReference(c, { maxQuoteChars: c.quote.length })).toBe(c.reference);
  });

  it("names the point of 一要… lists and numbered 1. points in words", () => {
    const item = seed.items[0];
    const section = item.sections.find((s) => s.points.length)!;
    const p = section.points[0];
    const c = citeSpan(seed, p.start, p.end, { item, section: section.lead!, sectionKind: section.kind, pointLabel: p.label });
    expect(c.reference).toContain(`第一项“${item.title}”会议强调第一点：“`);
    expect(formatReference({ ...c, pointLabel: "2." })).toContain("会议强调第2点：“");
  });

  it("renders a news-style report by body, session, meeting and date", () => {
    const report: ReferenceData = {
      title: "白河县政府召开第九次常务会议",
      number: null,
      meetingDate: "2023-09-04",
      item: null,
      section: "会议强调",
      sectionKind: "emphasis",
      pointLabel: null,
      quote: "要抓好秋冬季森林防火工作。",
      page: null,
      record: { issuer: "白河县人民政府", body: "县政府", term: null, kind: "常务会议", session: 9, name: null, shape: "report", ocr: false },
    };
    expect(formatReference(report)).toBe("白河县政府第九次常务会议（2023年9月4日）会议强调：“要抓好秋冬季森林防火工作。”");
    // The place from the headline when no issuer is known; the term as written.
    const qiyun = {
      ...report,
      title: "栖云县召开十七届县政府第十五次常务会议",
      meetingDate: "2023-03-12",
      record: { ...report.record, issuer: null, term: "十七届", session: 15 },
    };
    expect(formatReference(qiyun)).toBe("栖云县十七届县政府第十五次常务会议（2023年3月12日）会议强调：“要抓好秋冬季森林防火工作。”");
    // Only a name and no date: whatever exists, nothing invented (the place from the headline).
    const bare = { ...report, meetingDate: null, record: { ...report.record, kind: null, body: null, issuer: null, name: "县政府常务会议" } };
    expect(formatReference(bare)).toBe("白河县政府常务会议会议强调：“要抓好秋冬季森林防火工作。”");
    expect(formatReference({ ...bare, title: "县政府常务会议" })).toBe("县政府常务会议会议强调：“要抓好秋冬季森林防火工作。”");
  });

  it("reads new record fields (meeting body and kind, shape) from minutes that carry them", () => {
    const m = { ...seed, shape: "report", number: null, meeting: { ...seed.meeting, body: "市政府", kind: "常务会议", session: 1 } } as Minutes;
    expect(citedRecord(m)).toMatchObject({ issuer: "太仓市人民政府", body: "市政府", kind: "常务会议", session: 1, shape: "report" });
    const c = citeSpan(m, m.headerSpan.start, m.headerSpan.end, { item: null, section: "会议概况", sectionKind: "header" });
    // The meeting's name as written (市政府第1次常务会议), with the issuer's place before it.
    expect(c.reference.startsWith("太仓市政府第1次常务会议（2022年1月21日）会议概况：“")).toBe(true);
  });

  it("falls back to the meeting name when minutes have no number, and marks scans", () => {
    const m: Minutes = { ...seed, number: null, source: { ...seed.source, ocr: true } };
    const c = citeSpan(m, m.items[6].start, m.items[6].end, { item: m.items[6], section: "议题", sectionKind: "item" });
    expect(c.reference).toBe(
      `《太仓市人民政府常务会议纪要》（市政府第1次常务会议，2022年1月21日）第七项“审议《太仓市‘十四五’交通运输发展规划》”：“${nestQuotes(c.quote.replace(/^七、.*\n+/, ""))}”${REFERENCE_TEXT.scanned}`,
    );
  });

  it("gives the page of the quote in a PDF", async () => {
    const m = await readMinutesFile(join(FIXTURES, "formats/taicang-2022-01.pdf"));
    const item = m.items[6];
    const c = citeSpan(m, item.start, item.end, { item, section: "议题", sectionKind: "item" });
    expect(c.page).toBeGreaterThan(1);
    expect(c.reference).toContain(`第七项“${nestQuotes(item.title)}”（原文第${c.page}页）：“`);
    expectVerbatim(c.reference, c.quote);
  });

  it("says a label once: the quote's «出席：» or «会议强调，» leaves the quote, a sentence's own opening leaves the location", () => {
    const base: ReferenceData = {
      title: "太仓市人民政府常务会议纪要",
      number: 1,
      meetingDate: "2022-01-21",
      item: null,
      section: "出席",
      sectionKind: "attendance",
      pointLabel: null,
      quote: "出席：胡卫江、汪香元",
      page: null,
      record: { issuer: null, body: null, term: null, kind: null, session: null, name: null, shape: "formal", ocr: false },
    };
    expect(formatReference(base)).toBe("《太仓市人民政府常务会议纪要》（第1号，2022年1月21日）出席：“胡卫江、汪香元”");
    expect(formatReference({ ...base, section: "会议强调", sectionKind: "emphasis", quote: "会议强调，要抓好防汛工作。" })).toMatch(
      /会议强调：“要抓好防汛工作。”$/,
    );
    expect(formatReference({ ...base, section: "会议听取", sectionKind: "other" as ReferenceData["sectionKind"], quote: "会议听取了汇报。" })).toMatch(
      /（第1号，2022年1月21日）：“会议听取了汇报。”$/,
    );
    // A label alone is still quoted: nothing would be left.
    expect(formatReference({ ...base, quote: "出席：" })).toMatch(/日）出席：“出席：”$/);
  });

  it("nests quotation marks and 《》 as 公文 do, one character for one", () => {
    expect(nestQuotes("审议《太仓市“十四五”规划》和‘甲’")).toBe("审议《太仓市‘十四五’规划》和“甲”");
    expect(nestQuotes(nestQuotes("要构建“5+1”网络"))).toBe("要构建“5+1”网络");
    const titled = formatReference({
      ...citeSpan(seed, seed.items[6].start, seed.items[6].end, { item: seed.items[6], section: "议题", sectionKind: "item" }),
      title: "关于《规划》的纪要",
    });
    expect(titled.startsWith("《关于〈规划〉的纪要》（〔2022〕1号，")).toBe(true);
  });

  it("numbers copied references only when there are several", () => {
    expect(numberedReferences([{ n: 2, reference: "《甲》：“乙”" }])).toEqual(["《甲》：“乙”"]);
    expect(
      numberedReferences([
        { n: 1, reference: "A" },
        { n: 2, reference: "B" },
      ]),
    ).toEqual(["[1] A", "[2] B"]);
  });

  it("writes dates the Chinese way", () => {
    expect(chineseDate("2022-01-21")).toBe("2022年1月21日");
    expect(chineseDate("2023-09")).toBe("2023年9月");
    expect(chineseDate(null)).toBeNull();
  });
});

const fixtures = [
  SEED,
  ...readdirSync(MINUTES_FIXTURES)
    .filter((f) => f.endsWith(".txt") && f !== "news-article.txt")
    .map((f) => join(MINUTES_FIXTURES, f)),
];

describe.each(fixtures)("references over %s", (path) => {
  const m = parseMinutes(readFileSync(path, "utf8"), { path });
  const date = chineseDate(m.meeting.date)!;

  it("every citation's reference names the record, its item and section, and quotes the source exactly", () => {
    const all = everyCitation(m);
    expect(all.length).toBeGreaterThan(m.items.length);
    for (const c of all) {
      // 先引标题，后引发文字号: 《…纪要》（〔2022〕1号，…）.
      const number = m.number !== null ? (m.year !== null ? `〔${m.year}〕${m.number}号` : `第${m.number}号`) : m.meeting.name;
      expect(c.reference.startsWith(`《${m.title}》（${number}，${date}）`), c.reference).toBe(true);
      expectVerbatim(c.reference, c.quote);
      expect(m.text.slice(c.start, c.end)).toBe(c.quote);
      if (c.item) expect(c.reference).toContain(`第${c.item.label}项“${nestQuotes(c.item.title)}”`);
      expect(c.reference.split("：“")[0]).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });

  it("matches the reviewed references (snapshot)", async () => {
    const refs = everyCitation(m).map((c) => c.reference);
    await expect(`${refs.join("\n\n")}\n`).toMatchFileSnapshot(`__snapshots__/references/${basename(path, ".txt")}.txt`);
  });
});

const RECORDS = join(FIXTURES, "records");
const recordFiles = readdirSync(RECORDS).filter((f) => f.endsWith(".txt") && !f.startsWith("reject-"));

describe.each(recordFiles)("references over the record %s", (file) => {
  const records = parseRecords(readFileSync(join(RECORDS, file), "utf8"), { path: join(RECORDS, file) });

  it("names the record by title or meeting and date, quotes exactly, and invents nothing", () => {
    for (const m of records) {
      const date = chineseDate(m.meeting.date);
      for (const c of everyCitation(m)) {
        expectVerbatim(c.reference, c.quote);
        expect(c.reference).not.toMatch(/undefined|null|NaN|（）/);
        expect(c.reference.split("：“")[0]).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        if (date) expect(c.reference).toContain(`${date}）`);
        if (m.shape === "report") expect(c.reference.startsWith("《"), c.reference).toBe(false);
        else if (/纪要$/.test(m.title)) expect(c.reference.startsWith(`《${m.title.replace(/《/g, "〈").replace(/》/g, "〉")}》`), c.reference).toBe(true);
      }
    }
  });

  it("matches the reviewed references (snapshot)", async () => {
    const refs = records.flatMap((m) => everyCitation(m).map((c) => c.reference));
    await expect(`${refs.join("\n\n")}\n`).toMatchFileSnapshot(`__snapshots__/references/records/${basename(file, ".txt")}.txt`);
  });
});

it("names a news-style report by its place, meeting as written and date", () => {
  const path = join(RECORDS, "heming-district-standing-2021-06.txt");
  const [m] = parseRecords(readFileSync(path, "utf8"), { path });
  const c = citeSpan(m, m.headerSpan.start, m.headerSpan.end, { item: null, section: "会议概况", sectionKind: "header" });
  expect(c.reference.startsWith("鹤鸣区政府第42次常务会议（2021年6月8日）会议概况：“")).toBe(true);
});
