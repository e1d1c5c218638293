/**
 * Format readers: each turns one kind of document into plain text for the minutes
 * parser. Pick one with sniffFormat(bytes, path); "text" files are read by read.ts.
 */
import { readDoc } from "./doc.js";
import { readDocx } from "./docx.js";
import { readHtml } from "./html.js";
import { readImage } from "./image.js";
import { readOfd } from "./ofd.js";
import { readPdf } from "./pdf.js";
import type { Reader, SourceFormat } from "./types.js";

export const readers: Record<Exclude<SourceFormat, "text">, Reader> = {
  pdf: readPdf,
  docx: readDocx,
  doc: readDoc,
  ofd: readOfd,
  html: readHtml,
  image: readImage,
};

export { sniffFormat } from "./sniff.js";
export { hasTesseract, TESSERACT_INSTALL } from "./ocr.js";
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT_MS } from "./common.js";
export type { ExtractedText, Reader, ReaderOptions, SourceFormat } from "./types.js";
export { readDoc, readDocx, readHtml, readImage, readOfd, readPdf };
