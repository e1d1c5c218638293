/**
 * PDF → text. pdf.js (pdfjs-dist) reads the text layer in a worker thread
 * (pdf-worker.mjs) that is terminated on timeout and has a bounded heap. Text runs
 * are grouped into lines by baseline and lines into paragraphs by the margins;
 * page numbers and running headers/footers are removed. Pages without a text
 * layer are rendered (pdf.js + @napi-rs/canvas) and OCR'd with tesseract; a text
 * layer drawn invisibly (render mode 3, what OCR tools put over a scan) is read
 * as it is, marked as OCR and repaired like tesseract's output.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { docError, remainingMs, startRead, timeoutError, type Limits } from "./common.js";
import { glyphsToLines, pagesToText, stripHeadersFooters, type Glyphs, type PageLayout } from "./layout.js";
import { hasTesseract, ocrImage, repairOcrText, requireTesseract, TESSERACT_INSTALL } from "./ocr.js";
import type { ExtractedText, Reader, ReaderOptions } from "./types.js";

/** Resolution at which text-less pages are rendered for OCR (see OCR_TARGET_DPI in image.ts for the measurement). */
const RENDER_DPI = 150;
/** At most this many pixels per rendered page (A4 at 150 dpi is 2.2 M). */
const MAX_RENDER_PIXELS = 40_000_000;
/** Heap ceiling of the pdf.js worker. */
const WORKER_HEAP_MB = 1024;

interface WorkerPage {
  width: number;
  height: number;
  items: Glyphs[];
  chars: number;
  junk: number;
  /** Most glyphs are invisible (text render mode 3): an OCR text layer over a scan. */
  ocrLayer?: boolean;
  hasImage?: boolean;
  png?: Uint8Array;
  dpi?: number;
}

type WorkerMessage =
  | { type: "done"; numPages: number; pages: WorkerPage[]; createdOn?: string }
  | { type: "error"; kind: "encrypted" | "invalid" | "pages" | "canvas"; message: string; numPages?: number };

let pdfjsPaths: { pdfjsUrl: string; cMapUrl: string; standardFontDataUrl: string } | undefined;
function resolvePdfjs() {
  if (!pdfjsPaths) {
    const require = createRequire(import.meta.url);
    const main = require.resolve("pdfjs-dist/legacy/build/pdf.mjs");
    const root = join(dirname(main), "../..");
    pdfjsPaths = {
      pdfjsUrl: pathToFileURL(main).href,
      cMapUrl: `${join(root, "cmaps")}/`,
      standardFontDataUrl: `${join(root, "standard_fonts")}/`,
    };
  }
  return pdfjsPaths;
}

function runWorker(bytes: Buffer, path: string, limits: Limits, render: boolean): Promise<WorkerMessage> {
  const data = new Uint8Array(bytes); // a copy: it is transferred to the worker
  const worker = new Worker(new URL("./pdf-worker.mjs", import.meta.url), {
    workerData: {
      data,
      ...resolvePdfjs(),
      maxPages: limits.maxPages,
      render,
      renderDpi: RENDER_DPI,
      maxRenderPixels: MAX_RENDER_PIXELS,
    },
    transferList: [data.buffer],
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 64 },
    stdout: true, // pdf.js warnings go nowhere
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(() => settle(() => reject(timeoutError(path, "reading the PDF", limits))), remainingMs(limits));
    worker.on("message", (m: WorkerMessage) => settle(() => resolve(m)));
    worker.on("error", (e: Error & { code?: string }) =>
      settle(() =>
        reject(
          e.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? docError("file_too_large", path, `${path}: reading the PDF needed more than ${WORKER_HEAP_MB} MB of memory`, { reason: "memory" }, e)
            : docError("format_invalid", path, `${path}: the PDF could not be read: ${e.message}`, {}, e),
        ),
      ),
    );
    worker.on("exit", (code) => settle(() => reject(docError("format_invalid", path, `${path}: the PDF reader stopped unexpectedly (exit ${code})`))));
  });
}

export const readPdf: Reader = async (bytes: Buffer, path: string, opts?: ReaderOptions): Promise<ExtractedText> => {
  const limits = startRead(bytes, path, "PDF", opts);
  if (bytes.subarray(0, 1024).indexOf("%PDF") < 0) {
    throw docError("format_invalid", path, `${path}: not a PDF (no %PDF header)`);
  }
  const canOcr = await hasTesseract();
  const m = await runWorker(bytes, path, limits, canOcr);
  if (m.type === "error") {
    switch (m.kind) {
      case "pages":
        throw docError("file_too_large", path, `${path}: the PDF has ${m.numPages} pages, over the ${limits.maxPages}-page limit`, {
          pages: m.numPages,
          maxPages: limits.maxPages,
        });
      case "encrypted":
        throw docError("format_unsupported", path, `${path}: the PDF is password-protected`, { reason: "encrypted" });
      case "canvas":
        throw docError(
          "ocr_engine_missing",
          path,
          `${path}: the PDF has pages without a text layer, and rendering them for OCR failed (is the @napi-rs/canvas package installed?): ${m.message}`,
          { install: "npm install", detail: m.message },
        );
      default:
        throw docError("format_invalid", path, `${path}: not a readable PDF: ${m.message}`, { detail: m.message });
    }
  }

  const pages: PageLayout[] = [];
  let ocr = false;
  for (const [i, p] of m.pages.entries()) {
    if (p.png) {
      const left = remainingMs(limits);
      if (left <= 0) throw timeoutError(path, `OCR of page ${i + 1}`, limits);
      const page = await ocrImage(Buffer.from(p.png), path, { timeoutMs: left, limitMs: limits.timeoutMs, scale: 72 / (p.dpi ?? RENDER_DPI) });
      pages.push({ ...page, width: p.width, height: p.height });
      ocr = true;
    } else if (p.ocrLayer) {
      const lines = glyphsToLines(p.items).map((l) => ({ ...l, text: repairOcrText(l.text) }));
      pages.push({ lines, width: p.width, height: p.height, scanned: true });
      ocr = true;
    } else {
      pages.push({ lines: glyphsToLines(p.items), width: p.width, height: p.height });
    }
  }
  const text = pagesToText(stripHeadersFooters(pages));
  if (!/[\p{L}\p{N}]/u.test(text)) {
    if (!canOcr && m.pages.some((p) => p.hasImage || p.junk > p.chars)) {
      await requireTesseract(path, "this PDF has no text layer (a scan?); reading it");
      throw docError("ocr_engine_missing", path, `${path}: the PDF has no text layer; install OCR with: ${TESSERACT_INSTALL}`);
    }
    throw docError("format_invalid", path, `${path}: the PDF contains no text${ocr ? " (OCR found none either)" : ""}`, { pages: m.numPages });
  }
  return { text, format: "pdf", encoding: "utf-8", ocr, ...(m.createdOn ? { createdOn: m.createdOn } : {}) };
};
