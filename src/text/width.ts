/** Terminal display width: East Asian wide and fullwidth characters and emoji take two columns. */

const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;

/** Columns one character takes. */
export function charWidth(ch: string): number {
  return WIDE.test(ch) ? 2 : 1;
}

/** Columns a string takes. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** `s` padded with spaces, or cut with «…», to exactly `width` columns. */
export function fitWidth(s: string, width: number): string {
  let out = "";
  let w = 0;
  for (const ch of s.replace(/\s+/g, " ")) {
    const cw = charWidth(ch);
    if (w + cw > width - (displayWidth(s) > width ? 1 : 0)) return `${out}…${" ".repeat(Math.max(0, width - w - 1))}`;
    out += ch;
    w += cw;
  }
  return out + " ".repeat(Math.max(0, width - w));
}

/**
 * Wraps one paragraph to `width` columns, continuation lines indented by `indent` spaces: at spaces
 * between words, and between any two CJK characters (where Chinese text may break).
 */
export function wrapText(text: string, width: number, indent = 0): string[] {
  const tokens = text.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFF60](?:[，。、；：！？）》」』”’])*|\S+\s*|\s+/gu) ?? [];
  const lines: string[] = [];
  let line = "";
  let w = 0;
  const pad = " ".repeat(indent);
  for (const token of tokens) {
    const tw = displayWidth(token.trimEnd());
    if (w > 0 && w + tw > width) {
      lines.push(line.trimEnd());
      line = pad;
      w = indent;
      if (!token.trim()) continue;
    }
    line += token;
    w += displayWidth(token);
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}
