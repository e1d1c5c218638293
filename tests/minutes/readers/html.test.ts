import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeHtml, readHtml } from "../../../src/minutes/readers/html.js";
import { expectDocError, expectSeedContent, fixture, seedParagraphs, squash } from "./helpers.js";

const PATH = "tests/fixtures/formats/taicang-2022-01.html";
const page = fixture("taicang-2022-01.html");

/** Text of the page chrome that must not reach the body. */
const CHROME = [
  "欢迎访问",
  "无障碍",
  "长者模式",
  "请输入关键字",
  "首页",
  "政务公开",
  "走进太仓",
  "当前位置",
  "信息公开目录",
  "信息索引号",
  "014163011/2022-00012",
  "发布机构",
  "主题分类",
  "浏览次数",
  "字号",
  "分享到",
  "打印本页",
  "关闭窗口",
  "扫一扫",
  "相关文章",
  "2021年第24号",
  "网站地图",
  "主办单位",
  "承办单位",
  "ICP备",
  "公网安备",
  "网站标识码",
  "document.write",
  "不应出现在正文中",
  "hm.js",
  "font-family",
];

describe("readHtml on a saved 政府信息公开 page (GBK, meta charset gb2312)", async () => {
  const r = await readHtml(page, PATH);

  it("decodes GBK and reports it", () => {
    expect(r).toMatchObject({ format: "html", encoding: "gbk", ocr: false });
  });

  it("finds the article title and the 发布日期 of the 信息公开 table", () => {
    expect(r.title).toBe("太仓市人民政府常务会议纪要（2022年第1号）");
    expect(r.publishedOn).toBe("2022-02-10");
  });

  it("has the seed's key content in order", () => {
    expectSeedContent(r.text);
  });

  it("is exactly the article body: the seed's paragraphs, entities decoded, indents trimmed", () => {
    expect(r.text.split("\n")).toEqual(seedParagraphs);
    expect(r.text).toContain("《太仓市新型智慧城市“十四五”规划》");
    expect(r.text).not.toMatch(/&[a-z]+;|\u00a0|\u3000/);
  });

  it("drops navigation, breadcrumb, metadata table, share/print tools, related links, footer, scripts and styles", () => {
    for (const s of CHROME) expect(r.text, s).not.toContain(s);
  });
});

