import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { DocumentError, unreadableFile } from "../errors.js";
import { parseRecords } from "./parse.js";
import { folderVisibility } from "./folder-visibility.js";
import { readers, sniffFormat } from "./readers/index.js";
import { decodeText } from "./readers/text.js";
import type { ExtractedText, ReaderOptions } from "./readers/types.js";
import type { Minutes } from "./schema.js";

/** Files above this size are refused before they are read. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Reads a file of any supported format (text, PDF, DOCX, HTML, image) into plain text. */
export async function extractText(path: string, opts: ReaderOptions = {}): Promise<{ extracted: ExtractedText; sha256: string }> {
  const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new DocumentError("file_unreadable", `${path}: not a regular file`, { subject: path });
    size = st.size;
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw new DocumentError("file_not_found", `${path}: no such file`, { subject: path, cause: err });
  }
  if (size > maxBytes) {
    throw new DocumentError("file_too_large", `${path}: ${(size / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit`, {
      subject: path,
      details: { size, maxBytes },
    });
  }
  const bytes = await readFile(path).catch((err: unknown) => {
    throw unreadableFile(path, err);
  });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const format = sniffFormat(bytes, path);
  if (format === "text") {
    const { text, encoding } = decodeText(bytes, path);
    return { extracted: { text, format, encoding, ocr: false }, sha256 };
  }
  return { extracted: await readers[format](bytes, path, { ...opts, maxBytes }), sha256 };
}

/**
 * Reads and parses one file into its meeting records: one for most files, one
 * per meeting for a file that holds several. Throws DocumentError naming the file.
 */
export async function readRecordsFile(path: string, opts: ReaderOptions = {}): Promise<Minutes[]> {
  const { extracted, sha256 } = await extractText(path, opts);
  return parseRecords(extracted.text, {
    path,
    sha256,
    encoding: extracted.encoding,
    format: extracted.format,
    ocr: extracted.ocr,
    published: extracted.publishedOn ?? null,
    created: extracted.createdOn ?? null,
    visibility: await folderVisibility(path),
  });
}

/** Reads and parses a file of one meeting record (the first, when it holds several). */
export async function readMinutesFile(path: string, opts: ReaderOptions = {}): Promise<Minutes> {
  return (await readRecordsFile(path, opts))[0];
}
