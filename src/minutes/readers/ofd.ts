/**
 * OFD (GB/T 33190 版式文档) → text. An OFD is a ZIP of XML parts: OFD.xml names the
 * document root and its DocInfo (title, dates); Document.xml lists the pages and
 * templates; each page's Content.xml holds TextObjects whose TextCodes are placed
 * by the object's Boundary (and CTM) plus X/Y and per-glyph DeltaX/DeltaY, in mm.
 * The glyphs go through the PDF reader's layout (lines by baseline, paragraphs by
 * margins, running headers and page numbers removed); pages are joined by "\f".
 * Signatures, seals, images and paths are not read.
 */
import { docError, parseDate, startRead } from "./common.js";
import { glyphsToLines, pagesToText, stripHeadersFooters, type Glyphs, type PageLayout } from "./layout.js";
import { parseXmlNs, type SaxElement, type SaxHandler } from "./sax.js";
import type { ExtractedText, Reader, ReaderOptions } from "./types.js";
import { openZipPackage, ZipPackage } from "./zip-package.js";

/** A4 in mm, when neither the page nor the document gives a PhysicalBox. */
const DEFAULT_BOX = [0, 0, 210, 297];

class OfdPackage extends ZipPackage {
  parse(name: string, h: SaxHandler): boolean {
    return this.xmlPart(name, (src) => parseXmlNs(src, h));
  }

  /** A location as written in a part (absolute from the package root, or relative to `base`'s folder) → an entry name. */
  resolve(base: string, loc: string): string | undefined {
    const clean = (p: string) => {
      const out: string[] = [];
      for (const seg of p.split("/")) {
        if (seg === "" || seg === ".") continue;
        if (seg === "..") out.pop();
        else out.push(seg);
      }
      return out.join("/");
    };
    const l = loc.trim().replace(/\\/g, "/");
    const dir = base.slice(0, base.lastIndexOf("/") + 1);
    // Producers disagree on what a relative location is relative to: try the part's folder, then the root.
    const candidates = l.startsWith("/") ? [clean(l)] : [clean(dir + l), clean(l)];
    return candidates.find((c) => this.has(c));
  }
}

/** Collects the text of the elements named in `want` (local names), first occurrence each. */
function collectText(want: Set<string>, into: Map<string, string>, onOpen?: (el: SaxElement, path: string[]) => void): SaxHandler {
  const stack: string[] = [];
  let buf = "";
  return {
    open(el) {
      stack.push(el.local);
      if (want.has(el.local)) buf = "";
      onOpen?.(el, stack);
    },
    close(name) {
      stack.pop();
      if (want.has(name) && !into.has(name)) into.set(name, buf.trim());
    },
    text(t) {
      if (stack.length > 0 && want.has(stack[stack.length - 1])) buf += t;
    },
  };
}

const numbers = (s: string | undefined): number[] =>
  (s ?? "")
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);

/** DeltaX="g 3 5.6 2.8" → [5.6, 5.6, 5.6, 2.8]: «g N V» repeats V N times. */
export function expandDeltas(s: string | undefined): number[] {
  const t = (s ?? "").trim().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === "g" && i + 2 < t.length) {
      const n = Math.min(Number(t[i + 1]), 100_000);
      for (let k = 0; k < n; k++) out.push(Number(t[i + 2]));
      i += 2;
    } else out.push(Number(t[i]));
  }
  return out;
}

/** Advance of a glyph when the file gives none: ideographs and full-width forms 1 em, the rest half. */
const nominal = (ch: string, size: number) => (/[\u2e80-\uffef]/.test(ch) ? size : size / 2);

interface TextObject {
  box: number[];
  size: number;
  ctm: number[];
  /** Where the next TextCode without X/Y continues (object space). */
  x: number;
  y: number;
}

