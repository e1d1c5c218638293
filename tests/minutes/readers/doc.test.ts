import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fibFlags, readDoc } from "../../../src/minutes/readers/doc.js";
import { MINUTES_FIXTURES } from "../../helpers/paths.js";
import { expectDocError, expectSeedContent, fixture, seedParagraphs } from "./helpers.js";

const PATH = "tests/fixtures/formats/taicang-2022-01.doc";
const doc = fixture("taicang-2022-01.doc");

/** The fixture with FIB flag bits set (0x0100 fEncrypted, 0x8000 fObfuscated). */
function withFibFlags(bits: number): Buffer {
  const b = Buffer.from(doc);
  for (let p = 512; p < b.length; p += 512) {
    if (b.readUInt16LE(p) === 0xa5ec) {
      b.writeUInt16LE(b.readUInt16LE(p + 10) | bits, p + 10);
      return b;
    }
  }
  throw new Error("no FIB in the fixture");
}

describe("readDoc (word-extractor) on LibreOffice's Word 97–2003 files", () => {
  it("reads the seed paragraph by paragraph, keeping “ ” and full-width punctuation", async () => {
    const r = await readDoc(doc, PATH);
    expect(r).toMatchObject({ format: "doc", encoding: "utf-8", ocr: false });
    expect(r.text.split("\n")).toEqual(seedParagraphs);
    expectSeedContent(r.text);
    expect(r.text).toContain("《太仓市新型智慧城市“十四五”规划》");
  });

  it("reads a fictional record as its text", async () => {
    const r = await readDoc(fixture("qinghe-office-2023-07.doc"), "qinghe.doc");
    const lines = readFileSync(`${MINUTES_FIXTURES}/qinghe-office-2023-07.txt`, "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    expect(r.text.split("\n")).toEqual(lines);
  });

  it("reads a .wps (the same compound file) the same way", async () => {
    expect((await readDoc(doc, "minutes.wps")).text).toBe((await readDoc(doc, PATH)).text);
  });

  it("finds the FIB flags in the WordDocument stream", () => {
    expect(fibFlags(doc)! & 0x0100).toBe(0);
    expect(fibFlags(withFibFlags(0x0100))! & 0x0100).toBe(0x0100);
    expect(fibFlags(Buffer.alloc(4096))).toBeUndefined();
  });
});

describe("readDoc on bad input: one-line errors naming the file", () => {
  const oneLine = (e: Error) => expect(e.message).not.toMatch(/\n/);

  it("rejects an empty file and one that is not a compound file", async () => {
    oneLine(await expectDocError(readDoc(Buffer.alloc(0), "empty.doc"), "file_empty", "empty.doc"));
    oneLine(await expectDocError(readDoc(Buffer.from("plain words"), "x.doc"), "format_invalid", "x.doc", /no compound-file signature/));
  });

  it("refuses password-protected and obfuscated files", async () => {
    oneLine(
      await expectDocError(readDoc(withFibFlags(0x0100), "secret.doc"), "format_unsupported", "secret.doc", /secret\.doc: the Word file is password-protected/),
    );
    await expectDocError(readDoc(withFibFlags(0x8000), "xor.doc"), "format_unsupported", "xor.doc", /password-protected/);
  });

  it("rejects truncated files as damaged", async () => {
    for (const n of [doc.length >> 1, 3000]) {
      oneLine(await expectDocError(readDoc(doc.subarray(0, n), "cut.doc"), "format_invalid", "cut.doc", /cut\.doc: a damaged or truncated Word 97–2003 file/));
    }
  });

  it("names a compound file without a Word document (Excel, PowerPoint)", async () => {
    const name = Buffer.from("WordDocument", "utf16le");
    const b = Buffer.from(doc);
    b.write("Workbook\0\0\0\0", b.indexOf(name), "utf16le");
    b.writeUInt16LE(0, b.indexOf(Buffer.from([0xec, 0xa5, 0x01, 0x01]))); // no FIB either
    oneLine(
      await expectDocError(readDoc(b, "sheet.xls.doc"), "format_unsupported", "sheet.xls.doc", /^sheet\.xls\.doc: an Excel workbook, not a Word document/),
    );
  });
});
