/**
 * A ZIP-based document package (DOCX, OFD): the archive is listed once, its total
 * declared size checked against a multiple of maxBytes, and each part inflated on
 * demand with the per-part cap of zip.ts, so a zip bomb is refused by any reader.
 */
import { byteOrderMark, decodeBytes } from "./charset.js";
import { docError, formatBytes, remainingMs, timeoutError, type Limits } from "./common.js";
import { XmlError } from "./sax.js";
import { listZip, readEntry, ZipError, type ZipEntry } from "./zip.js";

/** An archive whose entries declare more than this many times maxBytes in total is refused as a zip bomb. */
export const TOTAL_EXPANSION_FACTOR = 10;

/** The parts of one opened package, read as text with the caps of the read. */
export class ZipPackage {
  private readonly entries: Map<string, ZipEntry>;

  constructor(
    private readonly buf: Buffer,
    entries: ZipEntry[],
    /** The format's name in messages: "DOCX", "OFD". */
    readonly what: string,
    readonly path: string,
    readonly limits: Limits,
  ) {
    this.entries = new Map(entries.map((e) => [e.name, e]));
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The part as text (UTF-8, or UTF-16 with a BOM), or undefined when the archive has no such part. */
  text(name: string): string | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    if (remainingMs(this.limits) <= 0) throw timeoutError(this.path, `reading the ${this.what}`, this.limits);
    let bytes: Buffer;
    try {
      bytes = readEntry(this.buf, e, this.limits.maxBytes);
    } catch (err) {
      throw zipToDocError(err, this.path, this.what, this.limits);
    }
    try {
      const bom = byteOrderMark(bytes);
      return decodeBytes(bom ? bytes.subarray(bom.length) : bytes, bom?.encoding ?? "utf-8", { fatal: true });
    } catch (err) {
      throw docError("format_invalid", this.path, `${this.path}: ${name} is not valid UTF-8/UTF-16 text`, { part: name }, err);
    }
  }

  /** Parses one XML part with `parse`; false when the archive has no such part. An XmlError becomes a DocumentError naming the part. */
  xmlPart(name: string, parse: (src: string) => void): boolean {
    const src = this.text(name);
    if (src === undefined) return false;
    try {
      parse(src);
    } catch (err) {
      if (err instanceof XmlError) throw docError("format_invalid", this.path, `${this.path}: malformed XML in ${name}: ${err.message}`, { part: name }, err);
      throw err;
    }
    return true;
  }
}

/** Maps a ZipError to the DocumentError users see; other errors pass through. */
export function zipToDocError(err: unknown, path: string, what: string, limits: Limits): unknown {
  if (!(err instanceof ZipError)) return err;
  switch (err.kind) {
    case "too_large":
      return docError(
        "file_too_large",
        path,
        `${path}: ${err.message}; refusing to inflate (zip bomb?). Limit per part: ${formatBytes(limits.maxBytes)}`,
        err.details,
        err,
      );
    case "unsupported":
      return docError("format_unsupported", path, `${path}: ${err.message}`, err.details, err);
    default:
      return docError("format_invalid", path, `${path}: not a valid ${what} (ZIP) file: ${err.message}`, err.details, err);
  }
}

type PackageClass<P extends ZipPackage> = new (buf: Buffer, entries: ZipEntry[], what: string, path: string, limits: Limits) => P;

/**
 * Lists the archive and refuses one whose parts declare more than TOTAL_EXPANSION_FACTOR × maxBytes.
 * `Kind` is a reader's subclass of ZipPackage. Throws DocumentError.
 */
export function openZipPackage<P extends ZipPackage = ZipPackage>(bytes: Buffer, path: string, what: string, limits: Limits, Kind?: PackageClass<P>): P {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw docError("format_invalid", path, `${path}: not a ${what} file (no ZIP signature)`);
  }
  let entries: ZipEntry[];
  try {
    entries = listZip(bytes);
  } catch (err) {
    throw zipToDocError(err, path, what, limits);
  }
  const total = entries.reduce((s, e) => s + e.size, 0);
  const limit = TOTAL_EXPANSION_FACTOR * limits.maxBytes;
  if (total > limit) {
    throw docError(
      "file_too_large",
      path,
      `${path}: the ${what} would expand to ${formatBytes(total)} (limit ${formatBytes(limit)}); refusing to inflate (zip bomb?)`,
      {
        declared: total,
        limit,
      },
    );
  }
  return new (Kind ?? (ZipPackage as PackageClass<P>))(bytes, entries, what, path, limits);
}
