/** Shortening text for display, on any surface. */

/** Shortens text to at most `max` code units, ending with «…»; never cuts a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}
