import { expect } from "vitest";
import type { MinutesEngine } from "../../src/answer/engine.js";
import { FULL_ACCESS, type Answer } from "../../src/answer/types.js";

/** Every citation's quote is the record's text at its offsets: exact excerpts, never made up. */
export function expectVerbatim(engine: MinutesEngine, a: Answer): void {
  for (const c of a.citations) expect(engine.getMinutes(c.minutesId, FULL_ACCESS)!.text.slice(c.start, c.end)).toBe(c.quote);
}
