/**
 * The WeCom AI bot (智能机器人) end to end: JSON callbacks signed and encrypted
 * by the fake in tests/fakes (WeCom's scheme written independently of
 * @wecom/crypto, with the empty receive id of an AI bot), replies POSTed to the
 * fake's response_url, the real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { startWeCom, type WeComChannel } from "../../src/wecom/channel.js";
import { openCorpus, sleep, type Corpus } from "../bot/harness.js";
import { FakeWeCom } from "../fakes/wecom-server.js";

const BOT = { token: "botTokenQ7", aesKey: "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210abcdefg" };
const OPTS = {
  corpId: "ww-corp-2",
  agentId: "1000003",
  secret: "wecom-app-s3cret",
  token: "appToken5",
  aesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  bot: BOT,
};
const STAFF = "lisi";
const SECRET_MARKERS = ["枫林", "燃气管网", "可燃气体报警", "赵立群"];

let corpus: Corpus;
let fake: FakeWeCom;
let channel: WeComChannel;
let botUrl: string;
const logs: string[] = [];

function start(extra: Record<string, string> = {}): Promise<WeComChannel> {
  const config = loadConfig({
    ...corpus.env,
    WECOM_BOT_TOKEN: BOT.token,
    WECOM_BOT_ENCODING_AES_KEY: BOT.aesKey,
    WECOM_API_URL: fake.baseUrl,
    WECOM_CALLBACK_PORT: "0",
    WECOM_ALLOWED_USER_IDS: STAFF,
    ...extra,
  });
  const log = createLogger({ level: "debug", write: (l) => logs.push(l), secrets: [OPTS.secret, BOT.token, BOT.aesKey] });
  return startWeCom({ engine: corpus.engine, config, log, retry: { attempts: 3, delayMs: 20 } });
}

/** The replies after `before`, once `n` of them have arrived and the channel is idle. */
async function repliesAfter(before: number, n = 1): Promise<string[]> {
  await fake.waitForBotReplies(before + n);
  await channel.idle();
  return fake.botReplies.slice(before).map((r) => r.content);
}

beforeAll(async () => {
  corpus = await openCorpus();
  fake = await new FakeWeCom(OPTS).start();
  // The application and the AI bot on one port, each on its own path.
  channel = await start({
    WECOM_CORP_ID: OPTS.corpId,
    WECOM_AGENT_ID: OPTS.agentId,
    WECOM_SECRET: OPTS.secret,
    WECOM_TOKEN: OPTS.token,
    WECOM_ENCODING_AES_KEY: OPTS.aesKey,
  });
  botUrl = channel.botUrl!;
});
afterAll(async () => {
  await channel?.close();
  await fake?.close();
  await corpus?.close();
});

