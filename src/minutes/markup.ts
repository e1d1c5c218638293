/**
 * A page saved with its HTML tags inside a text file («<p>会议强调，…</p>»):
 * the tags, scripts, styles and comments are markup, not text. htmlparser2
 * reads the markup; what stood in its place is marked with SEAM_MARK, so the
 * normalizer knows removed text stood there and no quote runs across it.
 */
import { Parser } from "htmlparser2";
import { BLOCK, DROP } from "./readers/html.js";

/** Stands where markup was removed; the normalizer turns it into a seam. */
export const SEAM_MARK = "\ue000";

/** Elements whose content is never text a reader sees: the page reader's dropped elements, and the page's head. */
const HIDDEN = new Set([...DROP, "head", "title"]);
const TAG = /<\/?(?:p|div|span|br|font|strong|b|em|table|tr|td|li|ul|ol|h[1-6]|a|img|section|article|html|body|head|meta|script|style)\b[^<>]*>/gi;

/** True when the text carries HTML markup: a few tags, not one «<» in a sentence. */
export function hasMarkup(text: string): boolean {
  TAG.lastIndex = 0;
  let n = 0;
  while (TAG.exec(text)) if (++n >= 3) return true;
  return false;
}

/** The text a reader of the page sees, line breaks where blocks break, SEAM_MARK where markup was. */
export function stripMarkup(text: string): string {
  const out: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (HIDDEN.has(name)) hidden++;
        out.push(BLOCK.has(name) || name === "br" ? `\n${SEAM_MARK}` : SEAM_MARK);
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        out.push(BLOCK.has(name) || name === "br" ? `\n${SEAM_MARK}` : SEAM_MARK);
      },
      ontext(t) {
        if (!hidden) out.push(t);
      },
      oncomment() {
        out.push(SEAM_MARK);
      },
    },
    { decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  return out.join("");
}
