/** WeCom's markdown messages are capped in UTF-8 bytes: answers are split (application) or cut (AI bot) under the cap. */
import { splitLines } from "../text/split-lines.js";

/** Splits markdown at line ends into parts of at most `max` UTF-8 bytes (a longer line is cut by characters). */
export const splitMarkdown = splitLines;

/** The first `max` bytes of markdown, cut at a line end, «…» on a line of its own when anything was left out. */
export function capMarkdown(text: string, max: number): string {
  const parts = splitMarkdown(text, max - 4);
  return parts.length > 1 ? `${parts[0]}\n…` : (parts[0] ?? "");
}
