/**
 * The Feishu channel over the long connection (FEISHU_MODE=ws, the default):
 * the real SDK's WSClient against the fake endpoint and WebSocket in
 * tests/fakes (pbbp2 frames, pings, fragments, acknowledgements), the real
 * engine over the seed and the internal fixture; and the 原文 button.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { loadConfig } from "../../src/config.js";
import { ConfigError } from "../../src/errors.js";
import { startFeishu, type FeishuChannel } from "../../src/feishu/channel.js";
import { createLogger } from "../../src/log.js";
import { openCorpus, type Corpus } from "../bot/harness.js";
import type { FeishuReply } from "../fakes/feishu-server.js";
import { FakeFeishuWs } from "../fakes/feishu-ws-server.js";
import { WAIT_MS } from "../fakes/wait.js";

const OPTS = { appId: "cli_a1b2c3d4e5f60718", appSecret: "app-s3cret-feishu-ws", encryptKey: "", verificationToken: "", botOpenId: "ou_bot" };
const STAFF = "ou_staff";
const SECRET_MARKERS = ["枫林", "燃气管网", "可燃气体报警", "赵立群"];

let corpus: Corpus;
let fake: FakeFeishuWs;
let channel: FeishuChannel;
const logs: string[] = [];

async function start(extra: Record<string, string> = {}, fakeAt = fake, rateLimit?: number): Promise<FeishuChannel> {
  const config = loadConfig({
    ...corpus.env,
    FEISHU_APP_ID: OPTS.appId,
    FEISHU_APP_SECRET: OPTS.appSecret,
    FEISHU_BASE_URL: fakeAt.baseUrl,
    FEISHU_ALLOWED_USER_IDS: STAFF,
    ...extra,
  });
  const log = createLogger({ level: "debug", write: (l) => logs.push(l), secrets: [OPTS.appSecret] });
  return startFeishu({ engine: corpus.engine, config, log, retry: { attempts: 3, delayMs: 20 }, ...(rateLimit ? { rateLimit } : {}) });
}

/** The card's text as a reader sees it: Markdown escapes and bold marks removed. */
const plain = (t: string) => t.replace(/\*\*/g, "").replace(/\\([*_~`<>[\]\\])/g, "$1");
const buttons = (r: FeishuReply) => r.card.elements.flatMap((e) => e.actions ?? []);

async function ask(text: string, o: Parameters<FakeFeishuWs["sendMessage"]>[1] = {}): Promise<FeishuReply> {
  const before = fake.replies.length;
  fake.sendMessage(text, o);
  return (await fake.waitForReplies(before + 1))[before]!;
}

beforeAll(async () => {
  corpus = await openCorpus();
  fake = await new FakeFeishuWs(OPTS).start();
  channel = await start();
});
afterAll(async () => {
  await channel?.close();
  await fake?.close();
  await corpus?.close();
});

describe("Feishu over the long connection", () => {
  it("connects without a public URL: endpoint asked with the app's credentials, pings on the socket", async () => {
    expect(channel.mode).toBe("ws");
    expect(channel.url).toBeNull();
    expect(fake.calls).toContain("/callback/ws/endpoint");
    expect(fake.openConnections).toBe(1);
    // The SDK pings as soon as the socket opens.
    const until = Date.now() + WAIT_MS;
    while (fake.pings === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(fake.pings).toBeGreaterThanOrEqual(1);
  });

  it("answers a private question with a card citing item 七 and «5+1», the event acknowledged before the answer", async () => {
    const before = fake.replies.length;
    const sent = fake.sendMessage("交通规划强调了什么");
    const reply = (await fake.waitForReplies(before + 1))[before]!;
    expect(reply.messageId).toBe(sent.messageId);
    expect(reply.msgType).toBe("interactive");
    expect(reply.text).toContain("七、审议《太仓市“十四五”交通运输发展规划》");
    expect(reply.text).toContain("5+1");
    expect(reply.text).toMatch(/\[1\]/);
    const ack = await fake.waitForAck(sent.frameId);
    expect(ack.code).toBe(200);
    expect(fake.timeline.indexOf(`ack:${sent.frameId}`)).toBeGreaterThanOrEqual(0);
    expect(fake.timeline.indexOf(`ack:${sent.frameId}`)).toBeLessThan(fake.timeline.indexOf(`reply:${sent.messageId}`));
    expect(buttons(reply)[0]?.text?.content).toBe("原文 [1]");
  });

  it("reads an event the server split into fragments (sum/seq headers)", async () => {
    const reply = await ask("交通规划强调了什么", { chatId: "oc_frag", fragments: 3 });
    expect(reply.text).toContain("5+1");
  });

  it("in a group answers only when the bot is @-mentioned", async () => {
    const before = fake.replies.length;
    const unaddressed = fake.sendMessage("交通规划强调了什么", { chatType: "group", chatId: "oc_group" });
    await fake.waitForAck(unaddressed.frameId);
    await channel.idle();
    expect(fake.replies.length).toBe(before);
    const reply = await ask("交通规划强调了什么", { chatType: "group", chatId: "oc_group", mentionBot: true });
    expect(reply.text).toContain("5+1");
  });

  it("refuses internal minutes to a stranger and answers an allow-listed user", async () => {
    const stranger = await ask("城镇燃气安全专项整治强调了什么", { openId: "ou_stranger", chatId: "oc_s" });
    expect(SECRET_MARKERS.filter((m) => stranger.text.includes(m))).toEqual([]);
    const staff = await ask("城镇燃气安全专项整治强调了什么", { openId: STAFF, chatId: "oc_staff" });
    expect(staff.text).toContain("燃气管网");
  });

  it("answers once when the same event, or the same message under a new event id, arrives again", async () => {
    const before = fake.replies.length;
    const first = fake.sendMessage("交通规划强调了什么", { eventId: "ev_ws_dup", chatId: "oc_dup" });
    const again = fake.sendMessage("交通规划强调了什么", { eventId: "ev_ws_dup", chatId: "oc_dup" });
    const redelivered = fake.sendMessage("交通规划强调了什么", { messageId: first.messageId, chatId: "oc_dup" });
    for (const f of [first, again, redelivered]) expect((await fake.waitForAck(f.frameId)).code).toBe(200);
    await fake.waitForReplies(before + 1);
    await channel.idle();
    expect(fake.replies.length).toBe(before + 1);
  });

  it("retries a reply the platform refused (429 frequency limit, then a 500)", async () => {
    const calls = fake.calls.length;
    fake.failNext(1);
    fake.failNext(1, 500, 1000004);
    const reply = await ask("交通规划强调了什么", { chatId: "oc_retry" });
    expect(reply.text).toContain("5+1");
    expect(fake.calls.slice(calls).filter((p) => p.endsWith("/reply"))).toHaveLength(3);
  });

  it("reconnects when the server drops the connection, and answers on the new one", async () => {
    const opened = fake.connections;
    fake.dropConnections();
    await fake.waitForConnections(opened + 1);
    const reply = await ask("交通规划强调了什么", { chatId: "oc_reconnected" });
    expect(reply.text).toContain("5+1");
  });

  it("refuses to start with a wrong app secret, naming the setting and not the secret", async () => {
    const other = await new FakeFeishuWs({ ...OPTS, appSecret: "another-secret" }).start();
    try {
      const err = await start({}, other).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).subject).toBe("FEISHU_BASE_URL");
      expect(String((err as Error).message)).not.toContain(OPTS.appSecret);
      expect(other.openConnections).toBe(0);
    } finally {
      await other.close();
    }
  });

  it("close() stops the client: the socket closes and it does not reconnect", async () => {
    const own = await new FakeFeishuWs(OPTS).start();
    try {
      const c = await start({}, own);
      expect(own.openConnections).toBe(1);
      await c.close();
      const until = Date.now() + WAIT_MS;
      while (own.openConnections > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(own.openConnections).toBe(0);
      // The fake asks for a reconnect after 1 s; nothing may come.
      await new Promise((r) => setTimeout(r, 1500));
      expect(own.connections).toBe(1);
      expect(own.calls.filter((p) => p === "/callback/ws/endpoint")).toHaveLength(1);
    } finally {
      await own.close();
    }
  });
});

describe("the 原文 button", () => {
  it("replies with the cited agenda item verbatim, the quote marked, and a toast to the presser", async () => {
    const answer = await ask("交通规划强调了什么", { chatId: "oc_src" });
    const button = buttons(answer)[0]!;
    const before = fake.replies.length;
    const ack = await fake.pressButton(answer, button.value);
    expect(ack.code).toBe(200);
    expect(ack.response).toEqual({ toast: { type: "success", content: "原文已发送。" } });
    const passage = (await fake.waitForReplies(before + 1))[before]!;
    expect(passage.messageId).toBe(answer.messageId);
    const item = corpus.engine.getItem(String(button.value!.m), Number(button.value!.o), FULL_ACCESS)!;
    const minutes = corpus.engine.getMinutes(String(button.value!.m), FULL_ACCESS)!;
    expect(item.item.label).toBe("七");
    expect(plain(passage.text)).toContain(minutes.text.slice(item.item.start, item.item.end));
    expect(passage.text).toContain(`**${minutes.text.slice(Number(button.value!.s), Number(button.value!.e))}**`);
  });

  it("sends the passage once when the same press is delivered twice", async () => {
    const answer = await ask("交通规划强调了什么", { chatId: "oc_src_dup" });
    const value = buttons(answer)[0]!.value;
    const before = fake.replies.length;
    const first = await fake.pressButton(answer, value, { eventId: "ev_press_dup" });
    const again = await fake.pressButton(answer, value, { eventId: "ev_press_dup" });
    expect([first.code, again.code]).toEqual([200, 200]);
    await fake.waitForReplies(before + 1);
    await channel.idle();
    expect(fake.replies.length).toBe(before + 1);
  });

  it("counts presses against the asker's rate limit", async () => {
    // Another app id: the SDK caches the tenant token per app id, and this fake issues its own.
    const app = { ...OPTS, appId: "cli_0f1e2d3c4b5a6978" };
    const own = await new FakeFeishuWs(app).start();
    const limited = await start({ FEISHU_APP_ID: app.appId }, own, 2);
    try {
      own.sendMessage("交通规划强调了什么", { chatId: "oc_rl" });
      const [answer] = await own.waitForReplies(1);
      const value = buttons(answer!)[0]!.value;
      expect((await own.pressButton(answer!, value)).response?.toast).toMatchObject({ type: "success" });
      expect((await own.pressButton(answer!, value)).response).toEqual({ toast: { type: "error", content: "您的提问有点频繁，请稍候片刻再试。" } });
      await limited.idle();
      expect(own.replies).toHaveLength(2);
    } finally {
      await limited.close();
      await own.close();
    }
  });

  it("refuses a tampered or forged value, and sends nothing", async () => {
    const answer = await ask("交通规划强调了什么", { chatId: "oc_tamper" });
    const value = buttons(answer)[0]!.value!;
    const before = fake.replies.length;
    for (const bad of [
      { ...value, o: Number(value.o) + 1 },
      { ...value, m: "another-minutes" },
      { ...value, sig: "A".repeat(32) },
      { ...value, sig: undefined },
      "src|x|1",
      null,
    ]) {
      const ack = await fake.pressButton(answer, bad);
      expect(ack.response, JSON.stringify(bad)).toEqual({ toast: { type: "error", content: "该按钮无效或已失效。" } });
    }
    await channel.idle();
    expect(fake.replies.length).toBe(before);
  });

  it("checks access at the press: an internal source is refused to a stranger and to staff outside their private chat", async () => {
    const staffAnswer = await ask("城镇燃气安全专项整治强调了什么", { openId: STAFF, chatId: "oc_staff_src" });
    const value = buttons(staffAnswer)[0]!.value!;
    const before = fake.replies.length;
    const stranger = await fake.pressButton(staffAnswer, value, { openId: "ou_stranger" });
    expect(stranger.response).toEqual({ toast: { type: "error", content: "无法查看该原文：您没有权限，或纪要已不存在。" } });
    // The card forwarded to a group no allow-list names: others read the reply there.
    const forwarded = await fake.pressButton(staffAnswer, value, { openId: STAFF, chatId: "oc_some_group" });
    expect(forwarded.response?.toast).toMatchObject({ type: "error" });
    await channel.idle();
    expect(fake.replies.length).toBe(before);
    const own = await fake.pressButton(staffAnswer, value, { openId: STAFF });
    expect(own.response?.toast).toMatchObject({ type: "success" });
    const passage = (await fake.waitForReplies(before + 1))[before]!;
    expect(passage.text).toContain("燃气管网");
  });

  it("never logs the app secret", () => {
    expect(logs.join("\n")).not.toContain(OPTS.appSecret);
    expect(logs.join("\n")).toContain("feishu long connection ready");
  });
});
