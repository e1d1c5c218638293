/**
 * The WeCom channel end to end: callbacks encrypted and signed by the fake in
 * tests/fakes (WeCom's scheme written independently of @wecom/crypto), replies
 * through its message/send with a cached access_token, the real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { startWeCom, type WeComChannel } from "../../src/wecom/channel.js";
import { splitMarkdown } from "../../src/wecom/markdown.js";
import { openCorpus, type Corpus } from "../bot/harness.js";
import { FakeWeCom } from "../fakes/wecom-server.js";

const OPTS = {
  corpId: "ww-corp-1",
  agentId: "1000002",
  secret: "wecom-s3cret-value",
  token: "wecomToken9",
  aesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
};
const STAFF = "zhangsan";
const SECRET_MARKERS = ["枫林", "燃气管网", "可燃气体报警", "赵立群"];

let corpus: Corpus;
let fake: FakeWeCom;
let channel: WeComChannel;
const logs: string[] = [];

function start(extra: Record<string, string> = {}): Promise<WeComChannel> {
  const config = loadConfig({
    ...corpus.env,
    WECOM_CORP_ID: OPTS.corpId,
    WECOM_AGENT_ID: OPTS.agentId,
    WECOM_SECRET: OPTS.secret,
    WECOM_TOKEN: OPTS.token,
    WECOM_ENCODING_AES_KEY: OPTS.aesKey,
    WECOM_API_URL: fake.baseUrl,
    WECOM_CALLBACK_PORT: "0",
    WECOM_ALLOWED_USER_IDS: STAFF,
    ...extra,
  });
  const log = createLogger({ level: "debug", write: (l) => logs.push(l), secrets: [OPTS.secret, OPTS.token, OPTS.aesKey] });
  return startWeCom({ engine: corpus.engine, config, log, retry: { attempts: 3, delayMs: 20 } });
}

beforeAll(async () => {
  corpus = await openCorpus();
  fake = await new FakeWeCom(OPTS).start();
  channel = await start();
});
afterAll(async () => {
  await channel?.close();
  await fake?.close();
  await corpus?.close();
});

describe("WeCom channel", () => {
  it("names WECOM_CALLBACK_PORT when the port is already in use", async () => {
    const busy = new URL(channel.appUrl!).port;
    await expect(start({ WECOM_CALLBACK_PORT: busy })).rejects.toThrow(
      new RegExp(`^WECOM_CALLBACK_PORT: cannot listen on 127\\.0\\.0\\.1:${busy}: it is already in use`),
    );
  });

  it("verifies the callback URL (echostr decrypted) and refuses a wrong signature", async () => {
    expect(await fake.verifyUrl(channel.appUrl!, "echo-12345")).toEqual({ status: 200, body: "echo-12345" });
    expect((await fake.verifyUrl(channel.appUrl!, "echo-12345", "forged-token")).status).toBe(401);
  });

  it("answers a private question as markdown via message/send, citing item 七 and «5+1», after acknowledging «success»", async () => {
    const before = fake.sent.length;
    const r = await fake.deliver(channel.appUrl!, "交通规划强调了什么");
    expect(r).toMatchObject({ status: 200, body: "success" });
    const sent = (await fake.waitForSent(before + 1)).slice(before);
    const text = sent.map((s) => s.content).join("\n");
    expect(sent[0]).toMatchObject({ touser: "stranger", msgtype: "markdown", agentid: 1000002 });
    expect(text).toContain("七、审议《太仓市“十四五”交通运输发展规划》");
    expect(text).toContain("5+1");
    await channel.idle();
  });

  it("refuses internal minutes to a stranger and answers an allow-listed user", async () => {
    await channel.idle();
    const before = fake.sent.length;
    await fake.deliver(channel.appUrl!, "城镇燃气安全专项整治强调了什么", { user: "someone" });
    await fake.waitForSent(before + 1);
    await channel.idle();
    const stranger = fake.sent
      .slice(before)
      .map((s) => s.content)
      .join("\n");
    expect(SECRET_MARKERS.filter((m) => stranger.includes(m))).toEqual([]);
    const mid = fake.sent.length;
    await fake.deliver(channel.appUrl!, "城镇燃气安全专项整治强调了什么", { user: STAFF });
    await fake.waitForSent(mid + 1);
    await channel.idle();
    expect(
      fake.sent
        .slice(mid)
        .map((s) => s.content)
        .join("\n"),
    ).toContain("燃气管网");
  });

  it("answers a redelivered callback (same MsgId) once", async () => {
    await channel.idle();
    const before = fake.sent.length;
    await fake.deliver(channel.appUrl!, "交通规划强调了什么", { user: "dup", msgId: "42" });
    await fake.deliver(channel.appUrl!, "交通规划强调了什么", { user: "dup", msgId: "42" });
    await fake.waitForSent(before + 1);
    await channel.idle();
    expect(new Set(fake.sent.slice(before).map((s) => s.touser))).toEqual(new Set(["dup"]));
    const count = fake.sent.length - before;
    // One answer: as many messages as one answer's parts.
    await fake.deliver(channel.appUrl!, "交通规划强调了什么", { user: "dup2" });
    await fake.waitForSent(before + count + 1);
    await channel.idle();
    expect(fake.sent.length - before - count).toBe(count);
  });

  it("retries a send the platform refused (system busy, then HTTP 503) and refreshes an expired access_token", async () => {
    await channel.idle();
    const before = fake.sent.length;
    const tokens = fake.tokensIssued;
    fake.failNext(1);
    fake.failNext(1, 503, -1);
    await fake.deliver(channel.appUrl!, "交通规划强调了什么", { user: "retry" });
    await fake.waitForSent(before + 1);
    await channel.idle();
    expect(fake.tokensIssued).toBe(tokens); // the cached token was used
    fake.expireTokens();
    const mid = fake.sent.length;
    await fake.deliver(channel.appUrl!, "交通规划强调了什么", { user: "expired" });
    await fake.waitForSent(mid + 1);
    await channel.idle();
    expect(fake.tokensIssued).toBe(tokens + 1);
    expect(
      fake.sent
        .slice(mid)
        .map((s) => s.content)
        .join("\n"),
    ).toContain("5+1");
  });

  it("rejects a callback with a bad signature or for another corp, and answers nothing", async () => {
    await channel.idle();
    const before = fake.sent.length;
    expect((await fake.deliver(channel.appUrl!, "交通规划强调了什么", { forge: true })).status).toBe(401);
    expect((await fake.deliver(channel.appUrl!, "交通规划强调了什么", { corpId: "ww-other" })).status).toBe(401);
    await channel.idle();
    expect(fake.sent.length).toBe(before);
  });

  it("with WECOM_PUBLIC=false refuses a stranger politely", async () => {
    const closed = await start({ WECOM_PUBLIC: "false" });
    try {
      const before = fake.sent.length;
      await fake.deliver(closed.appUrl!, "交通规划强调了什么", { user: "outsider" });
      expect((await fake.waitForSent(before + 1))[before]!.content).toContain("没有使用本助手的权限");
    } finally {
      await closed.close();
    }
  });

  it("splits markdown under WeCom's 2,048-byte limit at line ends, and logs no secret", () => {
    const parts = splitMarkdown(["甲".repeat(500), "乙".repeat(500), "丙".repeat(900)].join("\n"), 2000);
    expect(parts.every((p) => Buffer.byteLength(p) <= 2000)).toBe(true);
    expect(parts.join("")).toBe("甲".repeat(500) + "乙".repeat(500) + "丙".repeat(900));
    const all = logs.join("\n");
    for (const s of [OPTS.secret, OPTS.aesKey]) expect(all).not.toContain(s);
  });
});
