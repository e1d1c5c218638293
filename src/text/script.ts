/**
 * Script folding: traditional Chinese (正體/繁體) to simplified, one UTF-16
 * code unit for one, so that every offset into the folded string is an offset
 * into the original. Matching (parser patterns, index terms, questions) runs on
 * the folded form; quotes are always sliced from the original text.
 */
import * as OpenCC from "opencc-js";

// OpenCC's character-level table ("t" → "cn"), without regional phrase rewrites
// («軟體» → «软件») that would change lengths and break offsets.
const convert = OpenCC.Converter({ from: "t", to: "cn" });
const charCache = new Map<string, string>();

function foldChar(ch: string): string {
  const cached = charCache.get(ch);
  if (cached !== undefined) return cached;
  const c = convert(ch);
  const out = c.length === ch.length ? c : ch;
  charCache.set(ch, out);
  return out;
}

/** Any character outside ASCII that the table could change. */
const MAY_FOLD = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Folds traditional characters to simplified, keeping the length: `toSimplified(s).length === s.length`
 * and position i of the result folds position i of `s`.
 */
export function toSimplified(s: string): string {
  if (!MAY_FOLD.test(s)) return s;
  const whole = convert(s);
  if (whole.length === s.length) return whole;
  let out = "";
  for (const ch of s) out += foldChar(ch);
  return out;
}

/** True when folding changes the text, i.e. it has traditional-only characters. */
export function hasTraditional(s: string): boolean {
  return toSimplified(s) !== s;
}

/**
 * Maps a string found in the folded text back to the original characters, by
 * position: `original.slice(i, i + found.length)` where `folded` has it at i.
 * Returns `found` unchanged when it is not a substring of `folded`.
 */
export function unfold(found: string, folded: string, original: string, from = 0): string {
  if (folded === original || !found) return found;
  const i = folded.indexOf(found, from);
  return i < 0 ? found : original.slice(i, i + found.length);
}
