/**
 * A scanned page (PNG, JPEG, TIFF, GIF, BMP, WebP) → text through tesseract
 * (chi_sim). The image's pixel size is checked from its header before OCR, so a
 * decompression bomb is refused without decoding it.
 */
import { createRequire } from "node:module";
import { docError, remainingMs, startRead, timeoutError } from "./common.js";
import { pagesToText, stripHeadersFooters } from "./layout.js";
import { ocrImage, requireTesseract } from "./ocr.js";
import type { ExtractedText, Reader, ReaderOptions } from "./types.js";

/** Images with more pixels are refused (a 600 dpi A3 scan is 70 M). */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** Width and height from the header, or null when the format's header is not understood here. */
export function imageSize(b: Buffer): { width: number; height: number; type: string } | null {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString("latin1", 12, 16) === "IHDR") {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), type: "png" };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    // Walk the JPEG segments to the first SOFn marker.
    let p = 2;
    while (p + 9 < b.length) {
      if (b[p] !== 0xff) return null;
      const marker = b[p + 1];
      if (marker === 0xff) {
        p++;
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        p += 2;
        continue;
      }
      const len = b.readUInt16BE(p + 2);
      if (len < 2) return null;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: b.readUInt16BE(p + 5), width: b.readUInt16BE(p + 7), type: "jpeg" };
      }
      p += 2 + len;
    }
    return null;
  }
  if (b.length >= 10 && b.toString("latin1", 0, 4) === "GIF8") return { width: b.readUInt16LE(6), height: b.readUInt16LE(8), type: "gif" };
  if (b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d) return { width: Math.abs(b.readInt32LE(18)), height: Math.abs(b.readInt32LE(22)), type: "bmp" };
  if (b.length >= 8 && ((b[0] === 0x49 && b[1] === 0x49) || (b[0] === 0x4d && b[1] === 0x4d))) {
    // TIFF: ImageWidth (256) and ImageLength (257) in the first IFD.
    const le = b[0] === 0x49;
    const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const ifd = u32(4);
    if (ifd + 2 > b.length) return null;
    let width = 0;
    let height = 0;
    for (let k = 0, n = u16(ifd); k < n && ifd + 2 + 12 * (k + 1) <= b.length; k++) {
      const e = ifd + 2 + 12 * k;
      const tag = u16(e);
      const value = u16(e + 2) === 3 ? u16(e + 8) : u32(e + 8);
      if (tag === 256) width = value;
      else if (tag === 257) height = value;
    }
    return width && height ? { width, height, type: "tiff" } : null;
  }
  if (b.length >= 30 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") {
    const chunk = b.toString("latin1", 12, 16);
    if (chunk === "VP8X") return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3), type: "webp" };
    if (chunk === "VP8L") {
      const bits = b.readUInt32LE(21);
      return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff), type: "webp" };
    }
    if (chunk === "VP8 ") return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff, type: "webp" };
  }
  return null;
}

/** Resolution recorded in a PNG pHYs chunk or a JPEG JFIF header, if any. */
export function imageDpi(b: Buffer): number | undefined {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47) {
    for (let p = 8; p + 12 <= b.length && p < 1 << 20; ) {
      const len = b.readUInt32BE(p);
      const type = b.toString("latin1", p + 4, p + 8);
      if (type === "pHYs" && len >= 9 && b[p + 16] === 1) return Math.round(b.readUInt32BE(p + 8) * 0.0254);
      if (type === "IDAT" || type === "IEND") break;
      p += 12 + len;
    }
    return undefined;
  }
  if (b.length >= 18 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff && b[3] === 0xe0 && b.toString("latin1", 6, 11) === "JFIF\0") {
    const units = b[13];
    const x = b.readUInt16BE(14);
    if (units === 1) return x;
    if (units === 2) return Math.round(x * 2.54);
  }
  return undefined;
}

/**
 * tesseract's chi_sim model reads best when body text is 25–35 px high. Measured on
 * page 2 of the fixture (16 pt text): 120 dpi 99.8 %, 150 dpi 99.5 %, 200 dpi 99.3 %,
 * 300 dpi 97.4 % character accuracy. Scans above this resolution are scaled down.
 */
