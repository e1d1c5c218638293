import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { MinutesQaError } from "../../src/errors.js";
import { parseMinutes } from "../../src/minutes/parse.js";
import { decodeText } from "../../src/minutes/readers/text.js";
import { SEED } from "../helpers/paths.js";

const seed = readFileSync(SEED, "utf8");
const reference = parseMinutes(seed, { path: SEED });

function utf16be(s: string): Buffer {
  const b = Buffer.from(s, "utf16le");
  b.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
}

describe("decodeText", () => {
  it.each([
    ["utf-8", Buffer.from(seed, "utf8")],
    ["utf-8-bom", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed, "utf8")])],
    ["gb18030", iconv.encode(seed, "gb18030")],
    ["utf-16le", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed, "utf16le")])],
    ["utf-16be", utf16be(seed)],
  ])("reads %s and the parse is the same", (encoding, bytes) => {
    const decoded = decodeText(bytes, "seed.txt");
    expect(decoded.encoding).toBe(encoding);
    const m = parseMinutes(decoded.text, { path: "seed.txt", encoding: decoded.encoding });
    expect(m.text).toBe(reference.text);
    expect(m.items.map((i) => i.title)).toEqual(reference.items.map((i) => i.title));
    expect(m.source.encoding).toBe(encoding);
  });

  it("reads GBK-only text (a GB2312 file) as gb18030", () => {
    const d = decodeText(iconv.encode("太仓市人民政府常务会议纪要", "gbk"), "gbk.txt");
    expect(d.text).toBe("太仓市人民政府常务会议纪要");
  });

  it.each([
    ["an empty file", Buffer.alloc(0), "file_empty"],
    ["a binary file", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]), "file_binary"],
  ])("rejects %s, naming the file", (_what, bytes, code) => {
    try {
      decodeText(bytes, "data/minutes/bad.txt");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(MinutesQaError);
      expect((err as MinutesQaError).code).toBe(code);
      expect((err as Error).message).toContain("data/minutes/bad.txt");
    }
  });
});

describe("parseMinutes reads what is not minutes as text, and refuses only what has no text", () => {
  it("a news article is plain text, not a meeting", () => {
    const news = readFileSync(new URL("../fixtures/minutes/news-article.txt", import.meta.url), "utf8");
    const m = parseMinutes(news, { path: "news.txt" });
    expect(m).toMatchObject({ reading: "text", shape: "text", items: [], attendance: null });
    expect(m.readingWhy[0]).toMatch(/^no meeting: /);
  });
  it("whitespace only", () => {
    expect(() => parseMinutes(" \n\n \r\n", { path: "blank.txt" })).toThrow(/blank\.txt: the file has no text/);
  });
  it("minutes without numbered items become one implicit item, not a crash", () => {
    const text =
      "某市人民政府专题会议纪要\n\n第5号\n\n2024年1月2日\n\n2024年1月1日上午，副市长王五主持召开专题会议，研究河道整治工作。纪要如下：\n\n会议认为，河道整治事关民生。\n\n会议要求，（一）要加快进度。（二）要保证质量。";
    const m = parseMinutes(text, { path: "topic.txt" });
    expect(m.items).toHaveLength(1);
    expect(m.items[0].title).toBe("河道整治工作");
    expect(m.items[0].sections.map((s) => s.kind)).toEqual(["opinion", "instruction"]);
    expect(m.meeting.chair).toBe("王五");
    expect(m.attendance).toBeNull();
    expect(m.visibility).toBe("internal");
  });
});

describe("decodeText on a copy cut off inside its last character", () => {
  it("reads the characters before the cut as UTF-8", () => {
    const bytes = Buffer.from("会议要求，各地要抓好落实", "utf8");
    const cut = bytes.subarray(0, bytes.length - 1);
    const decoded = decodeText(cut, "cut.txt");
    expect(decoded.encoding).toBe("utf-8");
    expect(decoded.text).toBe("会议要求，各地要抓好落");
  });
});
