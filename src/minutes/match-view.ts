/**
 * The form of a record's text that the parser's patterns read: simplified
 * characters and full-width punctuation, one code unit for one, so every
 * offset found in the view is an offset into the record's own text (quotes
 * keep their traditional characters and half-width commas).
 */
import { toSimplified } from "../text/script.js";

const FULL: Record<string, string> = { ",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？" };
const WIDE = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’《》、]/;

/** Simplified, with half-width punctuation next to Chinese text made full-width. */
export function matchView(text: string): string {
  // Full-width digits («２０２３年») read as ASCII digits, one for one.
  const s = toSimplified(text).replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/[,:;()!?]/.test(s)) return s;
  const out = s.split("");
  for (let i = 0; i < out.length; i++) {
    const c = out[i];
    const full = FULL[c];
    if (!full) continue;
    const prev = out[i - 1] ?? "";
    const next = s[i + 1] ?? "";
    if (c === "(") {
      // «(一)», «(1)» and «(此件公开发布)» open a label or a remark.
      const close = s.indexOf(")", i);
      if (close > i && close - i <= 40 && (WIDE.test(next) || WIDE.test(prev) || /^\(\d{1,2}\)/.test(s.slice(i, close + 1)))) {
        out[i] = "（";
        out[close] = "）";
      }
      continue;
    }
    if (c === ")") continue;
    // «10:20» and «3,500» stay as they are; a comma or colon after or before Chinese text becomes full-width.
    if (/\d/.test(prev) && /\d/.test(next)) continue;
    if (WIDE.test(prev) || WIDE.test(next)) out[i] = full;
  }
  return out.join("");
}