describe("WeCom AI bot", () => {
  it("serves the bot on WECOM_BOT_PATH beside the application's callback, each checking its own keys", async () => {
    expect(new URL(botUrl).pathname).toBe("/wecom/bot");
    expect(new URL(channel.appUrl!).port).toBe(new URL(botUrl).port);
    expect(await fake.verifyBotUrl(botUrl, "echo-bot-1")).toEqual({ status: 200, body: "echo-bot-1" });
    expect((await fake.verifyBotUrl(botUrl, "echo-bot-1", "forged-token")).status).toBe(401);
    // The application's echostr (its token, its key, the CorpID) is not the bot's, and the other way round.
    expect((await fake.verifyUrl(botUrl, "echo-app")).status).toBe(401);
    expect(await fake.verifyUrl(channel.appUrl!, "echo-app")).toEqual({ status: 200, body: "echo-app" });
  });

  it("answers a private question through response_url as markdown with [n] markers and the numbered sources, after an empty acknowledgement", async () => {
    const before = fake.botReplies.length;
    const r = await fake.deliverBot(botUrl, "交通规划强调了什么");
    expect(r).toMatchObject({ status: 200, body: "" });
    const [reply] = await repliesAfter(before);
    expect(fake.botReplies[before]).toMatchObject({ responseCode: r.responseCode, msgtype: "markdown" });
    expect(reply).toContain("[1]");
    expect(reply).toContain("**来源**");
    expect(reply).toContain("七、审议《太仓市“十四五”交通运输发展规划》");
    expect(reply).toContain("5+1");
  });

  it("answers a group message that @-mentions it, without the mention in the question, and with public minutes only even for an allow-listed user", async () => {
    const before = fake.botReplies.length;
    await fake.deliverBot(botUrl, "交通规划强调了什么", { group: "wrkSFfCgAAxxx", user: "wangwu" });
    expect((await repliesAfter(before))[0]).toContain("5+1");
    const mid = fake.botReplies.length;
    await fake.deliverBot(botUrl, "城镇燃气安全专项整治强调了什么", { group: "wrkSFfCgAAxxx", user: STAFF });
    const group = (await repliesAfter(mid)).join("\n");
    expect(SECRET_MARKERS.filter((m) => group.includes(m))).toEqual([]);
  });

  it("shows internal minutes only to an allow-listed user in a private chat", async () => {
    const before = fake.botReplies.length;
    await fake.deliverBot(botUrl, "城镇燃气安全专项整治强调了什么", { user: "someone" });
    const stranger = (await repliesAfter(before)).join("\n");
    expect(SECRET_MARKERS.filter((m) => stranger.includes(m))).toEqual([]);
    const mid = fake.botReplies.length;
    await fake.deliverBot(botUrl, "城镇燃气安全专项整治强调了什么", { user: STAFF });
    expect((await repliesAfter(mid)).join("\n")).toContain("燃气管网");
  });

  it("answers a redelivered callback (same msgid) once", async () => {
    await channel.idle();
    const before = fake.botReplies.length;
    const calls = fake.botResponseCalls;
    const first = await fake.deliverBot(botUrl, "交通规划强调了什么", { user: "dup", msgId: "CAIQdupmsg1" });
    const again = await fake.deliverBot(botUrl, "交通规划强调了什么", { user: "dup", msgId: "CAIQdupmsg1" });
    expect([first.status, again.status]).toEqual([200, 200]);
    await repliesAfter(before);
    await sleep(200);
    await channel.idle();
    expect(fake.botReplies.length - before).toBe(1);
    expect(fake.botResponseCalls - calls).toBe(1);
    expect(fake.botReplies[before]!.responseCode).toBe(first.responseCode);
  });

  it("rejects a bad signature (401) and a body that is not the JSON envelope (400), and answers neither", async () => {
    await channel.idle();
    const calls = fake.botResponseCalls;
    expect((await fake.deliverBot(botUrl, "交通规划强调了什么", { forge: true })).status).toBe(401);
    const url = new URL(botUrl);
    url.search = "msg_signature=x&timestamp=1&nonce=2";
    expect((await fetch(url, { method: "POST", body: "<xml><Encrypt>x</Encrypt></xml>" })).status).toBe(400);
    await sleep(100);
    await channel.idle();
    expect(fake.botResponseCalls).toBe(calls);
  });

  it("posts nowhere but WECOM_API_URL: a response_url elsewhere is not answered", async () => {
    await channel.idle();
    const calls = fake.botResponseCalls;
    const r = await fake.deliverBot(botUrl, "交通规划强调了什么", { responseUrl: "https://elsewhere.invalid/cgi-bin/aibot/response?response_code=1" });
    expect(r.status).toBe(200);
    await sleep(100);
    await channel.idle();
    expect(fake.botResponseCalls).toBe(calls);
    expect(logs.some((l) => l.includes("response_url is not on WECOM_API_URL"))).toBe(true);
  });

  it("runs without an application: only the bot's path is served; WECOM_PUBLIC=false refuses a stranger politely; no secret is logged", async () => {
    const alone = await start({ WECOM_PUBLIC: "false" });
    try {
      expect(alone.appUrl).toBeNull();
      expect((await fetch(new URL("/wecom/callback", alone.botUrl!))).status).toBe(404);
      const before = fake.botReplies.length;
      await fake.deliverBot(alone.botUrl!, "交通规划强调了什么", { user: "outsider" });
      await fake.waitForBotReplies(before + 1);
      expect(fake.botReplies[before]!.content).toContain("没有使用本助手的权限");
      await alone.idle();
    } finally {
      await alone.close();
    }
    const all = logs.join("\n");
    for (const s of [OPTS.secret, BOT.token, BOT.aesKey]) expect(all).not.toContain(s);
  });
});
