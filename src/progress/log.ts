import type { IngestProgress } from "../index/progress.js";
import type { Logger } from "../log.js";
import { phaseEdges } from "./phases.js";

/** Ingest progress as structured log lines: one when a phase starts, one when it is done. */
export function progressLog(log: Logger): (p: IngestProgress) => void {
  return phaseEdges({
    start: (p) => log.info("ingest phase started", { phase: p.phase, total: p.total }),
    done: (p) => log.info("ingest phase done", { phase: p.phase, done: p.done, total: p.total }),
  });
}
