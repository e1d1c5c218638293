// Placeholder until the format readers land (helper replaces this file).
import { DocumentError } from "../../errors.js";
import type { Reader, SourceFormat } from "./types.js";
const unsupported: Reader = async (_b, path) => {
  throw new DocumentError("format_unsupported", `${path}: format not supported yet`, { subject: path });
};
export const readers: Record<Exclude<SourceFormat, "text">, Reader> = { pdf: unsupported, docx: unsupported, html: unsupported, image: unsupported };
export function sniffFormat(_bytes: Buffer, _path: string): SourceFormat {
  return "text";
}
