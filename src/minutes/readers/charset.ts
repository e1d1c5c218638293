/**
 * Charset decoding for every reader: byte-order marks, then iconv-lite for the
 * charset a file declares or a reader guesses (GB18030, GBK, Big5, …).
 */
import iconv from "iconv-lite";

/** The charset a byte-order mark at the start of `bytes` names, and the mark's length. */
export function byteOrderMark(bytes: Uint8Array): { encoding: "utf-8" | "utf-16le" | "utf-16be"; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** Whether iconv-lite can decode a charset label (as written in a `<meta charset>`). */
export function charsetKnown(label: string): boolean {
  return iconv.encodingExists(label);
}

export interface DecodeOptions {
  /**
   * Throw a TypeError on bytes that are invalid in the charset instead of
   * decoding them to U+FFFD (UTF-8 and UTF-16 only: other charsets have no strict decoder).
   */
  fatal?: boolean;
  /** The bytes may end inside a character (a copy cut off): decode what comes before it. */
  cutEnd?: boolean;
}

const STRICT = new Set(["utf-8", "utf8", "utf-16le", "utf-16be"]);

/**
 * Decodes `bytes` (without their byte-order mark) in `encoding`. Strict
 * decoding goes through the platform's TextDecoder, since iconv-lite always replaces.
 */
export function decodeBytes(bytes: Uint8Array, encoding: string, opts: DecodeOptions = {}): string {
  const enc = encoding.toLowerCase();
  if ((opts.fatal || opts.cutEnd) && STRICT.has(enc)) {
    return new TextDecoder(enc, { fatal: opts.fatal ?? false, ignoreBOM: true }).decode(bytes, { stream: opts.cutEnd ?? false });
  }
  if (opts.fatal) throw new RangeError(`no strict decoder for ${encoding}`);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), enc, { stripBOM: false });
}
