import { describe, expect, it } from "vitest";
import { readMinutesFile } from "../../src/minutes/read.js";
import { bodyEnd } from "../../src/minutes/parse.js";
import { hasTesseract } from "../../src/minutes/readers/ocr.js";
import { ROOT, SEED } from "../helpers/paths.js";

const seed = await readMinutesFile(SEED);
const shape = (m: typeof seed) =>
  m.items.map((i) => ({
    label: i.label,
    title: i.title,
    reportingUnit: i.reportingUnit,
    decision: i.decision,
    followUp: i.followUp,
    points: i.sections.map((s) => s.points.length),
  }));

describe("readMinutesFile: every format ends in the same structure", () => {
  it.each(["pdf", "docx", "doc", "ofd", "html"])("%s parses into the text seed's items, units and decisions", async (ext) => {
    const m = await readMinutesFile(`${ROOT}/data/samples/taicang-2022-01.${ext}`);
    expect(m.source.format).toBe(ext);
    expect(m.source.ocr).toBe(false);
    expect(shape(m)).toEqual(shape(seed));
    expect(m.id).toBe(seed.id);
    expect(m.meeting).toEqual(seed.meeting);
    expect(m.attendance?.attending).toEqual(seed.attendance?.attending);
    expect(m.visibility).toBe("public");
  });

  it("a PDF keeps page numbers for citations", async () => {
    const m = await readMinutesFile(`${ROOT}/data/samples/taicang-2022-01.pdf`);
    expect(m.source.pageStarts!.length).toBeGreaterThan(5);
    const seven = m.items[6];
    const { pageOf } = await import("../../src/answer/citations.js");
    expect(pageOf(m, seven.start)).toBeGreaterThan(1);
  });

  it("an OFD keeps page numbers for citations", async () => {
    const m = await readMinutesFile(`${ROOT}/data/samples/taicang-2022-01.ofd`);
    expect(m.source.pageStarts).toHaveLength(8);
    const { pageOf } = await import("../../src/answer/citations.js");
    expect(pageOf(m, m.items[6].start)).toBeGreaterThan(1);
  });

  it("a fictional record saved as .doc parses into the same structure as its text", async () => {
    const text = await readMinutesFile(`${ROOT}/tests/fixtures/minutes/qinghe-office-2023-07.txt`);
    const doc = await readMinutesFile(`${ROOT}/tests/fixtures/formats/qinghe-office-2023-07.doc`);
    expect(doc.source.format).toBe("doc");
    expect(shape(doc)).toEqual(shape(text));
    expect(doc.meeting).toEqual(text.meeting);
    expect(doc.attendance).toEqual(text.attendance);
    expect(doc.items.map((i) => i.responsibleUnits)).toEqual(text.items.map((i) => i.responsibleUnits));
  });

  it("a .txt that is really a PDF is read as a PDF", async () => {
    const { copyFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const p = `${mkdtempSync(`${tmpdir()}/mq-`)}/disguised.txt`;
    copyFileSync(`${ROOT}/data/samples/taicang-2022-01.pdf`, p);
    expect((await readMinutesFile(p)).source.format).toBe("pdf");
  });
});

describe("readMinutesFile on the seed printed to PDF by Chromium", () => {
  it("parses like the text seed (same items, units, decisions)", async () => {
    const m = await readMinutesFile(`${ROOT}/tests/fixtures/records/taicang-2022-01-chromium.pdf`);
    expect(m.source.format).toBe("pdf");
    expect(shape(m)).toEqual(shape(seed));
    expect(m.meeting).toEqual(seed.meeting);
    expect(m.number).toBe(seed.number);
  });

  it("a text layer with radicals for ideographs («⼀、», «⼈⺠») parses like the seed", async () => {
    const m = await readMinutesFile(`${ROOT}/tests/fixtures/records/taicang-radicals.txt`);
    expect(shape(m)).toEqual(shape(seed));
    expect(m.meeting).toEqual(seed.meeting);
    expect(m.title).toBe(seed.title);
  });
});

describe("a news-style report in any container", () => {
  const facts = (m: typeof seed) => ({
    shape: m.shape,
    meeting: m.meeting,
    issuer: m.issuer,
    items: m.items.map((i) => [i.title, i.documents, i.decisions, i.responsibleUnits]),
  });

  it.each(["html", "pdf"])("saved from the portal as %s (with its page furniture) parses like its text", async (ext) => {
    const text = await readMinutesFile(`${ROOT}/tests/fixtures/records/qiyun-county-standing-2023-03.txt`);
    const page = await readMinutesFile(`${ROOT}/tests/fixtures/records/qiyun-county-standing-2023-03.portal.${ext}`);
    expect(page.source.format).toBe(ext);
    expect(facts(page)).toEqual(facts(text));
    // Its publication row is kept after the body, quotable; no furniture is in the body.
    expect(page.text.slice(0, bodyEnd(page))).not.toMatch(/ICP|浏览次数|首页/);
  });
});

describe("readMinutesFile on a PDF with an invisible OCR text layer", () => {
  it("parses the first page's meeting and first item as the text seed has them, with the OCR flag set", async () => {
    const m = await readMinutesFile(`${ROOT}/data/samples/taicang-2022-01-ocr-p1.pdf`);
    expect(m.source).toMatchObject({ format: "pdf", ocr: true });
    expect(m.meeting).toEqual(seed.meeting);
    expect(m.items[0]).toMatchObject({ label: seed.items[0].label, title: seed.items[0].title });
  });
});

describe.runIf(await hasTesseract())("readMinutesFile on a scanned page (OCR)", () => {
  it("parses the first page with the OCR flag set", async () => {
    const m = await readMinutesFile(`${ROOT}/data/samples/taicang-2022-01-scan-p1.png`);
    expect(m.source).toMatchObject({ format: "image", ocr: true });
    expect(m.meeting.date).toBe("2022-01-21");
    expect(m.meeting.chair).toBe("胡卫江");
    expect(m.items[0].label).toBe("一");
  });
});
