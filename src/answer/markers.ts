/** Citation markers «[n]» in answer text: ours, or look-alikes that came from source text. */

/** One citation marker in answer text, e.g. «[2]». */
export const MARKER = /\[(\d{1,3})\]/g;

/**
 * Source text that looks like a citation marker («[9]» in the minutes) is shown
 * in full-width brackets («［9］»), so no interface takes it for a citation.
 */
export function neutralizeMarkers(text: string): string {
  return text.replace(/\[(\d+)\]/g, "［$1］");
}

/** The marker numbers in `text`, in order. */
export function markerNumbers(text: string): number[] {
  return [...text.matchAll(MARKER)].map((m) => Number(m[1]));
}

/**
 * An extractive answer's text with look-alike markers from the quoted source
 * neutralised: ours close a line («…。[2]»), anything else is source text.
 */
export function neutralizeSourceMarkers(answer: string): string {
  return answer
    .split("\n")
    .map((line) => {
      const ours = /(?:\[\d{1,3}\])+$/.exec(line)?.[0] ?? "";
      return neutralizeMarkers(line.slice(0, line.length - ours.length)) + ours;
    })
    .join("\n");
}
