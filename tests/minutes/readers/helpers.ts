import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { DocumentError } from "../../../src/errors.js";
import { buildZip, type ZipInput } from "../../helpers/zip-writer.js";

export const FIXTURES = fileURLToPath(new URL("../../fixtures/formats/", import.meta.url));
export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

/** The paragraphs the binary fixtures were made from (make-fixtures.mjs). */
export const seedParagraphs: string[] = JSON.parse(fixture("seed-paragraphs.json").toString("utf8"));

/** What page 1 of the fixture PDF shows (taicang-2022-01-p1.png is its 150 dpi rendering): the seed up to «集中力量、». */
export const SEED_FIRST_PAGE = ((all: string) => all.slice(0, all.indexOf("集中力量、") + "集中力量、".length))(seedParagraphs.join("\n"));

export const HEADINGS = ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、"];

/** Asserts that each needle occurs in `text`, in this order; returns their offsets. */
export function expectInOrder(text: string, needles: string[]): number[] {
  const at: number[] = [];
  let from = 0;
  for (const n of needles) {
    const i = text.indexOf(n, from);
    expect(i, `«${n}» after offset ${from}`).toBeGreaterThanOrEqual(0);
    at.push(i);
    from = i + n.length;
  }
  return at;
}

/** The nine item headings as paragraph starts («一、传达学习…» … «九、审议…»), then the key phrases. */
export function expectSeedContent(text: string): void {
  const lines = text.split(/[\n\f]/);
  const headingLines = lines.filter((l) => /^[一二三四五六七八九十]+、/.test(l)).map((l) => l.slice(0, 2));
  expect(headingLines).toEqual(HEADINGS);
  const headingText = seedParagraphs.filter((p) => /^[一二三四五六七八九]、/.test(p)).map((p) => p.slice(0, 8));
  expectInOrder(
    text.replace(/[ \f\n]/g, ""),
    headingText.map((h) => h.replace(/ /g, "")),
  );
  expectInOrder(text, ["会议强调", "原则同意", "市交运局"]);
  expect(text).toContain("原则同意");
  expect(text).toContain("市交运局");
}

/** Awaits a rejection with a DocumentError of the given code whose subject is the path. */
export async function expectDocError(p: Promise<unknown>, code: string, path: string, message?: RegExp): Promise<DocumentError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, "expected a rejection").toBeInstanceOf(DocumentError);
  const de = err as DocumentError;
  expect(de.code).toBe(code);
  expect(de.subject).toBe(path);
  if (message) expect(de.message).toMatch(message);
  return de;
}

export const squash = (s: string): string => s.replace(/\s+/g, "");

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}

/** 1 − edit distance / reference length, whitespace ignored. */
export function charAccuracy(hyp: string, ref: string): number {
  const r = squash(ref);
  return 1 - editDistance(squash(hyp), r) / [...r].length;
}

// ---------------------------------------------------------------- ZIP / DOCX

export { buildZip, type ZipInput } from "../../helpers/zip-writer.js";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
export const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
export const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A document.xml body from paragraphs given as inner XML of <w:p>. */
export const documentXml = (paras: string[]): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${paras.map((p) => `<w:p>${p}</w:p>`).join("")}<w:sectPr/></w:body></w:document>`;
export const run = (t: string): string => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
export const numbered = (numId: number, ilvl: number, t: string): string =>
  `<w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${run(t)}`;
export const numberingXml = (levels: { fmt: string; text: string }[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0">${levels
    .map((l, i) => `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${l.fmt}"/><w:lvlText w:val="${l.text}"/><w:suff w:val="nothing"/></w:lvl>`)
    .join("")}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;

export function buildDocx(documentXmlText: string, extra: ZipInput[] = []): Buffer {
  return buildZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "_rels/.rels", data: ROOT_RELS },
    { name: "word/document.xml", data: documentXmlText },
    ...extra,
  ]);
}

// ---------------------------------------------------------------- PDF

/** Assembles PDF objects (bodies without «n 0 obj») into a file with a correct xref table. */
export function buildPdf(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, "latin1"),
      typeof body === "string" ? Buffer.from(body, "latin1") : body,
      Buffer.from("\nendobj\n", "latin1"),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}

const stream = (dict: string, data: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, "latin1"), data, Buffer.from("\nendstream", "latin1")]);

/**
 * An image-only ("scanned") one-page PDF from an 8-bit grayscale PNG: the PNG's
 * IDAT stream is valid FlateDecode data with PNG predictors, so no decoding needed.
 */
export function scannedPdfFromPng(png: Buffer, dpi = 150): Buffer {
  const w = png.readUInt32BE(16);
  const h = png.readUInt32BE(20);
  if (png[24] !== 8 || png[25] !== 0 || png[28] !== 0) throw new Error("expected a non-interlaced 8-bit grayscale PNG");
  const idat: Buffer[] = [];
  for (let p = 8; p < png.length; ) {
    const len = png.readUInt32BE(p);
    if (png.toString("latin1", p + 4, p + 8) === "IDAT") idat.push(png.subarray(p + 8, p + 8 + len));
    p += 12 + len;
  }
  const [pw, ph] = [(w * 72) / dpi, (h * 72) / dpi].map((v) => v.toFixed(2));
  return buildPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pw} ${ph}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`,
    stream(
      `/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns ${w} >>`,
      Buffer.concat(idat),
    ),
    stream("", Buffer.from(`q ${pw} 0 0 ${ph} 0 0 cm /Im0 Do Q`, "latin1")),
  ]);
}

/**
 * A text PDF with a non-embedded Chinese font (STSong-Light, UniGB-UCS2-H: needs
 * pdf.js's CMaps). Each page is a list of [x, y, size, text] in PDF points (y up);
 * `renderMode` 3 draws the text invisibly, as OCR tools do over a scan.
 */
export function chinesePdf(pages: [number, number, number, string][][], opts: { renderMode?: number } = {}): Buffer {
  const hex = (s: string) => Buffer.from(s, "utf16le").swap16().toString("hex").toUpperCase();
  const objs: (string | Buffer)[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "", // pages, filled below
    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 >>",
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
  ];
  const kids: string[] = [];
  for (const lines of pages) {
    const tr = opts.renderMode === undefined ? "" : `${opts.renderMode} Tr `;
    const content = lines.map(([x, y, size, t]) => `BT ${tr}/F1 ${size} Tf ${x} ${y} Td <${hex(t)}> Tj ET`).join("\n");
    objs.push(stream("", Buffer.from(content, "latin1")));
    const contentId = objs.length;
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`);
    kids.push(`${objs.length} 0 R`);
  }
  objs[1] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${pages.length} >>`;
  return buildPdf(objs);
}

/** A PDF of `n` empty pages. */
export function emptyPagesPdf(n: number): Buffer {
  const kids = Array.from({ length: n }, (_, i) => `${i + 3} 0 R`).join(" ");
  return buildPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`,
    ...Array.from({ length: n }, () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
  ]);
}
