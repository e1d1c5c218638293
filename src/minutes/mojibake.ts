/**
 * Mojibake: UTF-8 bytes read as Windows-1252 or Latin-1 and saved again, so
 * every Chinese character became two or three Latin letters and symbols
 * («ä¼šè®®» for «会议»). Such a text cannot be read back without guessing, so
 * it is refused rather than indexed as noise.
 */

/** A UTF-8 lead byte of a CJK character or full-width punctuation (E2–EF) followed by a continuation byte, as Windows-1252/Latin-1 shows them. */
const LEAD_AND_CONTINUATION =
  /[\u00e2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/g;
const CJK = /[\u3400-\u9fff]/g;

/** True when the text reads as UTF-8 mojibake: more garbled character pairs than Chinese characters, and at least ten. */
export function isMojibake(text: string): boolean {
  const garbled = text.match(LEAD_AND_CONTINUATION)?.length ?? 0;
  if (garbled < 10) return false;
  return garbled > (text.match(CJK)?.length ?? 0);
}
