import { writeFile } from "node:fs/promises";
import { loadConfig } from "../../config.js";
import { answerJson } from "../../answer/json.js";
import type { ReferenceOptions } from "../../answer/reference.js";
import { FULL_ACCESS, PUBLIC_ACCESS, type Answer } from "../../answer/types.js";
import { InputError } from "../../errors.js";
import { openCliEngine } from "../open-engine.js";
import { intOption, type Command } from "../args.js";
import { renderAnswerText, renderReferences } from "../render.js";
import { answerMarkdown } from "../../export/markdown.js";

export const accessOption = { public: { type: "boolean" as const } };

const FORMATS = ["text", "reference", "markdown", "json"] as const;
type Format = (typeof FORMATS)[number];

/** --format (or --json), checked before any work is done. */
function formatOption(values: Record<string, unknown>): Format {
  const raw = values.format as string | undefined;
  if (raw !== undefined && !(FORMATS as readonly string[]).includes(raw)) {
    throw new InputError("usage", `--format must be one of ${FORMATS.join(", ")} (got «${raw}»)`, { subject: "--format" });
  }
  if (values.json && raw !== undefined && raw !== "json")
    throw new InputError("usage", `--json and --format ${raw} contradict each other`, { subject: "--format" });
  return values.json ? "json" : ((raw as Format | undefined) ?? "text");
}

function render(a: Answer, format: Format, opts: ReferenceOptions): string {
  switch (format) {
    case "json":
      return JSON.stringify(answerJson(a), null, 2);
    case "markdown":
      return answerMarkdown(a, opts).trimEnd();
    case "reference":
      return renderReferences(a, opts);
    case "text":
      return renderAnswerText(a);
  }
}

export const askCommand: Command = {
  name: "ask",
  summary: "answer a question with cited verbatim quotes; copy-ready references, Markdown or a Word file",
  summaryZh: "回答一个问题，引用纪要原文并注明出处；可输出正式引注、Markdown 或 Word 文件",
  examples: [
    'minutes ask "交通规划强调了什么"',
    'minutes ask "交通规划强调了什么" --format reference',
    'minutes ask "住房规划由谁负责" --docx 回答.docx --public',
  ],
  usage: 'ask "<question>" [--format text|reference|markdown|json] [--json] [--docx FILE] [--quote-chars N] [--public]',
  options: { json: { type: "boolean" }, format: { type: "string" }, docx: { type: "string" }, "quote-chars": { type: "string" }, ...accessOption },
  async run({ positionals, values }, io) {
    const question = positionals.join(" ").trim();
    if (!question) throw new InputError("usage", "give a question, e.g. minutes ask 交通规划强调了什么");
    const format = formatOption(values);
    const quoteChars = intOption(values, "quote-chars", 0, 8, 2000);
    const opts: ReferenceOptions = quoteChars ? { maxQuoteChars: quoteChars } : {};
    const engine = await openCliEngine(loadConfig(io.env), io);
    const a = await engine.ask(question, { access: values.public ? PUBLIC_ACCESS : FULL_ACCESS });
    const docx = values.docx as string | undefined;
    if (docx) {
      const { answerDocx } = await import("../../export/docx.js");
      try {
        await writeFile(docx, await answerDocx(a, opts));
      } catch (err) {
        throw new InputError("input_invalid", `--docx ${docx}: cannot write the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, {
          subject: docx,
          cause: err,
        });
      }
      io.err(`wrote ${docx}`);
    }
    const out = render(a, format, opts);
    // With no citation, `reference` has nothing to copy: the answer (未找到…) goes to stderr.
    if (format === "reference" && !a.citations.length) io.err(renderAnswerText(a));
    else io.out(out);
    return 0;
  },
};
