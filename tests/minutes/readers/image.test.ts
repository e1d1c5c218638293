import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { imageSize, readImage } from "../../../src/minutes/readers/image.js";
import { pagesToText, stripHeadersFooters } from "../../../src/minutes/readers/layout.js";
import { DEFAULT_PSM, fullWidthPunctuation, hasTesseract, ocrImage } from "../../../src/minutes/readers/ocr.js";
import { charAccuracy, expectDocError, expectInOrder, fixture, SEED_FIRST_PAGE } from "./helpers.js";

const PATH = "tests/fixtures/formats/taicang-2022-01-p1.png";
const png = fixture("taicang-2022-01-p1.png");
const ocrAvailable = await hasTesseract();

const FIRST_PAGE = SEED_FIRST_PAGE;

describe("image helpers", () => {
  it("reads pixel sizes from headers", () => {
    expect(imageSize(png)).toEqual({ width: 1241, height: 1754, type: "png" });
  });

  it("turns ASCII punctuation inside Chinese into full-width forms", () => {
    expect(fullWidthPunctuation("纪要如下:会议(一)要加强,确保落实; version 1.2, a:b")).toBe("纪要如下：会议（一）要加强，确保落实； version 1.2, a:b");
  });
});

describe.runIf(ocrAvailable)("readImage (tesseract chi_sim)", () => {
  it("reads the scanned first page in order, without the page-number footer", async () => {
    const r = await readImage(png, PATH);
    expect(r).toMatchObject({ format: "image", encoding: "utf-8", ocr: true });
    expectInOrder(r.text, ["太仓市人民政府", "办公室", "2022年1月21日上午", "纪要如下", "\n一、传达学习", "\n会议由", "\n会议强调，各地各部门"]);
    expect(r.text.split("\n")[0]).toMatch(/^太仓市人民政府\s?常务会议纪要$/);
    expect(r.text).not.toMatch(/[—一-]\s*1\s*[—一-]\s*$/);
    const acc = charAccuracy(r.text, FIRST_PAGE);
    console.log(
      `OCR of ${PATH} (150 dpi, psm ${DEFAULT_PSM}): character accuracy ${(acc * 100).toFixed(2)} % against the seed's first page (${[...FIRST_PAGE.replace(/\s/g, "")].length} characters)`,
    );
    expect(acc).toBeGreaterThan(0.97);
  }, 120_000);

  it("uses the page segmentation mode that measures best (psm 3, 4, 6)", async () => {
    const scores: Record<number, number> = {};
    for (const psm of [3, 4, 6]) {
      const page = await ocrImage(png, PATH, { psm, timeoutMs: 120_000 });
      scores[psm] = charAccuracy(pagesToText(stripHeadersFooters([page])), FIRST_PAGE);
    }
    console.log(
      `OCR accuracy by psm: ${Object.entries(scores)
        .map(([p, a]) => `psm ${p} ${(a * 100).toFixed(2)} %`)
        .join(", ")}; default psm ${DEFAULT_PSM}`,
    );
    expect(scores[DEFAULT_PSM]).toBeGreaterThanOrEqual(Math.max(...Object.values(scores)) - 1e-9);
  }, 180_000);

  it("scales a high-resolution scan down to the resolution tesseract reads best", async () => {
    // A 300 dpi-sized page (the fixture scaled ×2), OCR'd as is and through readImage.
    type Canvas = { createCanvas(w: number, h: number): any; loadImage(b: Buffer): Promise<any> };
    const canvas = createRequire(import.meta.url)("@napi-rs/canvas") as Canvas;
    const img = await canvas.loadImage(png);
    const c = canvas.createCanvas(img.width * 2, img.height * 2);
    c.getContext("2d").drawImage(img, 0, 0, img.width * 2, img.height * 2);
    const big: Buffer = c.toBuffer("image/png");
    const raw = charAccuracy(pagesToText([await ocrImage(big, "big.png", { timeoutMs: 120_000 })]), FIRST_PAGE);
    const r = await readImage(big, "big.png");
    const scaled = charAccuracy(r.text, FIRST_PAGE);
    console.log(`2482×3508 page: OCR as is ${(raw * 100).toFixed(2)} %, scaled to 150 dpi by readImage ${(scaled * 100).toFixed(2)} %`);
    expect(scaled).toBeGreaterThan(0.97);
  }, 180_000);

  it("rejects a truncated image as format_invalid", async () => {
    await expectDocError(readImage(png.subarray(0, 20_000), "cut.png"), "format_invalid", "cut.png", /tesseract could not read the image/);
  });

  it("stops OCR at timeoutMs", async () => {
    const de = await expectDocError(readImage(png, "slow.png", { timeoutMs: 300 }), "file_timeout", "slow.png", /did not finish within 300 ms/);
    expect(de.details).toMatchObject({ reason: "timeout" });
  });
});

describe("readImage on bad input", () => {
  it("rejects an empty file", async () => {
    await expectDocError(readImage(Buffer.alloc(0), "empty.png"), "file_empty", "empty.png");
  });

  it("rejects a file over maxBytes", async () => {
    await expectDocError(readImage(png, "big.png", { maxBytes: 10_000 }), "file_too_large", "big.png");
  });

  it("rejects data that is not an image", async () => {
    await expectDocError(readImage(Buffer.from("%PDF-1.7 not an image"), "x.png"), "format_invalid", "x.png", /not a supported image/);
  });

  it("refuses a decompression bomb from its header, before OCR", async () => {
    const bomb = Buffer.from(png.subarray(0, 64));
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    const de = await expectDocError(readImage(bomb, "bomb.png"), "file_too_large", "bomb.png", /100000×100000 pixels/);
    expect(de.details).toMatchObject({ width: 100_000, height: 100_000 });
  });

  it("reads TIFF sizes from the first IFD and refuses a TIFF bomb", async () => {
    const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4);
    tiff.write("II*\0", 0, "latin1");
    tiff.writeUInt32LE(8, 4);
    tiff.writeUInt16LE(2, 8);
    [256, 257].forEach((tag, k) => {
      const e = 10 + 12 * k;
      tiff.writeUInt16LE(tag, e);
      tiff.writeUInt16LE(4, e + 2); // LONG
      tiff.writeUInt32LE(1, e + 4);
      tiff.writeUInt32LE(60_000, e + 8);
    });
    expect(imageSize(tiff)).toEqual({ width: 60_000, height: 60_000, type: "tiff" });
    await expectDocError(readImage(tiff, "bomb.tif"), "file_too_large", "bomb.tif");
  });

  it("names the packages to install when tesseract is missing", async () => {
    const saved = process.env.PATH;
    process.env.PATH = "/nonexistent-for-this-test";
    try {
      const de = await expectDocError(readImage(png, "scan.png"), "ocr_engine_missing", "scan.png", /apt-get install tesseract-ocr tesseract-ocr-chi-sim/);
      expect(de.details).toMatchObject({ install: "apt-get install tesseract-ocr tesseract-ocr-chi-sim" });
    } finally {
      process.env.PATH = saved;
    }
  });
});
