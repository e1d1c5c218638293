import { describe, expect, it } from "vitest";
import { formatNumber, readDocx } from "../../../src/minutes/readers/docx.js";
import {
  buildDocx,
  buildZip,
  CONTENT_TYPES,
  documentXml,
  expectDocError,
  expectSeedContent,
  fixture,
  numbered,
  numberingXml,
  ROOT_RELS,
  run,
  seedParagraphs,
  squash,
} from "./helpers.js";

const PATH = "tests/fixtures/formats/taicang-2022-01.docx";

describe("readDocx on the LibreOffice export of the seed", async () => {
  const result = await readDocx(fixture("taicang-2022-01.docx"), PATH);

  it("reports the format", () => {
    expect(result).toMatchObject({ format: "docx", encoding: "utf-8", ocr: false });
  });

  it("has the seed's key content in order; the item headings are Word list numbers (taiwaneseCountingThousand, «%1、»)", () => {
    expectSeedContent(result.text);
  });

  it("gives exactly the seed's paragraphs, one per line; headers and footers are not part of the body", () => {
    expect(result.text.split("\n").map(squash)).toEqual(seedParagraphs.map(squash));
    expect(result.text).not.toContain("太仓市人民政府常务会议纪要");
    expect(result.text).not.toMatch(/—\s*\d*\s*—/);
  });
});

describe("DOCX structure", () => {
  it("writes out multi-level Chinese numbering and restarts sub-levels", async () => {
    const doc = documentXml([
      numbered(1, 0, "审议甲事项"),
      numbered(1, 1, "要加强领导"),
      numbered(1, 1, "要压实责任"),
      run("会议强调，各部门要落实。"),
      numbered(1, 0, "审议乙事项"),
      numbered(1, 1, "要统筹推进"),
      numbered(1, 2, "第一点"),
      `<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr>${run("不编号")}`,
    ]);
    const numbering = numberingXml([
      { fmt: "chineseCounting", text: "%1、" },
      { fmt: "chineseCounting", text: "（%2）" },
      { fmt: "decimal", text: "%3." },
    ]);
    const docx = buildDocx(doc, [{ name: "word/numbering.xml", data: numbering }]);
    const r = await readDocx(docx, "numbered.docx");
    expect(r.text.split("\n")).toEqual([
      "一、审议甲事项",
      "（一）要加强领导",
      "（二）要压实责任",
      "会议强调，各部门要落实。",
      "二、审议乙事项",
      "（一）要统筹推进",
      "1.第一点",
      "不编号",
    ]);
  });

  it("formats Word number formats", () => {
    expect([1, 9, 10, 11, 20, 21, 100, 101, 110].map((n) => formatNumber(n, "chineseCounting"))).toEqual([
      "一",
      "九",
      "十",
      "十一",
      "二十",
      "二十一",
      "一百",
      "一百零一",
      "一百一十",
    ]);
    expect(formatNumber(3, "upperRoman")).toBe("III");
    expect(formatNumber(28, "lowerLetter")).toBe("bb");
    expect(formatNumber(2, "decimalEnclosedCircle")).toBe("②");
    expect(formatNumber(12, "chineseLegalSimplified")).toBe("壹拾贰");
  });

  it("keeps tabs, breaks, hyperlinks and text boxes once; skips deleted, hidden and field-code text", async () => {
    const doc = documentXml([
      `${run("出席：")}<w:r><w:tab/></w:r>${run("张三")}<w:r><w:br/></w:r>${run("列席：李四")}`,
      `<w:hyperlink r:id="rId9" xmlns:r="r">${run("链接文字")}</w:hyperlink><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del><w:ins>${run("插入的")}</w:ins>`,
      `<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>${run("可见")}`,
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run("3")}<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
      `<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p>${run("文本框")}</w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>${run("文本框")}</w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>${run("正文")}`,
      `<w:r><w:t>&lt;规划&gt; &amp; “十四五”&#12289;</w:t></w:r>`,
    ]);
    const r = await readDocx(buildDocx(doc), "structure.docx");
    expect(r.text.split("\n")).toEqual(["出席：\t张三", "列席：李四", "链接文字插入的", "可见", "3", "文本框", "正文", "<规划> & “十四五”、"]);
  });
});

describe("readDocx reads by namespace, not by prefix", () => {
  it("takes w:val and w:numId only in WordprocessingML, whatever the prefix; other vocabularies' p, t and val are not Word's", async () => {
    const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const doc =
      `<?xml version="1.0" encoding="UTF-8"?><doc:document xmlns:doc="${W}" xmlns:x="urn:other" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><doc:body>` +
      `<doc:p><doc:pPr><doc:numPr><doc:ilvl doc:val="0"/><doc:numId x:val="1"/></doc:numPr></doc:pPr><doc:r><doc:t>不编号</doc:t></doc:r></doc:p>` +
      `<doc:p><doc:pPr><doc:numPr><doc:ilvl doc:val="0"/><doc:numId doc:val="1"/></doc:numPr></doc:pPr><doc:r><doc:t>编号</doc:t></doc:r></doc:p>` +
      `<doc:p><doc:r><x:t>别的词汇</x:t><doc:t>正文</doc:t></doc:r></doc:p>` +
      `</doc:body></doc:document>`;
    const r = await readDocx(buildDocx(doc, [{ name: "word/numbering.xml", data: numberingXml([{ fmt: "chineseCounting", text: "%1、" }]) }]), "ns.docx");
    expect(r.text.split("\n")).toEqual(["不编号", "一、编号", "正文"]);
  });
});

