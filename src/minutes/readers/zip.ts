/**
 * A small ZIP reader for DOCX: it reads the central directory, so sizes are known
 * before anything is inflated, and inflates one entry at a time with a hard cap on
 * the output (a zip bomb that lies about its sizes is stopped at the cap too).
 */
import { inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Why a ZIP could not be used: malformed, unsupported (encrypted, ZIP64, odd method) or too big. */
export class ZipError extends Error {
  constructor(
    readonly kind: "invalid" | "unsupported" | "too_large",
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;
const MAX_ENTRIES = 20_000;

/** Lists the entries from the central directory. Nothing is inflated. */
export function listZip(buf: Buffer): ZipEntry[] {
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("invalid", "not a ZIP archive (no end of central directory)");
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new ZipError("unsupported", "ZIP64 archives are not supported");
  }
  if (count > MAX_ENTRIES) throw new ZipError("too_large", `the archive has ${count} entries (limit ${MAX_ENTRIES})`, { entries: count });
  if (cdOffset + cdSize > eocd) throw new ZipError("invalid", "the central directory lies outside the file");
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CEN) throw new ZipError("invalid", "corrupt central directory");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc32 = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > eocd) throw new ZipError("invalid", "corrupt central directory");
    const name = buf.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLen);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new ZipError("unsupported", "ZIP64 archives are not supported");
    }
    entries.push({ name, method, flags, crc32, compressedSize, size, localHeaderOffset });
    p = end;
  }
  return entries;
}

let crcTable: Int32Array | undefined;
export function crc32(buf: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = crcTable[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * Inflates one entry. Refuses entries that declare more than `maxSize` bytes, and
 * stops inflating at the declared size: an entry that inflates to more is a bomb.
 */
export function readEntry(buf: Buffer, e: ZipEntry, maxSize: number): Buffer {
  if (e.flags & 0x1) throw new ZipError("unsupported", `${e.name} is encrypted`);
  if (e.size > maxSize) {
    throw new ZipError("too_large", `${e.name} would expand to ${e.size} bytes (limit ${maxSize})`, { entry: e.name, declared: e.size, limit: maxSize });
  }
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOC) throw new ZipError("invalid", `corrupt local header for ${e.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw new ZipError("invalid", `${e.name} is truncated`);
  const raw = buf.subarray(start, start + e.compressedSize);
  let out: Buffer;
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new ZipError("invalid", `${e.name}: stored entry with mismatched sizes`);
    out = raw;
  } else if (e.method === 8) {
    try {
      // One byte of slack so that "more than declared" is detectable.
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size + 1) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw new ZipError("too_large", `${e.name} inflates beyond its declared ${e.size} bytes (zip bomb?)`, { entry: e.name, declared: e.size });
      }
      throw new ZipError("invalid", `${e.name}: corrupt deflate data (${(err as Error).message})`);
    }
    if (out.length !== e.size) {
      throw new ZipError(out.length > e.size ? "too_large" : "invalid", `${e.name} inflates to ${out.length} bytes, not the declared ${e.size}`, {
        entry: e.name,
        declared: e.size,
      });
    }
  } else {
    throw new ZipError("unsupported", `${e.name} uses compression method ${e.method}`);
  }
  if (crc32(out) !== e.crc32) throw new ZipError("invalid", `${e.name}: CRC mismatch`);
  return out;
}
