import { describe, expect, it } from "vitest";
import { readPdf } from "../../../src/minutes/readers/pdf.js";
import { hasTesseract } from "../../../src/minutes/readers/ocr.js";
import { isPageNumber, linesToParagraphs, stripHeadersFooters, type Line, type PageLayout } from "../../../src/minutes/readers/layout.js";
import {
  charAccuracy,
  chinesePdf,
  emptyPagesPdf,
  expectDocError,
  expectSeedContent,
  fixture,
  scannedPdfFromPng,
  SEED_FIRST_PAGE,
  seedParagraphs,
  squash,
} from "./helpers.js";

const PATH = "tests/fixtures/formats/taicang-2022-01.pdf";
const ocrAvailable = await hasTesseract();

describe("readPdf on the LibreOffice rendering of the seed", async () => {
  const result = await readPdf(fixture("taicang-2022-01.pdf"), PATH);
  const { text } = result;

  it("reports the format and no OCR", () => {
    expect(result).toMatchObject({ format: "pdf", encoding: "utf-8", ocr: false });
  });

  it("separates the 9 pages with form feeds", () => {
    expect(text.split("\f")).toHaveLength(9);
  });

  it("has the seed's key content in order, with the numbered item headings", () => {
    expectSeedContent(text);
  });

  it("drops the running header and the «— N —» page numbers", () => {
    expect(text).not.toMatch(/—\s*\d+\s*—/);
    expect(text).not.toContain("太仓市人民政府常务会议纪要"); // the header; the title itself reads «太仓市人民政府 常务会议纪要»
    expect(text.startsWith("太仓市人民政府 常务会议纪要\n第 1 号\n")).toBe(true);
    // Nothing else is lost or added: without whitespace the text is the seed.
    expect(squash(text)).toBe(squash(seedParagraphs.join("")));
  });

  it("rebuilds the seed's paragraphs, a paragraph running over a page break being split at the \\f", () => {
    const pages = text.split("\f").map((p) => p.split("\n"));
    const paras: { text: string; pageEnd: boolean }[] = [];
    pages.forEach((ps) => ps.forEach((p, i) => paras.push({ text: squash(p), pageEnd: i === ps.length - 1 })));
    let k = 0;
    for (const seed of seedParagraphs.map(squash)) {
      if (paras[k]?.text === seed) k++;
      else if (paras[k]?.pageEnd && paras[k].text + paras[k + 1]?.text === seed) k += 2;
      else expect.fail(`paragraph ${k} «${paras[k]?.text.slice(0, 20)}» does not match the seed's «${seed.slice(0, 20)}»`);
    }
    expect(k).toBe(paras.length);
  });
});

describe("page layout", () => {
  it("recognises page numbers", () => {
    for (const s of ["— 2 —", "- 3 -", "第2页", "第 2 页 共 9 页", "2/9", "Page 2 of 9", "3", "－ 12 －"]) expect(isPageNumber(s), s).toBe(true);
    for (const s of ["第2号", "2022年1月24日", "一、审议", "出席：吴敬宇", "(三)"]) expect(isPageNumber(s), s).toBe(false);
  });

  const line = (text: string, y: number, x0 = 80, x1 = 520): Line => ({ text, x0, x1, y, size: 16 });
  it("removes repeated headers at the same height and keeps body text that merely repeats", () => {
    const pages: PageLayout[] = [1, 2, 3].map((n) => ({
      width: 595,
      height: 842,
      lines: [
        line("某某市人民政府办公室文件", 60, 200, 400),
        line(`正文第${n}页的内容，这里是第一行文字并且写满整行内容文字。`, 120),
        line("会议强调", 400, 112, 180),
        line(`第${n}页`, 800, 280, 320),
      ],
    }));
    const out = stripHeadersFooters(pages);
    for (const p of out) expect(p.lines.map((l) => l.text)).not.toContain("某某市人民政府办公室文件");
    expect(out.flatMap((p) => p.lines.map((l) => l.text)).filter((t) => /^第\d页$/.test(t))).toEqual([]);
    expect(out.flatMap((p) => p.lines.map((l) => l.text)).filter((t) => t === "会议强调")).toHaveLength(3);
  });

  it("joins wrapped lines and breaks at indents, short lines and size changes", () => {
    const paras = linesToParagraphs([
      line("标题", 40, 250, 300),
      line("第一段第一行写满", 80, 112, 520),
      line("第一段第二行", 110, 80, 300),
      line("第二段第一行写满", 140, 112, 520),
      line("English words at the", 170, 80, 520),
      line("end of a line", 200, 80, 300),
    ]);
    expect(paras).toEqual(["标题", "第一段第一行写满第一段第二行", "第二段第一行写满English words at the end of a line"]);
  });

  it("reads a PDF with a non-embedded Chinese font through the CMaps and drops «- N -» and «第N页» footers", async () => {
    const body = "会议强调，要加强组织领导，压实工作责任，确保各项任务落实到位。";
    const pdf = chinesePdf(
      [1, 2, 3].map((n) => [
        [200, 800, 10.5, "某某市人民政府常务会议纪要"],
        [80, 700, 16, body.slice(0, 28)],
        [80, 671, 16, body.slice(28)],
        [280, 40, 14, n % 2 ? `- ${n} -` : `第${n}页`],
      ]),
    );
    const r = await readPdf(pdf, "cmap.pdf");
    expect(r.text.split("\f")).toEqual([body, body, body]);
  });
});

