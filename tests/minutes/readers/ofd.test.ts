import { describe, expect, it } from "vitest";
import { expandDeltas, readOfd } from "../../../src/minutes/readers/ofd.js";
import { ofdParts } from "../../fixtures/formats/make-ofd.js";
import { buildZip, expectDocError, expectInOrder, expectSeedContent, fixture, seedParagraphs, squash, type ZipInput } from "./helpers.js";

const PATH = "tests/fixtures/formats/taicang-2022-01.ofd";
const OPTS = { title: "青禾县人民政府办公会议纪要", author: "青禾县人民政府办公室", creationDate: "2023-07-18" };
const NS = 'xmlns:ofd="http://www.ofdspec.org/2016"';

/** The parts of a small OFD, with `edit` applied to the part named `name`. */
function variant(name: string, edit: (e: ZipInput) => ZipInput | undefined): Buffer {
  const parts = ofdParts(seedParagraphs.slice(0, 12), OPTS).flatMap((e) => (e.name === name ? [edit(e)].filter((x): x is ZipInput => !!x) : [e]));
  return buildZip(parts);
}
const oneLine = (e: Error) => expect(e.message).not.toMatch(/\n/);

describe("readOfd on the generated OFD of the seed", async () => {
  const r = await readOfd(fixture("taicang-2022-01.ofd"), PATH);

  it("reports the format, DocInfo's title and creation date, and no OCR", () => {
    expect(r).toMatchObject({ format: "ofd", encoding: "utf-8", ocr: false, title: "太仓市人民政府常务会议纪要", createdOn: "2022-01-28" });
  });

  it("keeps the pages apart with form feeds, for citations", () => {
    expect(r.text.split("\f")).toHaveLength(8);
  });

  it("rebuilds reading order and paragraphs from the positions of shuffled, split text objects", () => {
    expectSeedContent(r.text);
    expectInOrder(squash(r.text), seedParagraphs.map(squash));
    const lines = new Set(r.text.split(/[\n\f]/).map(squash));
    const whole = seedParagraphs.filter((p) => lines.has(squash(p)));
    // Only paragraphs that run over a page break are split (at the \f).
    expect(whole.length).toBeGreaterThanOrEqual(seedParagraphs.length - 8);
  });

  it("drops the «— N —» page numbers and ignores the seal and the signature", () => {
    expect(r.text).not.toMatch(/—\s*\d+\s*—/);
    expect(r.text).not.toMatch(/placeholder/);
  });
});

