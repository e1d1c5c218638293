import { DocumentError } from "../../errors.js";
import { byteOrderMark, decodeBytes } from "./charset.js";

/** Decoded plain text and the encoding it was found in. */
export interface DecodedText {
  text: string;
  encoding: string;
}

function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control > sample.length * 0.02;
}

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or
 * GB18030/GBK. Throws DocumentError naming the file when it is empty, binary
 * or in no encoding we can read.
 */
export function decodeText(bytes: Buffer, path: string): DecodedText {
  if (bytes.length === 0) throw new DocumentError("file_empty", `${path}: the file is empty`, { subject: path });
  const bom = byteOrderMark(bytes);
  if (bom) return { text: decodeBytes(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding === "utf-8" ? "utf-8-bom" : bom.encoding };
  if (looksBinary(bytes)) {
    throw new DocumentError("file_binary", `${path}: the file is binary, not text`, { subject: path });
  }
  try {
    // cutEnd: a copy cut inside its last character decodes to the characters before it.
    return { text: decodeBytes(bytes, "utf-8", { fatal: true, cutEnd: true }), encoding: "utf-8" };
  } catch {
    // Not UTF-8: Chinese government files are most often GB18030 (a superset of GBK and GB2312).
  }
  const text = decodeBytes(bytes, "gb18030");
  const bad = (text.match(/[\ufffd\ue000-\uf8ff]/g) ?? []).length;
  if (bad > Math.max(2, text.length * 0.01)) {
    throw new DocumentError("file_unreadable", `${path}: the text is neither UTF-8, UTF-16 nor GB18030`, { subject: path });
  }
  return { text, encoding: "gb18030" };
}
