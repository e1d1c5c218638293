/**
 * The DingTalk channel end to end: the real dingtalk-stream client (WebSocket,
 * acknowledgements) against the fake Stream gateway in tests/fakes, the real
 * engine over the seed and the internal fixture.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { startDingTalk, type DingTalkChannel } from "../../src/dingtalk/channel.js";
import { createLogger } from "../../src/log.js";
import { openCorpus, type Corpus } from "../bot/harness.js";
import { FakeDingTalk } from "../fakes/dingtalk-server.js";

const CREDS = { clientId: "ding-client", clientSecret: "ding-s3cret-value" };
const STAFF = "staff-007";
const SECRET_MARKERS = ["枫林", "燃气管网", "可燃气体报警", "赵立群"];

let corpus: Corpus;
let fake: FakeDingTalk;
let channel: DingTalkChannel;
const logs: string[] = [];

function start(extra: Record<string, string> = {}): Promise<DingTalkChannel> {
  const config = loadConfig({
    ...corpus.env,
    DINGTALK_CLIENT_ID: CREDS.clientId,
    DINGTALK_CLIENT_SECRET: CREDS.clientSecret,
    DINGTALK_API_URL: fake.baseUrl,
    DINGTALK_ALLOWED_USER_IDS: STAFF,
    ...extra,
  });
  const log = createLogger({ level: "debug", write: (l) => logs.push(l), secrets: [CREDS.clientSecret] });
  return startDingTalk({ engine: corpus.engine, config, log, retry: { attempts: 3, delayMs: 20 } });
}

beforeAll(async () => {
  corpus = await openCorpus();
  fake = await new FakeDingTalk(CREDS).start();
  channel = await start();
});
afterAll(async () => {
  await channel?.close();
  await fake?.close();
  await corpus?.close();
});

describe("DingTalk channel (Stream mode)", () => {
  it("answers a private question as markdown through the session webhook, citing item 七 and «5+1», acknowledging the callback", async () => {
    const before = fake.replies.length;
    fake.sendRobot("交通规划强调了什么");
    const reply = (await fake.waitForReplies(before + 1))[before]!;
    expect(reply.msgtype).toBe("markdown");
    expect(reply.text).toContain("七、审议《太仓市“十四五”交通运输发展规划》");
    expect(reply.text).toContain("5+1");
    expect(reply.text).toMatch(/\[1\]/);
    expect(fake.acks.length).toBeGreaterThan(0);
  });

  it("in a group answers only when the robot is @-mentioned", async () => {
    const before = fake.replies.length;
    fake.sendRobot("交通规划强调了什么", { conversationType: "2", conversationId: "cid-group" });
    await new Promise((r) => setTimeout(r, 200));
    await channel.idle();
    expect(fake.replies.length).toBe(before);
    fake.sendRobot("交通规划强调了什么", { conversationType: "2", conversationId: "cid-group", atBot: true });
    expect((await fake.waitForReplies(before + 1))[before]!.text).toContain("5+1");
  });

  it("refuses internal minutes to a stranger and answers an allow-listed user", async () => {
    const before = fake.replies.length;
    fake.sendRobot("城镇燃气安全专项整治强调了什么", { conversationId: "cid-s" });
    const stranger = (await fake.waitForReplies(before + 1))[before]!;
    expect(SECRET_MARKERS.filter((m) => stranger.text.includes(m))).toEqual([]);
    fake.sendRobot("城镇燃气安全专项整治强调了什么", { staffId: STAFF, conversationId: "cid-staff" });
    expect((await fake.waitForReplies(before + 2))[before + 1]!.text).toContain("燃气管网");
  });

  it("answers a redelivered message (same msgId) once", async () => {
    const before = fake.replies.length;
    fake.sendRobot("交通规划强调了什么", { msgId: "dup-1", conversationId: "cid-dup" });
    fake.sendRobot("交通规划强调了什么", { msgId: "dup-1", conversationId: "cid-dup" });
    await fake.waitForReplies(before + 1);
    await new Promise((r) => setTimeout(r, 200));
    await channel.idle();
    expect(fake.replies.length).toBe(before + 1);
  });

  it("retries a webhook the platform refused (429, then 500)", async () => {
    const before = fake.replies.length;
    const calls = fake.webhookCalls;
    fake.failNext(1, 429);
    fake.failNext(1, 500);
    fake.sendRobot("交通规划强调了什么", { conversationId: "cid-retry" });
    expect((await fake.waitForReplies(before + 1))[before]!.text).toContain("5+1");
    expect(fake.webhookCalls - calls).toBe(3);
  });

  it("a wrong client secret is refused by the gateway: start fails naming the variables, and logs no secret", async () => {
    const refusals = fake.gatewayRefusals;
    await expect(start({ DINGTALK_CLIENT_SECRET: "wrong-secret-x" })).rejects.toThrow(/DINGTALK_CLIENT_SECRET/);
    expect(fake.gatewayRefusals).toBe(refusals + 1);
    expect(logs.join("\n")).not.toContain(CREDS.clientSecret);
  });

  it("an unreachable DINGTALK_API_URL is named as such, not blamed on the credentials", async () => {
    // A port nothing listens on: a server opened and closed again.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const failure = start({ DINGTALK_API_URL: `http://127.0.0.1:${port}` });
    await expect(failure).rejects.toThrow(new RegExp(`^DINGTALK_API_URL: cannot reach http://127\\.0\\.0\\.1:${port}`));
    await expect(failure).rejects.not.toThrow(/CLIENT_SECRET|credentials/);
  });
});
