/** The verbatim passage a 原文 button refers to: the cited agenda item whole (or the quote itself outside the items), read with the presser's rights. */
import type { Access, Engine } from "../answer/types.js";
import type { Item, Minutes } from "../minutes/schema.js";
import type { SourceRef } from "./source-ref.js";

/** The passage split around the cited quote, so the card can mark the quote without changing a character. */
export interface SourcePassage {
  minutes: Minutes;
  item: Item | null;
  before: string;
  quote: string;
  after: string;
  /** Characters of the item left out around the quote (a very long item). */
  cut: boolean;
  totalChars: number;
}

/** Longest passage shown (a card holds about 30 KB); a longer item is shown around the quote. */
export const PASSAGE_MAX_CHARS = 6000;

/** The passage, or null when the minutes are gone, not visible to `access`, or the reference does not fit them. */
export function readPassage(engine: Pick<Engine, "getMinutes">, ref: SourceRef, access: Access): SourcePassage | null {
  const minutes = engine.getMinutes(ref.minutesId, access);
  // Defence in depth: the engine filters by access, and internal minutes never reach a caller without internal rights.
  if (!minutes || (minutes.visibility !== "public" && !access.internal)) return null;
  if (ref.end > minutes.text.length) return null;
  const item = ref.ordinal === null ? null : (minutes.items.find((i) => i.ordinal === ref.ordinal) ?? null);
  if (ref.ordinal !== null && (!item || ref.start < item.start || ref.end > item.end)) return null;
  let from = item ? item.start : ref.start;
  let to = item ? item.end : ref.end;
  const totalChars = to - from;
  if (totalChars > PASSAGE_MAX_CHARS) {
    const room = Math.max(0, PASSAGE_MAX_CHARS - (ref.end - ref.start));
    from = Math.max(from, ref.start - Math.floor(room / 2));
    to = Math.min(to, Math.max(ref.end, from + PASSAGE_MAX_CHARS));
  }
  const t = minutes.text;
  return {
    minutes,
    item,
    before: t.slice(from, ref.start),
    quote: t.slice(ref.start, ref.end),
    after: t.slice(ref.end, to),
    cut: to - from < totalChars,
    totalChars,
  };
}
