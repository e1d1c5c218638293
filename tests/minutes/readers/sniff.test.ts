import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { DocumentError } from "../../../src/errors.js";
import { readers, sniffFormat } from "../../../src/minutes/readers/index.js";
import { buildZip, fixture } from "./helpers.js";

const pdf = fixture("taicang-2022-01.pdf");
const docx = fixture("taicang-2022-01.docx");
const html = fixture("taicang-2022-01.html");
const png = fixture("taicang-2022-01-p1.png");
const seed = readFileSync(new URL("../../../data/minutes/taicang-2022-01.txt", import.meta.url));

function sniffError(bytes: Buffer, path: string): DocumentError {
  try {
    sniffFormat(bytes, path);
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    expect((e as DocumentError).subject).toBe(path);
    return e as DocumentError;
  }
  return expect.fail(`sniffFormat(${path}) did not throw`);
}

describe("sniffFormat", () => {
  it("recognises each fixture by its content, whatever the extension", () => {
    for (const name of ["minutes", "minutes.txt", "minutes.bin", "minutes.doc"]) {
      expect(sniffFormat(pdf, `${name}`)).toBe("pdf");
      expect(sniffFormat(docx, `${name}`)).toBe("docx");
      expect(sniffFormat(html, `${name}`)).toBe("html");
      expect(sniffFormat(png, `${name}`)).toBe("image");
    }
    for (const name of ["minutes", "minutes.doc", "minutes.zip"]) {
      expect(sniffFormat(fixture("taicang-2022-01.doc"), name)).toBe("doc");
      expect(sniffFormat(fixture("taicang-2022-01.ofd"), name)).toBe("ofd");
    }
    expect(sniffFormat(pdf, "minutes.txt")).toBe("pdf"); // a .txt that is really a PDF
    expect(sniffFormat(html, "minutes.pdf")).toBe("html");
  });

  it("recognises JPEG, GIF, TIFF and WebP signatures, and HTML after a BOM, comments or an XML declaration", () => {
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), "scan")).toBe("image");
    expect(sniffFormat(Buffer.from("GIF89a......"), "scan")).toBe("image");
    expect(sniffFormat(Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]), "scan")).toBe("image");
    expect(sniffFormat(Buffer.from("RIFF\x10\0\0\0WEBPVP8 ", "latin1"), "scan")).toBe("image");
    expect(sniffFormat(Buffer.from("\ufeff<!-- saved -->\n<!DOCTYPE html><html>"), "page")).toBe("html");
    expect(sniffFormat(Buffer.from('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'), "page")).toBe("html");
    expect(sniffFormat(iconv.encode("<html><body>会议纪要</body></html>", "gbk"), "page.txt")).toBe("html");
    expect(sniffFormat(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<html><body>x", "utf16le")]), "u16")).toBe("html");
  });

  it("treats plain text (UTF-8, GBK, UTF-16) as text, and falls back to the extension", () => {
    expect(sniffFormat(seed, "taicang-2022-01.txt")).toBe("text");
    expect(sniffFormat(iconv.encode("会议纪要", "gbk"), "a.txt")).toBe("text");
    expect(sniffFormat(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("会议纪要", "utf16le")]), "u16.txt")).toBe("text");
    expect(sniffFormat(Buffer.from("会议强调 a < b"), "notes.md")).toBe("text");
    expect(sniffFormat(Buffer.alloc(0), "empty.pdf")).toBe("pdf");
    expect(sniffFormat(Buffer.alloc(0), "empty.txt")).toBe("text");
    expect(sniffFormat(Buffer.from("no magic here"), "x.docx")).toBe("docx");
  });

  it("names unsupported formats and unknown binary data", () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    for (const name of ["old.doc", "old.wps", "old", "old.txt"]) expect(sniffFormat(ole, name)).toBe("doc"); // the reader names an .xls
    expect(sniffFormat(Buffer.from("not sniffable"), "damaged.wps")).toBe("doc");
    expect(
      sniffError(
        buildZip([
          { name: "mimetype", data: "application/vnd.oasis.opendocument.text" },
          { name: "content.xml", data: "<x/>" },
        ]),
        "a.odt",
      ),
    ).toMatchObject({
      code: "format_unsupported",
      message: expect.stringMatching(/OpenDocument/),
    });
    expect(sniffError(buildZip([{ name: "xl/workbook.xml", data: "<x/>" }]), "a.xlsx").code).toBe("format_unsupported");
    expect(sniffError(Buffer.from("{\\rtf1\\ansi 会议}"), "a.rtf").code).toBe("format_unsupported");
    expect(sniffError(Buffer.from("{\\rtf1\\ansi 会议}"), "minutes.doc")).toMatchObject({
      code: "format_unsupported",
      message: expect.stringMatching(/^minutes\.doc: an RTF file \(saved with a \.doc extension\)/),
    });
    expect(sniffError(Buffer.from([1, 2, 3, 0, 0, 5, 6, 7]), "data.txt").code).toBe("file_binary");
    expect(sniffError(Buffer.from("PK\x03\x04 broken", "latin1"), "broken.zip").code).toBe("format_invalid");
    expect(sniffFormat(Buffer.from("PK\x03\x04 broken", "latin1"), "broken.docx")).toBe("docx"); // the reader reports the damage
    expect(sniffFormat(Buffer.from("PK\x03\x04 broken", "latin1"), "broken.ofd")).toBe("ofd");
  });

  it("has a reader for every non-text format", () => {
    expect(Object.keys(readers).sort()).toEqual(["doc", "docx", "html", "image", "ofd", "pdf"]);
  });
});