describe("readDocx on bad input", () => {
  it("rejects an empty file", async () => {
    await expectDocError(readDocx(Buffer.alloc(0), "empty.docx"), "file_empty", "empty.docx");
  });

  it("rejects a file over maxBytes before parsing", async () => {
    await expectDocError(readDocx(fixture("taicang-2022-01.docx"), "big.docx", { maxBytes: 1024 }), "file_too_large", "big.docx");
  });

  it("rejects a file that is not a ZIP", async () => {
    await expectDocError(readDocx(Buffer.from("just text pretending to be a docx"), "x.docx"), "format_invalid", "x.docx", /no ZIP signature/);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    await expectDocError(readDocx(ole, "old.docx"), "format_invalid", "old.docx");
  });

  it("rejects a ZIP without word/document.xml", async () => {
    const zip = buildZip([{ name: "readme.txt", data: "hello" }]);
    await expectDocError(readDocx(zip, "other.docx"), "format_invalid", "other.docx", /no word\/document\.xml/);
  });

  it("rejects a truncated archive", async () => {
    const full = fixture("taicang-2022-01.docx");
    await expectDocError(readDocx(full.subarray(0, full.length - 200), "cut.docx"), "format_invalid", "cut.docx");
  });

  it("rejects malformed XML as format_invalid", async () => {
    for (const bad of [
      documentXml([run("会议强调")]).replace("</w:body>", ""), // unclosed
      documentXml([run("a & b")]), // bare ampersand
      documentXml([run("x")]).replace("<w:body>", '<!DOCTYPE w [<!ENTITY a "aaaa">]><w:body>'), // DTD: no entity expansion
      "<w:document><w:body><w:p></w:r></w:p></w:body></w:document>",
      "",
    ]) {
      await expectDocError(readDocx(buildDocx(bad), "bad-xml.docx"), "format_invalid", "bad-xml.docx", /malformed XML in word\/document\.xml/);
    }
  });

  it("refuses a zip bomb from the central directory's sizes, before inflating", async () => {
    // A tiny archive whose document.xml claims to expand to 3 GB.
    const lying = buildZip([
      { name: "[Content_Types].xml", data: CONTENT_TYPES },
      { name: "_rels/.rels", data: ROOT_RELS },
      { name: "word/document.xml", data: documentXml([run("x")]), declaredSize: 3_000_000_000 },
    ]);
    expect(lying.length).toBeLessThan(5000);
    const t0 = Date.now();
    const de = await expectDocError(readDocx(lying, "bomb.docx"), "file_too_large", "bomb.docx", /zip bomb/);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(de.details.declared).toBeGreaterThanOrEqual(3_000_000_000);
  });

  it("stops inflating an entry that expands beyond its declared size", async () => {
    // 20 MB of «<w:p/>» deflates to ~20 KB; the central directory claims 1 KB.
    const huge = `<w:document xmlns:w="w"><w:body>${"<w:p/>".repeat(3_500_000)}</w:body></w:document>`;
    const zip = buildZip([
      { name: "[Content_Types].xml", data: CONTENT_TYPES },
      { name: "_rels/.rels", data: ROOT_RELS },
      { name: "word/document.xml", data: huge, declaredSize: 1024 },
    ]);
    expect(zip.length).toBeLessThan(100_000);
    await expectDocError(readDocx(zip, "liar.docx"), "file_too_large", "liar.docx", /inflates beyond its declared 1024 bytes/);
  });

  it("refuses a part larger than maxBytes", async () => {
    const big = documentXml([run("会".repeat(200_000))]);
    await expectDocError(readDocx(buildDocx(big), "part.docx", { maxBytes: 100_000 }), "file_too_large", "part.docx", /would expand/);
  });

  it("rejects encrypted entries and unknown compression methods as unsupported", async () => {
    const zip = buildDocx(documentXml([run("x")]));
    // Set the «encrypted» flag on the document.xml central directory entry.
    const cd = zip.lastIndexOf(Buffer.from("word/document.xml")) - 46;
    const enc = Buffer.from(zip);
    enc.writeUInt16LE(enc.readUInt16LE(cd + 8) | 1, cd + 8);
    await expectDocError(readDocx(enc, "enc.docx"), "format_unsupported", "enc.docx", /encrypted/);
  });
});
