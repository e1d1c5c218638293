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
/** Folded code unit per BMP code unit, 0 until first seen: one array read per character after that. */
const table = new Uint16Array(0x10000);

function foldCode(c: number): number {
  const known = table[c];
  if (known !== 0) return known;
  const ch = String.fromCharCode(c);
  const f = convert(ch);
  const out = f.length === 1 ? f.charCodeAt(0) : c;
  table[c] = out;
  return out;
}

/**
 * Folds traditional characters to simplified, keeping the length: `toSimplified(s).length === s.length`
 * and position i of the result folds position i of `s`.
 */
export function toSimplified(s: string): string {
  // Character by character through a cache: a document has a few thousand distinct
  // ideographs, and OpenCC's phrase matching over whole texts was most of parse time.
  let out: string[] | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x3400 || (c >= 0xd800 && c <= 0xdfff) || c > 0xfaff) continue;
    const f = foldCode(c);
    if (f !== c) {
      out ??= s.split("");
      out[i] = String.fromCharCode(f);
    }
  }
  const folded = out ? out.join("") : s;
  // Taiwan writes 計畫 and 規畫 where the mainland writes 计划 and 规划: same length, same word.
  return folded.includes("画") ? folded.replace(/([计规])画/g, "$1划") : folded;
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
