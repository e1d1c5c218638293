/** Zero-width characters (U+200B–U+200D, U+2060, U+FEFF) that split words invisibly: «交\u200b通规划». */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** The one normalisation every question and search query gets before anything reads it. */
export function normalizeQuestion(q: string): string {
  return q.replace(ZERO_WIDTH, "").trim();
}
