import { citationLabel } from "../answer/citations.js";
import type { Answer } from "../answer/types.js";

/** Plain-text rendering of an answer for terminals: the answer, then numbered sources with their quotes. */
export function renderAnswerText(a: Answer): string {
  const out = [a.answer];
  if (a.notice) out.unshift(`(${a.notice})`);
  if (a.citations.length) {
    out.push("", "来源：");
    for (const c of a.citations) out.push(`[${c.n}] ${citationLabel(c)}`, `    「${c.quote}」`);
  }
  return out.join("\n");
}
