/** Waits until a fake has recorded `count` items (replies, sent messages), polling; throws naming what was expected. */
export async function waitForCount<T>(list: T[], count: number, what: string, ms = 10_000): Promise<T[]> {
  const until = Date.now() + ms;
  while (list.length < count) {
    if (Date.now() > until) throw new Error(`expected ${count} ${what}, got ${list.length}`);
    await new Promise((r) => setTimeout(r, 30));
  }
  return list;
}