/** The glyphs of one page's (or template's) Content.xml, in page coordinates (mm, y down). */
function readContent(pkg: OfdPackage, name: string, glyphs: Glyphs[]): { box?: number[]; templates: string[] } {
  const stack: string[] = [];
  let obj: TextObject | undefined;
  let code: { x: number; y: number; dx: number[]; dy: number[]; text: string } | undefined;
  let box: number[] | undefined;
  let boxText: string | undefined;
  const templates: string[] = [];
  const place = (o: TextObject, x: number, y: number): [number, number] => {
    const [a, b, c, d, e, f] = o.ctm;
    return [o.box[0] + a * x + c * y + e, o.box[1] + b * x + d * y + f];
  };
  pkg.parse(name, {
    open(el) {
      stack.push(el.local);
      if (el.local === "PhysicalBox" && stack[stack.length - 2] === "Area") boxText = "";
      else if (el.local === "Template" && el.attrs.TemplateID) templates.push(el.attrs.TemplateID);
      else if (el.local === "TextObject") {
        const ctm = numbers(el.attrs.CTM);
        obj = { box: numbers(el.attrs.Boundary), size: Number(el.attrs.Size) || 0, ctm: ctm.length === 6 ? ctm : [1, 0, 0, 1, 0, 0], x: 0, y: 0 };
      } else if (el.local === "TextCode" && obj) {
        code = {
          x: el.attrs.X !== undefined ? Number(el.attrs.X) : obj.x,
          y: el.attrs.Y !== undefined ? Number(el.attrs.Y) : obj.y,
          dx: expandDeltas(el.attrs.DeltaX),
          dy: expandDeltas(el.attrs.DeltaY),
          text: "",
        };
      }
    },
    close(local) {
      stack.pop();
      if (local === "PhysicalBox" && boxText !== undefined) {
        const b = numbers(boxText);
        if (b.length === 4 && b.every(Number.isFinite)) box = b;
        boxText = undefined;
      } else if (local === "TextCode" && obj && code) {
        const o = obj;
        const scale = Math.sqrt(Math.abs(o.ctm[0] * o.ctm[3] - o.ctm[1] * o.ctm[2])) || 1;
        const size = o.size * scale;
        let { x, y } = code;
        const chars = [...code.text];
        chars.forEach((ch, i) => {
          const advance = code!.dx[i] ?? nominal(ch, o.size);
          const [px, py] = place(o, x, y);
          glyphs.push({ str: ch, x: px, y: py, w: Math.abs(advance * o.ctm[0]) || nominal(ch, size), size });
          x += advance;
          y += code!.dy[i] ?? 0;
        });
        o.x = x;
        o.y = y;
        code = undefined;
      } else if (local === "TextObject") obj = undefined;
    },
    text(t) {
      if (code) code.text += t;
      else if (boxText !== undefined) boxText += t;
    },
  });
  return { box, templates };
}

export const readOfd: Reader = async (bytes: Buffer, path: string, opts?: ReaderOptions): Promise<ExtractedText> => {
  const limits = startRead(bytes, path, "OFD", opts);
  const pkg = openZipPackage(bytes, path, "OFD", limits, OfdPackage);
  const info = new Map<string, string>();
  if (!pkg.parse("OFD.xml", collectText(new Set(["Title", "CreationDate", "ModDate", "DocRoot"]), info))) {
    throw docError("format_invalid", path, `${path}: not an OFD file (the archive has no OFD.xml)`, { entries: pkg.names().slice(0, 20) });
  }
  const docRoot = info.get("DocRoot") && pkg.resolve("", info.get("DocRoot")!);
  if (!docRoot)
    throw docError("format_invalid", path, `${path}: OFD.xml names no document (DocRoot ${info.get("DocRoot") ?? "missing"} is not in the archive)`);

  const pageLocs: string[] = [];
  const templateLocs = new Map<string, string>();
  const docInfo = new Map<string, string>();
  pkg.parse(
    docRoot,
    collectText(new Set(["PhysicalBox"]), docInfo, (el, stack) => {
      if (el.local === "Page" && stack[stack.length - 2] === "Pages" && el.attrs.BaseLoc) pageLocs.push(el.attrs.BaseLoc);
      else if (el.local === "TemplatePage" && el.attrs.ID && el.attrs.BaseLoc) templateLocs.set(el.attrs.ID, el.attrs.BaseLoc);
    }),
  );
  if (pageLocs.length === 0) throw docError("format_invalid", path, `${path}: the OFD has no pages (${docRoot} lists none)`);
  if (pageLocs.length > limits.maxPages) {
    throw docError("file_too_large", path, `${path}: the OFD has ${pageLocs.length} pages, over the ${limits.maxPages}-page limit`, {
      pages: pageLocs.length,
      maxPages: limits.maxPages,
    });
  }
  const docBox = numbers(docInfo.get("PhysicalBox"));
  const templateGlyphs = new Map<string, Glyphs[]>();
  const pages: PageLayout[] = pageLocs.map((loc, i) => {
    const name = pkg.resolve(docRoot, loc);
    if (!name) throw docError("format_invalid", path, `${path}: page ${i + 1} (${loc}) is not in the archive`, { page: i + 1 });
    const glyphs: Glyphs[] = [];
    const { box, templates } = readContent(pkg, name, glyphs);
    for (const id of templates) {
      if (!templateGlyphs.has(id)) {
        const t: Glyphs[] = [];
        const tname = templateLocs.has(id) ? pkg.resolve(docRoot, templateLocs.get(id)!) : undefined;
        if (tname) readContent(pkg, tname, t);
        templateGlyphs.set(id, t);
      }
      glyphs.push(...templateGlyphs.get(id)!);
    }
    const [, , width, height] = box ?? (docBox.length === 4 ? docBox : DEFAULT_BOX);
    return { lines: glyphsToLines(glyphs), width, height };
  });
  const text = pagesToText(stripHeadersFooters(pages));
  if (!/[\p{L}\p{N}]/u.test(text)) throw docError("format_invalid", path, `${path}: the OFD contains no text`, { pages: pages.length });
  const title = info.get("Title") || undefined;
  const createdOn = parseDate(info.get("CreationDate") ?? "") ?? parseDate(info.get("ModDate") ?? "");
  return { text, format: "ofd", encoding: "utf-8", ocr: false, ...(title ? { title } : {}), ...(createdOn ? { createdOn } : {}) };
};
