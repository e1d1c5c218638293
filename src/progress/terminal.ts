import type { IngestProgress } from "../index/progress.js";
import { printable } from "../text/printable.js";
import { phaseEdges } from "./phases.js";

const LABELS: Record<IngestProgress["phase"], string> = { scan: "scanning", parse: "parsing", index: "keyword index", embed: "embedding", write: "writing" };

/**
 * Ingest progress for a terminal: a redrawn bar on a TTY, plain lines
 * otherwise (one per phase, so logs stay readable).
 */
export function progressReporter(write: (s: string) => void, isTTY: boolean): (p: IngestProgress) => void {
  if (!isTTY) {
    return phaseEdges({
      start: (p) => write(`${LABELS[p.phase]}: ${p.total} to do\n`),
      done: (p) => write(`${LABELS[p.phase]}: ${p.done}/${p.total} done\n`),
    });
  }
  let lastDraw = 0;
  return (p) => {
    const now = Date.now();
    if (now - lastDraw < 80 && p.done !== p.total) return;
    lastDraw = now;
    const width = 24;
    const frac = p.total ? p.done / p.total : 1;
    const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
    write(
      `\r${LABELS[p.phase].padEnd(14)} ${bar} ${p.done}/${p.total}${p.file ? ` ${printable(p.file.slice(-40))}` : ""}\x1b[K${p.done === p.total ? "\n" : ""}`,
    );
  };
}
