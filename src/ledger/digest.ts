/**
 * The ledger digest: at each time of the LEDGER_DIGEST cron (croner reads the
 * expression and gives the next run), the open items due in the next
 * LEDGER_DIGEST_DAYS days go to the staff chat. Clock and timers are injected,
 * so a test fires a run by advancing a fake clock.
 */
import { Cron } from "croner";
import type { Access } from "../retrieval/types.js";
import type { Logger } from "../log.js";
import { LEDGER_DIGEST_TEXTS as D, LEDGER_TEXTS as L } from "../messages.js";
import type { LedgerService } from "./service.js";
import { dayOf } from "./status.js";
import type { LedgerRow } from "./types.js";

/** A chat the digest goes to, with what it may see. */
export interface DigestTarget {
  name: string;
  access: Access;
  send(text: string): Promise<void>;
}

/** Timers the schedule arms; `setTimeout` by default, a fake clock's in tests. */
export interface DigestTimers {
  now(): Date;
  set(fn: () => void, ms: number): { cancel(): void };
}

const REAL_TIMERS: DigestTimers = {
  now: () => new Date(),
  set(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The digest's text: open rows due from today to today + `days`, soonest first, each with its formal reference. */
export function digestText(rows: readonly LedgerRow[], today: string, days: number): string {
  const until = addDays(today, days);
  const due = rows
    .filter((r) => r.status !== "已办结" && r.dueDate && r.dueDate >= today && r.dueDate <= until)
    .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!));
  if (!due.length) return `${D.title(today, days)}\n${D.none(days)}`;
  const lines = due.flatMap((r, i) => [
    `${i + 1}. ${D.row(r.status, r.leadUnit ?? L.noUnit, `${r.deadlineText}（${r.dueDate}）`, r.quote)}`,
    D.source(r.reference),
  ]);
  return [D.title(today, days), ...lines].join("\n");
}

export interface DigestOptions {
  cron: string;
  timezone: string;
  days: number;
  ledger: LedgerService;
  targets: DigestTarget[];
  log: Logger;
  timers?: DigestTimers;
}

/** Sends the digest to every target once (a failing target is logged; the others still get it). */
export async function sendDigest(o: Pick<DigestOptions, "days" | "ledger" | "targets" | "log">, now: Date): Promise<void> {
  const today = dayOf(now);
  for (const target of o.targets) {
    try {
      await target.send(digestText(await o.ledger.rows({ open: true }, target.access), today, o.days));
      o.log.info("ledger digest sent", { target: target.name });
    } catch (err) {
      o.log.error("ledger digest failed", { target: target.name, error: (err as Error).message });
    }
  }
}

/** Runs the digest at each time of the cron until `stop()`. */
export function scheduleDigest(o: DigestOptions): { stop(): void; next(): Date | null } {
  const timers = o.timers ?? REAL_TIMERS;
  const cron = new Cron(o.cron, { timezone: o.timezone, paused: true });
  let armed: { cancel(): void } | null = null;
  let nextRun: Date | null = null;
  let stopped = false;
  const arm = () => {
    nextRun = cron.nextRun(timers.now());
    if (stopped || !nextRun) return;
    armed = timers.set(
      () =>
        void sendDigest(o, nextRun ?? timers.now()).finally(() => {
          if (!stopped) arm();
        }),
      Math.max(0, nextRun.getTime() - timers.now().getTime()),
    );
  };
  arm();
  return {
    stop() {
      stopped = true;
      armed?.cancel();
      cron.stop();
    },
    next: () => nextRun,
  };
}
