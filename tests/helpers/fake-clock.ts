import type { DigestTimers } from "../../src/ledger/digest.js";

/** A clock that moves only when told, firing the timers it passes. */
export class FakeClock implements DigestTimers {
  private pending: { at: number; fn: () => void; live: boolean }[] = [];
  constructor(private t: number) {}
  now = () => new Date(this.t);
  set(fn: () => void, ms: number) {
    const timer = { at: this.t + ms, fn, live: true };
    this.pending.push(timer);
    return { cancel: () => (timer.live = false) };
  }
  advanceTo(iso: string) {
    this.t = Date.parse(iso);
    const due = this.pending.filter((p) => p.live && p.at <= this.t);
    this.pending = this.pending.filter((p) => !due.includes(p));
    for (const p of due) p.fn();
  }
}
