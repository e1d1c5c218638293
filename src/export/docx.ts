import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { Answer } from "../answer/types.js";
import { EXPORT_TEXT as X } from "../answer/texts.js";
import type { ReferenceOptions } from "../answer/reference.js";
import { answerDocument } from "./answer-document.js";

// Characters XML 1.0 cannot hold; normalized minutes text has none, but a document must never be unreadable.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** One paragraph; line breaks inside `text` become Word line breaks. */
function paragraph(text: string, opts: { bold?: boolean; italics?: boolean } = {}): Paragraph {
  const lines = text.replace(XML_INVALID, "").split("\n");
  return new Paragraph({ children: lines.map((line, i) => new TextRun({ text: line, break: i ? 1 : 0, ...opts })), spacing: { after: 120 } });
}

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading: level, spacing: { before: 240, after: 120 } });

/** An answer as a Word document (.docx): the question, the answer with [n] markers, then the numbered references. */
export async function answerDocx(a: Answer, opts: ReferenceOptions = {}): Promise<Buffer> {
  const d = answerDocument(a, opts);
  const children: Paragraph[] = [
    heading(d.title, HeadingLevel.TITLE),
    new Paragraph({
      children: [new TextRun({ text: `${X.question}：`, bold: true }), new TextRun(d.question.replace(XML_INVALID, ""))],
      spacing: { after: 120 },
    }),
    heading(X.answer, HeadingLevel.HEADING_1),
  ];
  if (d.notice) children.push(paragraph(d.notice, { italics: true }));
  for (const p of d.paragraphs) children.push(paragraph(p));
  if (d.references.length) {
    children.push(heading(X.references, HeadingLevel.HEADING_1), paragraph(X.verbatim, { italics: true }));
    for (const r of d.references) children.push(paragraph(r));
  }
  const doc = new Document({
    title: `${d.title}：${d.question.replace(XML_INVALID, "")}`,
    creator: "minutes-qa",
    styles: { default: { document: { run: { font: { ascii: "Calibri", hAnsi: "Calibri", eastAsia: "SimSun" }, size: 24 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
