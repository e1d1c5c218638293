// pdf.js runs here, in a worker thread, so that a hostile PDF can be stopped:
// pdf.ts terminates this thread on timeout, and resourceLimits bound its heap.
// Plain JavaScript so that it loads the same under tsx, vitest and node.
//
// workerData: { data: Uint8Array, pdfjsUrl, cMapUrl, standardFontDataUrl, maxPages,
//               render: boolean, renderDpi: number, maxRenderPixels: number }
// posts:      { type: "done", numPages, createdOn?, pages: [{ width, height, items, chars, junk, ocrLayer?, hasImage?, png?, dpi? }] }
//          or { type: "error", kind, message }
import { parentPort, workerData } from "node:worker_threads";

/** Letters, digits and ideographs; private-use and replacement characters don't count. */
const MEANINGFUL = /[\p{L}\p{N}]/gu;
const JUNK = /[\uE000-\uF8FF\uFFFD]/g;

/**
 * True when most glyphs of the page are drawn with text render mode 3 (neither fill
 * nor stroke) or 7 (clip only): what OCR tools write over a scanned image.
 */
function invisibleText(ops, OPS) {
  const shows = new Set([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
  const stack = [];
  let mode = 0;
  let hidden = 0;
  let shown = 0;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const f = ops.fnArray[i];
    if (f === OPS.save) stack.push(mode);
    else if (f === OPS.restore) mode = stack.pop() ?? 0;
    else if (f === OPS.setTextRenderingMode) mode = ops.argsArray[i][0];
    else if (shows.has(f)) {
      const glyphs = ops.argsArray[i].find(Array.isArray) ?? [];
      const n = glyphs.filter((g) => g && typeof g === "object").length;
      if (mode === 3 || mode === 7) hidden += n;
      else shown += n;
    }
  }
  return hidden > shown;
}

async function main() {
  const { data, pdfjsUrl, cMapUrl, standardFontDataUrl, maxPages, render, renderDpi, maxRenderPixels } = workerData;
  const pdfjs = await import(pdfjsUrl);
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data,
      cMapUrl,
      cMapPacked: true,
      standardFontDataUrl,
      verbosity: 0,
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      stopAtErrors: false,
    }).promise;
  } catch (e) {
    const name = e?.name ?? "";
    const kind = name === "PasswordException" ? "encrypted" : "invalid";
    parentPort.postMessage({ type: "error", kind, message: String(e?.message ?? e) });
    return;
  }
  const numPages = doc.numPages;
  if (numPages > maxPages) {
    parentPort.postMessage({ type: "error", kind: "pages", message: String(numPages), numPages });
    return;
  }
  const pages = [];
  const imageOps = new Set([
    pdfjs.OPS.paintImageXObject,
    pdfjs.OPS.paintInlineImageXObject,
    pdfjs.OPS.paintImageXObjectRepeat,
    pdfjs.OPS.paintImageMaskXObject,
    pdfjs.OPS.paintInlineImageXObjectGroup,
  ]);
  for (let n = 1; n <= numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
    const items = [];
    let text = "";
    for (const it of content.items) {
      if (typeof it.str !== "string" || it.str.length === 0) continue;
      const m = pdfjs.Util.transform(viewport.transform, it.transform);
      const size = Math.hypot(m[2], m[3]) || it.height || 0;
      items.push({ str: it.str, x: m[4], y: m[5], w: it.width, size });
      text += it.str;
    }
    const chars = (text.match(MEANINGFUL) ?? []).length;
    const junk = (text.match(JUNK) ?? []).length;
    const entry = { width: viewport.width, height: viewport.height, items, chars, junk };
    // Text drawn invisibly over the page is an OCR layer (a scan run through OCR).
    if (chars >= 10 && invisibleText(await page.getOperatorList(), pdfjs.OPS)) entry.ocrLayer = true;
    // A page without a usable text layer (a scan, or glyphs without a Unicode map):
    // render it for OCR when it paints an image or the text is garbage.
    if (chars < 10 || junk > chars) {
      const ops = await page.getOperatorList();
      entry.hasImage = ops.fnArray.some((f) => imageOps.has(f));
      if (render && (entry.hasImage || junk > chars)) {
        let scale = renderDpi / 72;
        const pixels = viewport.width * viewport.height * scale * scale;
        if (pixels > maxRenderPixels) scale *= Math.sqrt(maxRenderPixels / pixels);
        const vp = page.getViewport({ scale });
        const cc = doc.canvasFactory.create(Math.ceil(vp.width), Math.ceil(vp.height));
        cc.context.fillStyle = "#ffffff";
        cc.context.fillRect(0, 0, cc.canvas.width, cc.canvas.height);
        await page.render({ canvasContext: cc.context, canvas: cc.canvas, viewport: vp }).promise;
        entry.png = cc.canvas.toBuffer("image/png");
        entry.dpi = 72 * scale;
        doc.canvasFactory.destroy(cc);
      }
    }
    pages.push(entry);
    page.cleanup();
  }
  // The document's creation date (Info dictionary «D:20220128…»): a year for records whose text gives none.
  const info = (await doc.getMetadata().catch(() => null))?.info ?? {};
  const created = /^D:(\d{4})(\d{2})(\d{2})/.exec(String(info.CreationDate ?? ""));
  await doc.destroy();
  parentPort.postMessage({ type: "done", numPages, pages, ...(created ? { createdOn: `${created[1]}-${created[2]}-${created[3]}` } : {}) });
}

main().catch((e) => {
  const msg = String(e?.message ?? e);
  const kind = /napi-rs\/canvas|createCanvas|canvasFactory/i.test(msg) ? "canvas" : "invalid";
  parentPort.postMessage({ type: "error", kind, message: msg });
});
