import type { Citation } from "./types.js";
import { MARKER, markerNumbers } from "./markers.js";
import { supportText, unsupported, type KnownNames } from "./support.js";

type Excerpt = Omit<Citation, "n">;

/**
 * Builds an LLM answer sentence by sentence: a sentence is kept only when the
 * excerpts it cites support it; its markers are renumbered in order of first
 * use, so the kept sentences, joined, are the final answer text.
 */
export class SentenceVerifier {
  private readonly support: string[];
  /** Excerpt numbers (1-based, as the model saw them) in order of first use. */
  private readonly order: number[] = [];
  private readonly kept: string[] = [];
  /** Why each dropped sentence was dropped (for the log). */
  readonly dropped: { sentence: string; reason: string }[] = [];

  /**
   * @param declared excerpt numbers the model listed apart from the text (structured output),
   *   which a sentence without markers is checked against.
   */
  constructor(
    private readonly excerpts: Excerpt[],
    private readonly names: KnownNames,
    private readonly declared: number[] = [],
  ) {
    this.support = excerpts.map((e) => supportText(e.quote));
  }

  private valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= this.excerpts.length;

  /** Checks one sentence; returns it renumbered when kept, null when dropped. */
  accept(sentence: string): string | null {
    if (!sentence.trim()) return null;
    const marked = markerNumbers(sentence).filter(this.valid);
    const cited = [...new Set(marked.length ? marked : this.declared.filter(this.valid))];
    const reason = unsupported(
      sentence,
      cited.map((n) => this.support[n - 1]),
      this.names,
    );
    if (reason) {
      this.dropped.push({ sentence, reason });
      return null;
    }
    for (const n of cited) if (!this.order.includes(n)) this.order.push(n);
    const text = sentence.replace(MARKER, (_m, d: string) => (this.order.includes(Number(d)) ? `[${this.order.indexOf(Number(d)) + 1}]` : ""));
    const out = this.kept.length ? text : text.trimStart();
    this.kept.push(out);
    return out;
  }

  /** The kept sentences and the excerpts they cite, numbered; null when nothing was kept. */
  result(): { text: string; citations: Citation[] } | null {
    if (!this.kept.length) return null;
    return { text: this.kept.join("").trim(), citations: this.order.map((n, i) => ({ ...this.excerpts[n - 1], n: i + 1 })) };
  }
}
