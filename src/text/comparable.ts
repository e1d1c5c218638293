/**
 * The form text is compared in when one text must be found in another (an
 * answer's claims in the excerpt it cites, an instruction planted in a record):
 * what a reader cannot see or does not read as content must not hide a match.
 */
import { fold } from "../index/tokenize.js";
import { INVISIBLE } from "./invisible.js";

/** Dots and bullets that may sit between characters without meaning: «交·通», «规•划». */
const SEPARATOR = /[·•・‧∙⋅]/g;
const HAN = "\\p{Script=Han}";
/** Spacing next to a Han character or a CJK punctuation mark (PDF line breaks, letter-spaced titles). */
const SPACE_BY_HAN = new RegExp(`\\s+(?=[${HAN}\\u3000-\\u303f\\uff00-\\uffef])|(?<=[${HAN}\\u3000-\\u303f\\uff00-\\uffef])\\s+`, "gu");
/** Digit grouping «10,000» reads as «10000». */
const DIGIT_GROUP = /(?<=\d)[,，'](?=\d{3}(?!\d))/g;

/**
 * `s` as it is compared: NFKC, traditional folded to simplified, lower case,
 * without invisible characters, separator dots, digit grouping or spacing next
 * to Han characters; other spacing becomes one space (Latin words stay apart).
 */
export function comparable(s: string): string {
  return fold(s.normalize("NFKC")).replace(INVISIBLE, "").replace(SEPARATOR, "").replace(DIGIT_GROUP, "").replace(SPACE_BY_HAN, "").replace(/\s+/g, " ").trim();
}
