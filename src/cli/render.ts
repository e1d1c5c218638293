import { citationLabel } from "../answer/citations.js";
import type { ReferenceOptions } from "../answer/reference.js";
import { answerDocument } from "../export/answer-document.js";
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

/** The answer's formal references, «[n] 《…》…：“…”», one per line, ready to paste. */
export function renderReferences(a: Answer, opts: ReferenceOptions = {}): string {
  return answerDocument(a, opts).references.join("\n");
}
