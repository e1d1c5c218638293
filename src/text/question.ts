import { INVISIBLE } from "./invisible.js";

/** The one normalisation every question and search query gets before anything reads it. */
export function normalizeQuestion(q: string): string {
  return q.replace(INVISIBLE, "").trim();
}
