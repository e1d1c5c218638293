import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileMarkStore, RedisMarkStore, type Mark } from "../../src/ledger/marks.js";
import { RedisConnection } from "../../src/redis/connection.js";
import { RedisServers, requireRedisServer, type RedisServer } from "../helpers/redis-server.js";

const servers = new RedisServers();
let server: RedisServer;
let dir: string;

beforeAll(async () => {
  requireRedisServer();
  server = await servers.start();
  dir = mkdtempSync(join(tmpdir(), "ledger-marks-"));
});
afterAll(async () => {
  await servers.stopAll();
  rmSync(dir, { recursive: true, force: true });
});

const mark = (id: string, note: string): Mark => ({ id, at: "2022-03-02T08:00:00.000Z", by: "督查室", note });

describe("ledger marks", () => {
  it("appends to a JSONL file and reads every mark back, skipping a line that is not one", async () => {
    const store = new FileMarkStore(join(dir, "sub", "marks.jsonl"));
    expect(await store.list()).toEqual([]);
    await store.add(mark("a", "已印发"));
    await store.add(mark("b", "已完成"));
    expect((await store.list()).map((m) => m.note)).toEqual(["已印发", "已完成"]);
    const broken = join(dir, "broken.jsonl");
    writeFileSync(broken, `${JSON.stringify(mark("a", "x"))}\nnot json\n{"id":""}\n`);
    expect(await new FileMarkStore(broken).list()).toHaveLength(1);
  });

  it("keeps marks in a Redis list shared by every process", async () => {
    const one = new RedisConnection(server.url());
    const two = new RedisConnection(server.url());
    try {
      await new RedisMarkStore(one).add(mark("a", "已印发"));
      expect(await new RedisMarkStore(two).list()).toEqual([mark("a", "已印发")]);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