describe("HTML decoding and layouts", () => {
  it("reads the same page re-saved as UTF-8 that still declares gb2312", async () => {
    const utf8 = Buffer.from(iconv.decode(page, "gbk"), "utf8");
    const r = await readHtml(utf8, "utf8.html");
    expect(r.encoding).toBe("utf-8");
    expect(r.text.split("\n")).toEqual(seedParagraphs);
  });

  it("decodes a GBK page without any charset declaration", () => {
    const gbk = iconv.encode("<html><body><p>会议强调，要加强领导。</p></body></html>", "gbk");
    expect(decodeHtml(gbk)).toEqual({ text: "<html><body><p>会议强调，要加强领导。</p></body></html>", encoding: "gb18030" });
  });

  it("handles a simple article page: ArticleTitle meta, 发布时间 in Chinese date form, <br> paragraphs", async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="ArticleTitle" content="某市人民政府常务会议纪要（第3号）">
      <title>某市人民政府常务会议纪要（第3号）- 某市人民政府</title></head><body>
      <div id="nav"><a href="/">首页</a> <a href="/xxgk">信息公开</a></div>
      <div class="detail"><div class="info">发布时间：2023年3月5日 来源：市政府办</div>
      <div class="TRS_Editor">
        一、审议《某某规划》<br>会议原则同意该《规划》，会后由市交运局根据会议讨论情况修改完善，
        按程序印发。<br/>会议强调，要加强组织领导。<br>
        二、其他事项<br>会议强调，要压实工作责任。
      </div></div>
      <div class="footer">版权所有：某市人民政府</div></body></html>`;
    const r = await readHtml(Buffer.from(html), "simple.html");
    expect(r.title).toBe("某市人民政府常务会议纪要（第3号）");
    expect(r.publishedOn).toBe("2023-03-05");
    expect(r.text.split("\n")).toEqual([
      "某市人民政府常务会议纪要（第3号）", // the title, since the body has none
      "一、审议《某某规划》",
      "会议原则同意该《规划》，会后由市交运局根据会议讨论情况修改完善，按程序印发。",
      "会议强调，要加强组织领导。",
      "二、其他事项",
      "会议强调，要压实工作责任。",
    ]);
  });

  it("takes the title from <title> when nothing better exists, and keeps table rows as tab-separated lines", async () => {
    const html = `<html><head><title>会议纪要 | 某县人民政府</title></head><body><div class="content">
      <p>出席会议人员名单如下，请各单位知悉并抓好落实工作。</p>
      <table><tr><td>出席</td><td>张三、李四</td></tr><tr><td>列席</td><td>市交运局王五</td></tr></table>
      <p>会议强调，要加强协作，确保各项工作按时完成。</p></div></body></html>`;
    const r = await readHtml(Buffer.from(html), "table.html");
    expect(r.title).toBe("会议纪要");
    expect(r.publishedOn).toBeUndefined();
    expect(r.text).toContain("出席\t张三、李四\n列席\t市交运局王五");
  });
});

describe("readHtml on bad input", () => {
  it("rejects an empty file", async () => {
    await expectDocError(readHtml(Buffer.alloc(0), "empty.html"), "file_empty", "empty.html");
  });

  it("rejects a file over maxBytes", async () => {
    await expectDocError(readHtml(page, "big.html", { maxBytes: 4096 }), "file_too_large", "big.html");
  });

  it("rejects binary data and pages without tags or text", async () => {
    await expectDocError(readHtml(Buffer.from([0x3c, 0x68, 0, 1, 2, 3, 0, 0]), "bin.html"), "file_binary", "bin.html");
    await expectDocError(readHtml(Buffer.from("just some words"), "plain.html"), "format_invalid", "plain.html", /no tags/);
    await expectDocError(
      readHtml(Buffer.from("<html><body><script>var a = '会议强调';</script></body></html>"), "nobody.html"),
      "format_invalid",
      "nobody.html",
      /no article text/,
    );
  });

  it("survives malformed markup: unclosed tags, stray brackets, bad entities, deep nesting", async () => {
    const html = `<html><body><div class="content"><p>会议强调 a < b &bogus; &#99999999; <b>要加强<i>领导</p><p>会议明确，原则同意。${"<div>".repeat(5000)}深层文字${"</div>".repeat(10)}`;
    const r = await readHtml(Buffer.from(html), "messy.html");
    expect(squash(r.text)).toContain("会议强调a<b&bogus;");
    expect(r.text).toContain("会议明确，原则同意。");
    expect(r.text).toContain("深层文字");
  });

  it("refuses a page with more than a million elements (bounded memory)", async () => {
    const html = Buffer.from(`<html><body>${"<i>a</i>".repeat(1_000_001)}</body></html>`);
    await expectDocError(readHtml(html, "many.html"), "file_too_large", "many.html", /more than 1000000 elements/);
  }, 30_000);

  it("refuses a page nesting more than 20,000 elements inside each other, within a second (bounded time)", async () => {
    const t0 = Date.now();
    const html = Buffer.from(`<html><body>${"<i>".repeat(1_000_001)}</body></html>`);
    await expectDocError(readHtml(html, "deep.html"), "file_too_large", "deep.html", /more than 20000 elements open inside each other/);
    expect(Date.now() - t0).toBeLessThan(5_000);
  }, 30_000);

  it("parses a large page in bounded time", async () => {
    const para = "<p>会议强调，要加强组织领导，压实工作责任，确保各项任务落实到位。</p>\n";
    const html = Buffer.from(`<html><body><div id="zoom">${para.repeat(60_000)}</div></body></html>`);
    const t0 = Date.now();
    const r = await readHtml(html, "large.html");
    expect(r.text.split("\n")).toHaveLength(60_000);
    expect(Date.now() - t0).toBeLessThan(15_000);
  }, 30_000);
});
