import type { IngestProgress } from "../index/progress.js";

/**
 * Progress by phase for output that is not redrawn (a log, a pipe): `start`
 * on a phase's first event, `done` when it completes; the events between are
 * dropped.
 */
export function phaseEdges(on: { start: (p: IngestProgress) => void; done: (p: IngestProgress) => void }): (p: IngestProgress) => void {
  let last = "";
  return (p) => {
    const complete = p.done === p.total;
    if (p.phase === last && !(complete && p.total > 0)) return;
    if (complete) {
      on.done(p);
      last = `${p.phase}:done`;
    } else {
      on.start(p);
      last = p.phase;
    }
  };
}
