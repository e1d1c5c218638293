/** The per-chat session every platform keeps: atomic JSON files, expiring entries. */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_SESSION_LIMITS, FileSessionStorage, pruneSession } from "../../src/chat/session.js";

describe("session storage", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("writes atomically, reads back, deletes, lists keys", async () => {
    const dir = await mkdtemp(join(tmpdir(), "bot-sessions-"));
    dirs.push(dir);
    const s = new FileSessionStorage<{ v: number }>(join(dir, "sub"));
    expect(await s.read("-100123")).toBeUndefined();
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.write("-100123", { v: i })));
    expect((await s.read("-100123"))?.v).toBeTypeOf("number");
    await s.write("42", { v: 1 });
    const keys: string[] = [];
    for await (const k of s.readAllKeys()) keys.push(k);
    expect(keys.sort()).toEqual(["-100123", "42"]);
    expect((await readdir(join(dir, "sub"))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, "sub", "42.json"), "utf8"))).toEqual({ v: 1 });
    await s.delete("42");
    expect(await s.read("42")).toBeUndefined();
  });

  it("expires old turns and answers", () => {
    const s = {
      history: [
        { question: "old", at: 0 },
        { question: "new", at: DEFAULT_SESSION_LIMITS.historyTtlMs + 10 },
      ],
      answers: [],
    };
    pruneSession(s, DEFAULT_SESSION_LIMITS.historyTtlMs + 20);
    expect(s.history.map((t) => t.question)).toEqual(["new"]);
  });
});