export const OCR_TARGET_DPI = 150;
const DOWNSCALE_ABOVE_DPI = 220;
/** Larger images go to tesseract as they are rather than being decoded in-process. */
const MAX_DOWNSCALE_PIXELS = 40_000_000;

/** The scan's resolution: recorded, or estimated for a page-shaped image as A4 (8.27 in wide). */
function effectiveDpi(b: Buffer, size: { width: number; height: number }): number | undefined {
  const recorded = imageDpi(b);
  if (recorded && recorded > 1) return recorded;
  const [short, long] = [Math.min(size.width, size.height), Math.max(size.width, size.height)];
  const ratio = long / short;
  return ratio > 1.3 && ratio < 1.55 ? short / 8.27 : undefined;
}

interface CanvasModule {
  loadImage(src: Buffer): Promise<{ width: number; height: number }>;
  createCanvas(
    w: number,
    h: number,
  ): {
    getContext(kind: "2d"): {
      drawImage(img: unknown, x: number, y: number, w: number, h: number): void;
      fillStyle: string;
      fillRect(x: number, y: number, w: number, h: number): void;
    };
    toBuffer(mime: "image/png"): Buffer;
  };
}

/** Scales the image by `factor` with @napi-rs/canvas (installed with pdfjs-dist); undefined when unavailable. */
async function downscale(bytes: Buffer, factor: number): Promise<Buffer | undefined> {
  let canvas: CanvasModule;
  try {
    canvas = createRequire(import.meta.url)("@napi-rs/canvas") as CanvasModule;
  } catch {
    return undefined;
  }
  try {
    const img = await canvas.loadImage(bytes);
    const w = Math.max(1, Math.round(img.width * factor));
    const h = Math.max(1, Math.round(img.height * factor));
    const c = canvas.createCanvas(w, h);
    const ctx = c.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(img, 0, 0, w, h);
    return c.toBuffer("image/png");
  } catch {
    return undefined; // let tesseract try the original
  }
}

const KNOWN = (b: Buffer): boolean =>
  imageSize(b) !== null ||
  (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a))) || // TIFF
  (b.length >= 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") ||
  (b.length >= 2 && b[0] === 0x50 && b[1] >= 0x31 && b[1] <= 0x36); // PNM

export const readImage: Reader = async (bytes: Buffer, path: string, opts?: ReaderOptions): Promise<ExtractedText> => {
  const limits = startRead(bytes, path, "image", opts);
  if (!KNOWN(bytes)) throw docError("format_invalid", path, `${path}: not a supported image (PNG, JPEG, TIFF, GIF, BMP, WebP)`);
  const size = imageSize(bytes);
  if (size) {
    if (size.width === 0 || size.height === 0) throw docError("format_invalid", path, `${path}: the ${size.type.toUpperCase()} header gives an empty image`);
    if (size.width * size.height > MAX_IMAGE_PIXELS) {
      throw docError("file_too_large", path, `${path}: the image is ${size.width}×${size.height} pixels, over the ${MAX_IMAGE_PIXELS / 1e6} M pixel limit`, {
        width: size.width,
        height: size.height,
        maxPixels: MAX_IMAGE_PIXELS,
      });
    }
  }
  await requireTesseract(path, "reading an image");
  const left = remainingMs(limits);
  if (left <= 0) throw timeoutError(path, "OCR", limits);
  let input = bytes;
  const dpi = size ? effectiveDpi(bytes, size) : undefined;
  if (dpi && dpi > DOWNSCALE_ABOVE_DPI && size && size.width * size.height <= MAX_DOWNSCALE_PIXELS)
    input = (await downscale(bytes, OCR_TARGET_DPI / dpi)) ?? bytes;
  const page = await ocrImage(input, path, { timeoutMs: Math.max(1, remainingMs(limits)), limitMs: limits.timeoutMs });
  return { text: pagesToText(stripHeadersFooters([page])), format: "image", encoding: "utf-8", ocr: true };
};
