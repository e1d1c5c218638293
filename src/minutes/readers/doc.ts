/**
 * Word 97–2003 .doc and WPS .wps (the same OLE compound file with a WordDocument
 * stream) → text, one paragraph a line, through word-extractor. The FIB is checked
 * for Word's encryption flags first, since an encrypted stream reads as garbage.
 * Automatic list numbers are not in the text stream of the binary format, so items
 * numbered by a Word list lose their «一、» labels (typed numbers are kept).
 */
import WordExtractor from "word-extractor";
import { docError, remainingMs, startRead, timeoutError, trimPara } from "./common.js";
import type { ExtractedText, Reader, ReaderOptions } from "./types.js";

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const FIB_MAGIC = 0xa5ec;
/** nFib of Word 97 (0x00C1) up to Word 2007 (0x0112); WPS writes Word 97's. */
const NFIB = { min: 0x00c1, max: 0x0112 };
const F_ENCRYPTED = 0x0100;
const F_OBFUSCATED = 0x8000;
/** The stream's name as the compound file's directory stores it. */
const WORD_STREAM = Buffer.from("WordDocument\0", "utf16le");
/** Streams that name the other Office formats in the same container. */
const OTHER_STREAMS: [Buffer, string][] = [
  [Buffer.from("Workbook\0", "utf16le"), "an Excel workbook"],
  [Buffer.from("Book\0", "utf16le"), "an Excel workbook"],
  [Buffer.from("PowerPoint Document\0", "utf16le"), "a PowerPoint file"],
];

/** True when the buffer starts with the OLE compound-file signature (D0 CF 11 E0 A1 B1 1A E1). */
export const isCompoundFile = (b: Buffer): boolean => b.length >= 8 && OLE_SIGNATURE.every((v, i) => b[i] === v);

/**
 * The FIB flags of the WordDocument stream, or undefined when none is found. The stream
 * is at least 4 KB, so it lives in regular sectors and starts on a 512-byte boundary.
 */
export function fibFlags(b: Buffer): number | undefined {
  for (let p = 512; p + 12 <= b.length; p += 512) {
    if (b.readUInt16LE(p) !== FIB_MAGIC) continue;
    const nFib = b.readUInt16LE(p + 2);
    if (nFib >= NFIB.min && nFib <= NFIB.max) return b.readUInt16LE(p + 0x0a);
  }
  return undefined;
}

export const readDoc: Reader = async (bytes: Buffer, path: string, opts?: ReaderOptions): Promise<ExtractedText> => {
  const limits = startRead(bytes, path, "Word (.doc/.wps)", opts);
  if (!isCompoundFile(bytes)) throw docError("format_invalid", path, `${path}: not a Word 97–2003 or WPS file (no compound-file signature)`);
  const flags = fibFlags(bytes);
  if (flags !== undefined && flags & (F_ENCRYPTED | F_OBFUSCATED)) {
    throw docError("format_unsupported", path, `${path}: the Word file is password-protected`, { reason: "encrypted" });
  }
  if (flags === undefined && !bytes.includes(WORD_STREAM)) {
    const other = OTHER_STREAMS.find(([name]) => bytes.includes(name));
    if (other)
      throw docError("format_unsupported", path, `${path}: ${other[1]}, not a Word document; save the minutes as .docx, PDF or text`, { kind: other[1] });
  }
  let body: string;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeoutError(path, "reading the Word file", limits)), remainingMs(limits));
    });
    const doc = await Promise.race([new WordExtractor().extract(bytes), timeout]);
    // filterUnicode: false keeps “ ” ‘ ’ — and —, which word-extractor would turn into ASCII.
    body = (doc.getBody as (o: { filterUnicode: boolean }) => string)({ filterUnicode: false });
  } catch (err) {
    if (err instanceof Error && "code" in err && (err as { code: unknown }).code === "file_timeout") throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw docError("format_invalid", path, `${path}: a damaged or truncated Word 97–2003 file`, { detail }, err);
  } finally {
    clearTimeout(timer);
  }
  const text = body
    .split(/\r\n?|\n/)
    .map(trimPara)
    .filter(Boolean)
    .join("\n");
  if (!/[\p{L}\p{N}]/u.test(text)) throw docError("format_invalid", path, `${path}: the Word file contains no text`);
  return { text, format: "doc", encoding: "utf-8", ocr: false };
};
