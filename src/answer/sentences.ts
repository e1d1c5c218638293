/**
 * Sentences of a model's answer, as it streams: a sentence ends at 。！？；
 * or a line break, and keeps the closing quotes and citation markers that follow.
 */

const TERMINATOR = /[。！？!?；;\n]/;
/** What may follow a terminator and still belong to the sentence: closing quotes and brackets, markers, spaces. */
const TRAILER = /^(?:[”’」』）)》"']|\s|\[\d{1,3}\])*/;

/** Splits off the complete sentences of `text`; `rest` is an unfinished tail (all of it when `final`). */
export function splitSentences(text: string, final = false): { sentences: string[]; rest: string } {
  const sentences: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (!TERMINATOR.test(text[i])) continue;
    const end = i + 1 + TRAILER.exec(text.slice(i + 1))![0].length;
    // A marker or closing quote may still arrive: the sentence is complete only once something else follows.
    if (!final && (end >= text.length || /^\[\d{0,3}$/.test(text.slice(end)))) break;
    sentences.push(text.slice(start, end));
    start = end;
    i = end - 1;
  }
  const rest = text.slice(start);
  if (final && rest.trim()) return { sentences: [...sentences, rest], rest: "" };
  return { sentences, rest: final ? "" : rest };
}

/** Buffers streamed text and hands out whole sentences. */
export class SentenceBuffer {
  private pending = "";

  /** Adds streamed text; returns the sentences it completed. */
  push(delta: string): string[] {
    const { sentences, rest } = splitSentences(this.pending + delta);
    this.pending = rest;
    return sentences;
  }

  /** The stream ended: whatever is left is the last sentence. */
  end(): string[] {
    const { sentences } = splitSentences(this.pending, true);
    this.pending = "";
    return sentences;
  }
}
