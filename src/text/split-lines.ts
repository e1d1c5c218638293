/** Long texts sent in parts under a platform's message cap, cut at line ends. */

/** Splits `text` at line ends into parts of at most `max` UTF-8 bytes (a longer line is cut by characters). */
export function splitLines(text: string, max: number): string[] {
  const parts: string[] = [];
  let cur = "";
  const push = () => {
    if (cur) parts.push(cur);
    cur = "";
  };
  for (const line of text.split("\n")) {
    const next = cur ? `${cur}\n${line}` : line;
    if (Buffer.byteLength(next) <= max) {
      cur = next;
      continue;
    }
    push();
    let rest = line;
    while (Buffer.byteLength(rest) > max) {
      let cut = Math.min(rest.length, max);
      while (Buffer.byteLength(rest.slice(0, cut)) > max) cut--;
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    cur = rest;
  }
  push();
  return parts;
}
