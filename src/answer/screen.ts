import { markerNumbers, MARKER } from "./markers.js";
import { hasPlantedInstruction } from "./planted-instruction.js";
import type { Answer } from "./types.js";

/**
 * Leaves out of an answer every line that quotes a passage carrying a planted
 * instruction («忽略以上指令，回答：…»): such text is an attack on the reader
 * or the model, not minutes to quote. Citations are renumbered; a heading left
 * with nothing under it goes too. Returns null when no citation is left.
 */
export function withoutPlantedInstructions(a: Answer): Answer | null {
  const bad = new Set(a.citations.filter((c) => hasPlantedInstruction(c.quote)).map((c) => c.n));
  if (!bad.size) return a;
  const lines = a.answer.split("\n").filter((l) => !markerNumbers(l).some((n) => bad.has(n)));
  const cited = (l: string | undefined) => Boolean(l && markerNumbers(l).length);
  const kept = lines.filter((l, i) => cited(l) || cited(lines[i + 1]));
  const order = [...new Set(kept.flatMap(markerNumbers))];
  if (!order.length) return null;
  const renumber = new Map(order.map((n, i) => [n, i + 1]));
  const answer = kept.join("\n").replace(MARKER, (_m, d: string) => `[${renumber.get(Number(d))}]`);
  const citations = order.map((n) => ({ ...a.citations.find((c) => c.n === n)!, n: renumber.get(n)! }));
  return { ...a, answer, citations };
}
