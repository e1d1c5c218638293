/**
 * Which reader a file needs: by content first (magic bytes), then by extension.
 * A .txt that is really a PDF is a PDF; a .doc that is really HTML (common on
 * portals) is HTML; any OLE compound file goes to the .doc/.wps reader, which names
 * an Excel or PowerPoint file as such. Formats that are recognised but not supported
 * (ODT, XLSX, RTF) and unknown binary data throw a DocumentError saying so.
 */
import { extname } from "node:path";
import { byteOrderMark, decodeBytes } from "./charset.js";
import { docError } from "./common.js";
import { isCompoundFile } from "./doc.js";
import type { SourceFormat } from "./types.js";
import { listZip } from "./zip.js";

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

const IMAGE_EXT = new Set([".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".pnm", ".pbm", ".pgm", ".ppm"]);
const WORD_EXT = new Set([".doc", ".wps", ".docx", ".dot", ".wpt"]);
const HTML_EXT = new Set([".html", ".htm", ".shtml", ".xhtml", ".mht", ".jsp", ".asp", ".aspx", ".php"]);

function isImage(b: Buffer): boolean {
  return (
    startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) || // PNG
    startsWith(b, [0xff, 0xd8, 0xff]) || // JPEG
    startsWith(b, [0x47, 0x49, 0x46, 0x38]) || // GIF8
    startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || // TIFF little-endian
    startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) || // TIFF big-endian
    (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) || // RIFF....WEBP
    (startsWith(b, [0x42, 0x4d]) && b.length > 26 && b.readUInt32LE(2) === b.length) // BMP with a matching size
  );
}

/** The first characters of the file as text, for tag sniffing (UTF-16 aware). */
function head(b: Buffer): string {
  const slice = b.subarray(0, 2048);
  const bom = byteOrderMark(slice);
  if (bom?.encoding === "utf-8") return slice.subarray(bom.length).toString("latin1");
  return bom ? decodeBytes(slice.subarray(bom.length), bom.encoding) : slice.toString("latin1");
}

function looksHtml(text: string): boolean {
  const t = text
    .replace(/^(\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*/, "")
    .slice(0, 1024)
    .toLowerCase();
  return /^<!doctype\s+html/.test(t) || /^<(html|head|body|meta|title)[\s>]/.test(t) || /<html[\s>]/.test(t.slice(0, 512));
}

function zipKind(bytes: Buffer, path: string): SourceFormat {
  let names: string[];
  try {
    names = listZip(bytes).map((e) => e.name);
  } catch {
    // A damaged archive: trust a .docx extension and let the reader report the damage.
    const ext = extname(path).toLowerCase();
    if (ext === ".docx" || ext === ".ofd") return ext.slice(1) as SourceFormat;
    throw docError("format_invalid", path, `${path}: a damaged ZIP archive, not a readable document`);
  }
  if (names.includes("OFD.xml")) return "ofd";
  if (names.includes("word/document.xml") || names.some((n) => /^word\/[^/]+\.xml$/.test(n) && names.includes("[Content_Types].xml"))) return "docx";
  const what = names.includes("content.xml")
    ? "an OpenDocument file (ODT/ODS)"
    : names.some((n) => n.startsWith("xl/"))
      ? "an Excel workbook"
      : names.some((n) => n.startsWith("ppt/"))
        ? "a PowerPoint file"
        : "a ZIP archive";
  throw docError("format_unsupported", path, `${path}: ${what} is not supported; save the minutes as .docx, PDF or text`, { entries: names.slice(0, 10) });
}

export function sniffFormat(bytes: Buffer, path: string): SourceFormat {
  // Content first.
  if (bytes.subarray(0, 1024).indexOf("%PDF-") >= 0) return "pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return zipKind(bytes, path);
  if (isCompoundFile(bytes)) return "doc";
  if (isImage(bytes)) return "image";
  const text = head(bytes);
  if (/^\s*\{\\rtf/.test(text)) {
    const disguise = WORD_EXT.has(extname(path).toLowerCase()) ? ` (saved with a ${extname(path)} extension)` : "";
    throw docError("format_unsupported", path, `${path}: an RTF file${disguise}; RTF is not supported, save it as .docx, .doc or PDF`);
  }
  if (looksHtml(text)) return "html";

  // Then the extension.
  const ext = extname(path).toLowerCase();
  if (ext === ".pdf") return "pdf";
  if (ext === ".docx") return "docx";
  if (ext === ".ofd") return "ofd";
  if (ext === ".doc" || ext === ".wps") return "doc";
  if (HTML_EXT.has(ext) && bytes.length > 0 && /<[a-z!/]/i.test(text)) return "html";
  if (IMAGE_EXT.has(ext)) return "image";

  // Binary data that matched nothing is not text either.
  const sample = bytes.subarray(0, 8192);
  const utf16 = startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff]);
  if (!utf16 && sample.includes(0)) throw docError("file_binary", path, `${path}: binary data of an unknown format`);
  return "text";
}
