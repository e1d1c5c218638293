/** WeCom's markdown messages are capped in UTF-8 bytes: answers are split (application) or cut (AI bot) under the cap. */

/** Splits markdown at line ends into parts of at most `max` UTF-8 bytes (a longer line is cut by characters). */
export function splitMarkdown(text: string, max: number): string[] {
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

/** The first `max` bytes of markdown, cut at a line end, «…» on a line of its own when anything was left out. */
export function capMarkdown(text: string, max: number): string {
  const parts = splitMarkdown(text, max - 4);
  return parts.length > 1 ? `${parts[0]}\n…` : (parts[0] ?? "");
}
