/** Remembers event ids for a while, so a platform's redelivery of one event is answered once. */
export class RecentEvents {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `id` is seen within the TTL. */
  first(id: string): boolean {
    const t = this.now();
    for (const [k, at] of this.seen) {
      if (t - at <= this.ttlMs) break; // insertion order: the rest are newer
      this.seen.delete(k);
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, t);
    return true;
  }
}