describe("readPdf on bad input", () => {
  it("rejects an empty file", async () => {
    await expectDocError(readPdf(Buffer.alloc(0), "empty.pdf"), "file_empty", "empty.pdf");
  });

  it("rejects a file over maxBytes before parsing", async () => {
    await expectDocError(readPdf(fixture("taicang-2022-01.pdf"), "big.pdf", { maxBytes: 1000 }), "file_too_large", "big.pdf", /over the 1000 bytes limit/);
  });

  it("rejects a file that is not a PDF", async () => {
    await expectDocError(readPdf(Buffer.from("hello, not a pdf"), "x.pdf"), "format_invalid", "x.pdf", /no %PDF header/);
  });

  it("rejects a corrupt PDF as format_invalid", async () => {
    const junk = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251))]);
    await expectDocError(readPdf(junk, "corrupt.pdf"), "format_invalid", "corrupt.pdf");
  });

  it("rejects a truncated PDF without hanging", async () => {
    const full = fixture("taicang-2022-01.pdf");
    const r = await readPdf(full.subarray(0, 2000), "truncated.pdf").catch((e: unknown) => e);
    expect(r).toMatchObject({ code: "format_invalid", subject: "truncated.pdf" });
  });

  it("rejects PDFs over maxPages", async () => {
    const de = await expectDocError(readPdf(emptyPagesPdf(6), "pages.pdf", { maxPages: 5 }), "file_too_large", "pages.pdf", /6 pages, over the 5-page limit/);
    expect(de.details).toMatchObject({ pages: 6, maxPages: 5 });
  });

  it("stops at timeoutMs", async () => {
    const de = await expectDocError(readPdf(fixture("taicang-2022-01.pdf"), "slow.pdf", { timeoutMs: 5 }), "file_timeout", "slow.pdf", /within 5 ms/);
    expect(de.details).toMatchObject({ reason: "timeout" });
  });

  it("rejects a PDF with no text at all", async () => {
    await expectDocError(readPdf(emptyPagesPdf(2), "blank.pdf"), "format_invalid", "blank.pdf", /contains no text/);
  });
});

describe("readPdf on a PDF with an invisible OCR text layer (text render mode 3)", () => {
  it("reads tesseract's PDF of the scanned first page as OCR, repaired, without running OCR again", async () => {
    const saved = process.env.PATH;
    process.env.PATH = "/nonexistent-for-this-test"; // the layer is read as it is: no tesseract needed
    let r: Awaited<ReturnType<typeof readPdf>>;
    try {
      r = await readPdf(fixture("taicang-2022-01-ocr-p1.pdf"), "ocr-layer.pdf");
    } finally {
      process.env.PATH = saved;
    }
    expect(r).toMatchObject({ format: "pdf", ocr: true });
    expect(r.text).toMatch(/^太仓市人民政府\s?常务会议纪要\n/);
    expect(r.text).toContain("\n一、传达学习");
    expect(r.text).not.toMatch(/\p{Script=Han} +\p{Script=Han}/u); // OCR's word spaces are gone
    expect(r.text).not.toMatch(/\p{Script=Han}[,:;]/u);
    const acc = charAccuracy(r.text, SEED_FIRST_PAGE);
    console.log(`invisible OCR layer (tesseract psm 4 over the 150 dpi page): character accuracy ${(acc * 100).toFixed(2)} %`);
    expect(acc).toBeGreaterThan(0.97);
  });

  it("marks invisible text as OCR and repairs it, and leaves visible text alone", async () => {
    const lines: [number, number, number, string][] = [
      [72, 700, 12, "会议 纪要 如下:"],
      [96, 680, 12, "会议 强调, 要 抓好 落实"],
    ];
    const hidden = await readPdf(chinesePdf([lines], { renderMode: 3 }), "hidden.pdf");
    expect(hidden).toMatchObject({ ocr: true, text: "会议纪要如下：\n会议强调，要抓好落实" });
    const shown = await readPdf(chinesePdf([lines], { renderMode: 0 }), "shown.pdf");
    expect(shown.ocr).toBe(false);
    expect(shown.text).toContain("会议 纪要 如下:");
  });
});

describe.runIf(ocrAvailable)("readPdf on a scanned PDF (tesseract)", () => {
  it("OCRs pages without a text layer", async () => {
    const pdf = scannedPdfFromPng(fixture("taicang-2022-01-p1.png"));
    const r = await readPdf(pdf, "scan.pdf");
    expect(r).toMatchObject({ format: "pdf", ocr: true });
    expect(r.text).toMatch(/^太仓市人民政府\s?常务会议纪要/);
    expect(r.text).toContain("\n一、传达学习");
    expect(r.text).toContain("会议强调");
    expect(r.text).not.toMatch(/[—一-]\s*1\s*[—一-]\s*$/); // the page number footer
    const page1 = (await readPdf(fixture("taicang-2022-01.pdf"), PATH)).text.split("\f")[0];
    const acc = charAccuracy(r.text, page1);
    console.log(`scanned PDF (150 dpi page rendered at 150 dpi): character accuracy ${(acc * 100).toFixed(2)} %`);
    expect(acc).toBeGreaterThan(0.95);
  }, 120_000);
});

describe("readPdf on a scanned PDF without tesseract", () => {
  it("says which packages to install", async () => {
    const pdf = scannedPdfFromPng(fixture("taicang-2022-01-p1.png"));
    const saved = process.env.PATH;
    process.env.PATH = "/nonexistent-for-this-test";
    try {
      await expectDocError(readPdf(pdf, "scan.pdf"), "ocr_engine_missing", "scan.pdf", /apt-get install tesseract-ocr tesseract-ocr-chi-sim/);
    } finally {
      process.env.PATH = saved;
    }
  });
});
