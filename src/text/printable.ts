/**
 * Terminal-safe text: control characters (a newline or an escape sequence in
 * a file name, say) are shown escaped, so a name cannot forge or repaint lines
 * of the CLI's output.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `s` with every control, line-separator and bidirectional-override character escaped (`\n`, `\u{1b}`). */
export function printable(s: string): string {
  return s.replace(CONTROL, (c) => NAMED[c] ?? `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
