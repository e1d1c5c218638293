/**
 * How long a test waits for something to happen before it fails: generous,
 * because a loaded machine (7 engineers on 2 cores) is slow, and free when the
 * thing happens at once — every wait polls and returns as soon as it holds.
 */
export const WAIT_MS = 45_000;

/** Polls `probe` until it holds; throws naming `what` after `ms`. Returns the milliseconds it took. */
export async function waitUntil(probe: () => boolean | Promise<boolean>, what: string, ms = WAIT_MS): Promise<number> {
  const t0 = Date.now();
  while (!(await probe())) {
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 30));
  }
  return Date.now() - t0;
}

/** Waits until a fake has recorded `count` items (replies, sent messages), polling; throws naming what was expected. */
export async function waitForCount<T>(list: T[], count: number, what: string, ms = WAIT_MS): Promise<T[]> {
  const until = Date.now() + ms;
  while (list.length < count) {
    if (Date.now() > until) throw new Error(`expected ${count} ${what}, got ${list.length}`);
    await new Promise((r) => setTimeout(r, 30));
  }
  return list;
}
