import type { Answer } from "../answer/types.js";
import { EXPORT_TEXT as X } from "../answer/texts.js";
import { formatReference, numberedReferences, type ReferenceOptions } from "../answer/reference.js";

/** What an exported answer holds, in reading order: shared by the Markdown and Word renderings. */
export interface AnswerDocument {
  title: string;
  question: string;
  /** Notice (e.g. the LLM fell back), shown before the answer. */
  notice: string | null;
  /** The answer's paragraphs, with their [n] markers. */
  paragraphs: string[];
  /** «[1] 《…》…：“…”» in marker order; a single reference without its marker. */
  references: string[];
}

/** Lays an answer out for export; the references come from `formatReference`. */
export function answerDocument(a: Answer, opts: ReferenceOptions = {}): AnswerDocument {
  const paragraphs = a.answer
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    title: X.title,
    question: a.question,
    notice: a.notice ?? null,
    paragraphs: paragraphs.length ? paragraphs : [X.notFound],
    references: numberedReferences(a.citations.map((c) => ({ n: c.n, reference: formatReference(c, opts) }))),
  };
}
