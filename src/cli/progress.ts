import type { IngestProgress } from "../index/ingest.js";
import { printable } from "./printable.js";

const LABELS: Record<IngestProgress["phase"], string> = { scan: "scanning", parse: "parsing", index: "keyword index", embed: "embedding", write: "writing" };

/**
 * Ingest progress for a terminal: a redrawn bar on a TTY, plain lines
 * otherwise (one per phase, so logs stay readable).
 */
export function progressReporter(write: (s: string) => void, isTTY: boolean): (p: IngestProgress) => void {
  let lastPhase = "";
  let lastDraw = 0;
  return (p) => {
    if (isTTY) {
      const now = Date.now();
      if (now - lastDraw < 80 && p.done !== p.total) return;
      lastDraw = now;
      const width = 24;
      const frac = p.total ? p.done / p.total : 1;
      const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
      write(`\r${LABELS[p.phase].padEnd(14)} ${bar} ${p.done}/${p.total}${p.file ? ` ${printable(p.file.slice(-40))}` : ""}\x1b[K${p.done === p.total ? "\n" : ""}`);
    } else if (p.phase !== lastPhase || (p.done === p.total && p.total > 0 && lastPhase !== `${p.phase}:done`)) {
      if (p.done === p.total) {
        write(`${LABELS[p.phase]}: ${p.done}/${p.total} done\n`);
        lastPhase = `${p.phase}:done`;
      } else {
        lastPhase = p.phase;
        write(`${LABELS[p.phase]}: ${p.total} to do\n`);
      }
    }
  };
}
