import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DocumentError } from "../errors.js";

/**
 * The editable vocabulary in data/lexicon: how citizens speak versus how
 * minutes are written, unit aliases, and domain terms for segmentation.
 */
export interface Lexicon {
  /** colloquial → formal terms (看病 → 医疗, 卫生健康, …). */
  synonyms: Map<string, string[]>;
  /** canonical unit (市交运局) → aliases without prefix (交通运输局, 交运局, …). */
  units: Map<string, string[]>;
  terms: string[];
}

export const EMPTY_LEXICON: Lexicon = { synonyms: new Map(), units: new Map(), terms: [] };

function parseTsv(text: string, file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith("#")) return;
    const [key, values, ...extra] = line.split("\t");
    if (!key?.trim() || values === undefined || extra.length) {
      throw new DocumentError("format_invalid", `${file}:${i + 1}: expected «term<TAB>alt1|alt2»`, { subject: `${file}:${i + 1}` });
    }
    const list = values
      .split("|")
      .map((v) => v.trim())
      .filter(Boolean);
    out.set(key.trim(), [...(out.get(key.trim()) ?? []), ...list]);
  });
  return out;
}

/** Loads data/lexicon; missing files mean an empty part, a malformed line is an error naming file and line. */
export async function loadLexicon(dir: string): Promise<Lexicon> {
  const read = async (name: string) => (existsSync(join(dir, name)) ? readFile(join(dir, name), "utf8") : "");
  const [syn, units, terms] = await Promise.all([read("synonyms.tsv"), read("units.tsv"), read("terms.txt")]);
  return {
    synonyms: parseTsv(syn, join(dir, "synonyms.tsv")),
    units: parseTsv(units, join(dir, "units.tsv")),
    terms: terms
      .split(/\r?\n/)
      .map((t) => t.trim())
      .filter((t) => t && !t.startsWith("#")),
  };
}

/** Strips the administrative prefix: 市交运局 → 交运局. */
export function unitCore(unit: string): string {
  return unit.replace(/^(市|县|区|镇|省)/, "");
}
