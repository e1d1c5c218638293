import type { Answer } from "../answer/types.js";
import { EXPORT_TEXT as X } from "../answer/texts.js";
import type { ReferenceOptions } from "../answer/reference.js";
import { answerDocument } from "./answer-document.js";

/** Escapes what Markdown would read as markup; «[n]» markers stay as written (no link follows them). */
function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_<>])/g, "\\$1").replace(/^(\s*)([#>+-]|\d+\.)(?=\s)/gm, "$1\\$2");
}

/** An answer as Markdown: the question, the answer with [n] markers, then the numbered references. */
export function answerMarkdown(a: Answer, opts: ReferenceOptions = {}): string {
  const d = answerDocument(a, opts);
  const out = [`# ${d.title}`, "", `**${X.question}**：${escapeMarkdown(d.question)}`, "", `## ${X.answer}`, ""];
  if (d.notice) out.push(`*${escapeMarkdown(d.notice)}*`, "");
  for (const p of d.paragraphs) out.push(escapeMarkdown(p), "");
  if (d.references.length) {
    out.push(`## ${X.references}`, "", X.verbatim, "");
    // A blank line between references keeps each one its own paragraph; a quote's own line breaks stay hard breaks.
    for (const r of d.references) out.push(escapeMarkdown(r).replace(/\n/g, "  \n"), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
