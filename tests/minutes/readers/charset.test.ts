import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { byteOrderMark, charsetKnown, decodeBytes } from "../../../src/minutes/readers/charset.js";

const TEXT = "会议要求，各地要抓好落实（一）";

describe("byteOrderMark", () => {
  it("names UTF-8, UTF-16LE and UTF-16BE marks with their length, nothing otherwise", () => {
    expect(byteOrderMark(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: "utf-8", length: 3 });
    expect(byteOrderMark(Buffer.from([0xff, 0xfe, 0x41, 0]))).toEqual({ encoding: "utf-16le", length: 2 });
    expect(byteOrderMark(Buffer.from([0xfe, 0xff, 0, 0x41]))).toEqual({ encoding: "utf-16be", length: 2 });
    expect(byteOrderMark(Buffer.from("会议", "utf8"))).toBeUndefined();
    expect(byteOrderMark(Buffer.alloc(0))).toBeUndefined();
  });
});

describe("decodeBytes", () => {
  it.each(["utf-8", "utf-16le", "utf-16be", "gb18030", "gbk", "big5"])("decodes %s", (enc) => {
    const text = enc === "big5" ? "會議要求" : TEXT;
    expect(decodeBytes(iconv.encode(text, enc), enc)).toBe(text);
  });

  it("decodes a label in any case, as pages declare it", () => {
    expect(decodeBytes(iconv.encode(TEXT, "gb2312"), "GB2312")).toBe(TEXT);
  });

  it("keeps a second byte-order mark: the caller strips the first", () => {
    expect(decodeBytes(Buffer.from("\ufeff会议", "utf8"), "utf-8")).toBe("\ufeff会议");
  });

  it("fatal: refuses invalid UTF-8 that the lenient path decodes to U+FFFD", () => {
    const gbk = iconv.encode(TEXT, "gbk");
    expect(decodeBytes(gbk, "utf-8")).toContain("\ufffd");
    expect(() => decodeBytes(gbk, "utf-8", { fatal: true })).toThrow(TypeError);
    expect(decodeBytes(Buffer.from(TEXT, "utf8"), "utf-8", { fatal: true })).toBe(TEXT);
  });

  it("cutEnd: a copy cut inside its last character decodes to the characters before it, even when fatal", () => {
    const bytes = Buffer.from(TEXT, "utf8");
    const cut = bytes.subarray(0, bytes.length - 2);
    expect(decodeBytes(cut, "utf-8", { fatal: true, cutEnd: true })).toBe(TEXT.slice(0, -1));
    expect(() => decodeBytes(cut, "utf-8", { fatal: true })).toThrow(TypeError);
  });

  it("fatal has no strict decoder for GB18030: it says so rather than decoding leniently", () => {
    expect(() => decodeBytes(iconv.encode(TEXT, "gb18030"), "gb18030", { fatal: true })).toThrow(RangeError);
  });

  it("charsetKnown: iconv-lite's labels, not made-up ones", () => {
    expect(charsetKnown("gb2312")).toBe(true);
    expect(charsetKnown("windows-1252")).toBe(true);
    expect(charsetKnown("x-no-such-charset")).toBe(false);
  });
});
