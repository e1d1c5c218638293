/** An answer in the Markdown the chat platforms render (飞书 lark_md, 钉钉 markdown, 企业微信 markdown). */
import type { Answer } from "../answer/types.js";
import { sourceSpans } from "../text/source-line.js";
import { truncate } from "../text/truncate.js";
import { CHAT_TEXTS } from "./texts.js";

/** Markdown markup characters; quotes stay verbatim when they are escaped. */
export const escapeMarkdown = (s: string) => s.replace(/([*_~`<>[\]\\])/g, "\\$1");

/** Quotes are cut to this many characters so a long answer fits the platforms' message limits. */
const QUOTE_CHARS = 600;

/** «**来源**», then «[n] **纪要第N号** · date · item» and the quote as a blockquote, per citation; empty without citations. */
export function sourcesMarkdown(a: Answer): string {
  if (!a.citations.length) return "";
  const lines = a.citations.map((c) => {
    const source = sourceSpans(c)
      .map((s) => (s.style === "b" ? `**${escapeMarkdown(s.text)}**` : escapeMarkdown(s.text)))
      .join("");
    return `[${c.n}] ${source}\n> ${escapeMarkdown(truncate(c.quote, QUOTE_CHARS))}`;
  });
  return `**${CHAT_TEXTS.sources}**\n${lines.join("\n\n")}`;
}

/** The whole answer: notice, the answer with [n] markers, the sources. */
export function answerMarkdown(a: Answer): string {
  return [a.notice ? `*${escapeMarkdown(a.notice)}*` : "", escapeMarkdown(a.answer), sourcesMarkdown(a)].filter(Boolean).join("\n\n");
}