describe("OFD geometry", () => {
  it("expands DeltaX runs «g N V»", () => {
    expect(expandDeltas("g 3 5.5 2.75 1")).toEqual([5.5, 5.5, 5.5, 2.75, 1]);
    expect(expandDeltas(undefined)).toEqual([]);
  });

  it("places text by Boundary, CTM and X/Y, continues a TextCode without X/Y, reads template text and absolute BaseLocs", async () => {
    const page = `<ofd:Page ${NS}><ofd:Template TemplateID="7"/><ofd:Content><ofd:Layer ID="1">
      <ofd:TextObject ID="2" Boundary="20 30 100 10" Size="5" CTM="2 0 0 2 0 0"><ofd:TextCode X="0" Y="15" DeltaX="2.5">第二</ofd:TextCode><ofd:TextCode>行</ofd:TextCode></ofd:TextObject>
      <ofd:TextObject ID="3" Boundary="20 40 100 10" Size="10"><ofd:TextCode X="0" Y="8" DeltaX="g 3 10">第一行字</ofd:TextCode></ofd:TextObject>
    </ofd:Layer></ofd:Content></ofd:Page>`;
    const tpl = `<ofd:Page ${NS}><ofd:Content><ofd:Layer ID="4"><ofd:TextObject ID="5" Boundary="20 10 100 10" Size="10"><ofd:TextCode X="0" Y="8">页眉文字</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`;
    const ofd = buildZip([
      {
        name: "OFD.xml",
        data: `<ofd:OFD ${NS}><ofd:DocBody><ofd:DocInfo><ofd:ModDate>2024-3-5</ofd:ModDate></ofd:DocInfo><ofd:DocRoot>/D/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
      },
      {
        name: "D/Document.xml",
        data: `<ofd:Document ${NS}><ofd:CommonData><ofd:TemplatePage ID="7" BaseLoc="/D/T.xml"/></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="/D/P/1.xml"/></ofd:Pages></ofd:Document>`,
      },
      { name: "D/P/1.xml", data: page },
      { name: "D/T.xml", data: tpl },
    ]);
    const r = await readOfd(ofd, "hand.ofd");
    // Without the CTM «第二» (y 30 + 15) would share the line of «第一行字» (y 48); with it, it is at y 30 + 2 × 15.
    expect(r.text).toBe("页眉文字第一行字第二行");
    expect(r.createdOn).toBe("2024-03-05");
  });
});

describe("readOfd on bad input: one-line errors naming the file", () => {
  it("rejects an empty file", async () => {
    oneLine(await expectDocError(readOfd(Buffer.alloc(0), "empty.ofd"), "file_empty", "empty.ofd"));
  });

  it("rejects a truncated file", async () => {
    const full = fixture("taicang-2022-01.ofd");
    oneLine(
      await expectDocError(readOfd(full.subarray(0, full.length >> 1), "cut.ofd"), "format_invalid", "cut.ofd", /cut\.ofd: not a valid OFD \(ZIP\) file/),
    );
  });

  it("refuses a zip bomb: a part that inflates beyond its declared size, and parts declaring more than the cap", async () => {
    const liar = variant("Doc_0/Pages/Page_0/Content.xml", (e) => ({ ...e, declaredSize: 100 }));
    oneLine(await expectDocError(readOfd(liar, "bomb.ofd"), "file_too_large", "bomb.ofd", /zip bomb/));
    const big = buildZip([{ name: "OFD.xml", data: Buffer.alloc(2_000_000, 0x20) }]);
    oneLine(await expectDocError(readOfd(big, "big.ofd", { maxBytes: 100_000 }), "file_too_large", "big.ofd", /zip bomb/));
  });

  it("names the part of a malformed Content.xml, and refuses DOCTYPE", async () => {
    const broken = variant("Doc_0/Pages/Page_0/Content.xml", (e) => ({ ...e, data: String(e.data).replace("</ofd:Layer>", "</ofd:Layr>") }));
    oneLine(await expectDocError(readOfd(broken, "bad.ofd"), "format_invalid", "bad.ofd", /malformed XML in Doc_0\/Pages\/Page_0\/Content\.xml: line \d+:\d+/));
    const doctype = variant("OFD.xml", (e) => ({ ...e, data: String(e.data).replace("<ofd:OFD", '<!DOCTYPE x [<!ENTITY a "aaaa">]><ofd:OFD') }));
    oneLine(await expectDocError(readOfd(doctype, "dtd.ofd"), "format_invalid", "dtd.ofd", /DOCTYPE/));
  });

  it("rejects a ZIP without OFD.xml, a missing page and too many pages", async () => {
    await expectDocError(
      readOfd(
        variant("OFD.xml", () => undefined),
        "x.ofd",
      ),
      "format_invalid",
      "x.ofd",
      /no OFD\.xml/,
    );
    await expectDocError(
      readOfd(
        variant("Doc_0/Pages/Page_0/Content.xml", () => undefined),
        "p.ofd",
      ),
      "format_invalid",
      "p.ofd",
      /page 1 \(Pages\/Page_0\/Content\.xml\) is not in the archive/,
    );
    await expectDocError(readOfd(fixture("taicang-2022-01.ofd"), "long.ofd", { maxPages: 3 }), "file_too_large", "long.ofd", /8 pages, over the 3-page limit/);
  });
});
