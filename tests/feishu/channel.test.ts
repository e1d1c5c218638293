/**
 * The Feishu channel end to end: the real @larksuiteoapi/node-sdk (client and
 * EventDispatcher) against the fake Open Platform in tests/fakes, the real
 * engine over the seed and the internal fixture.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { startFeishu, type FeishuChannel } from "../../src/feishu/channel.js";
import { createLogger } from "../../src/log.js";
import { openCorpus, type Corpus } from "../bot/harness.js";
import { FakeFeishu } from "../fakes/feishu-server.js";

const OPTS = { appId: "cli_test", appSecret: "app-s3cret-feishu", encryptKey: "enc-k3y-feishu", verificationToken: "v-t0ken-feishu", botOpenId: "ou_bot" };
const STAFF = "ou_staff";
const SECRET_MARKERS = ["枫林", "燃气管网", "可燃气体报警", "赵立群"];

let corpus: Corpus;
let fake: FakeFeishu;
let channel: FeishuChannel;
const logs: string[] = [];

async function start(extra: Record<string, string> = {}): Promise<FeishuChannel> {
  const config = loadConfig({
    ...corpus.env,
    FEISHU_MODE: "http",
    FEISHU_APP_ID: OPTS.appId,
    FEISHU_APP_SECRET: OPTS.appSecret,
    FEISHU_ENCRYPT_KEY: OPTS.encryptKey,
    FEISHU_VERIFICATION_TOKEN: OPTS.verificationToken,
    FEISHU_BASE_URL: fake.baseUrl,
    FEISHU_EVENT_PORT: "0",
    FEISHU_ALLOWED_USER_IDS: STAFF,
    ...extra,
  });
  const log = createLogger({ level: "debug", write: (l) => logs.push(l), secrets: [OPTS.appSecret, OPTS.encryptKey, OPTS.verificationToken] });
  return startFeishu({ engine: corpus.engine, config, log, retry: { attempts: 3, delayMs: 20 } });
}

beforeAll(async () => {
  corpus = await openCorpus();
  fake = await new FakeFeishu(OPTS).start();
  channel = await start();
});
afterAll(async () => {
  await channel?.close();
  await fake?.close();
  await corpus?.close();
});

describe("Feishu channel", () => {
  it("answers a private question with a card citing item 七 and «5+1», acknowledging first", async () => {
    const before = fake.replies.length;
    const r = await fake.deliver(channel.url!, "交通规划强调了什么");
    expect(r.status).toBe(200);
    const [reply] = (await fake.waitForReplies(before + 1)).slice(before);
    expect(reply!.messageId).toBe(r.messageId);
    expect(reply!.msgType).toBe("interactive");
    expect(reply!.text).toContain("七、审议《太仓市“十四五”交通运输发展规划》");
    expect(reply!.text).toContain("5+1");
    expect(reply!.text).toMatch(/\[1\]/);
  });

  it("uses the chat's history for a follow-up", async () => {
    const before = fake.replies.length;
    await fake.deliver(channel.url!, "交通规划强调了什么", { chatId: "oc_follow" });
    await fake.waitForReplies(before + 1);
    await fake.deliver(channel.url!, "那住房规划呢？", { chatId: "oc_follow" });
    const replies = await fake.waitForReplies(before + 2);
    expect(replies[before + 1]!.text).toContain("八、审议《太仓市“十四五”城镇住房发展规划》");
  });

  it("in a group answers only when the bot is @-mentioned", async () => {
    const before = fake.replies.length;
    expect((await fake.deliver(channel.url!, "交通规划强调了什么", { chatType: "group", chatId: "oc_group" })).status).toBe(200);
    await channel.idle();
    expect(fake.replies.length).toBe(before);
    const r = await fake.deliver(channel.url!, "交通规划强调了什么", { chatType: "group", chatId: "oc_group", mentionBot: true });
    const replies = await fake.waitForReplies(before + 1);
    expect(replies[before]!.messageId).toBe(r.messageId);
    expect(replies[before]!.text).toContain("5+1");
  });

  it("refuses internal minutes to a stranger and answers an allow-listed user", async () => {
    const before = fake.replies.length;
    await fake.deliver(channel.url!, "城镇燃气安全专项整治强调了什么", { openId: "ou_stranger", chatId: "oc_s" });
    const stranger = (await fake.waitForReplies(before + 1))[before]!;
    expect(SECRET_MARKERS.filter((m) => stranger.text.includes(m))).toEqual([]);
    await fake.deliver(channel.url!, "城镇燃气安全专项整治强调了什么", { openId: STAFF, chatId: "oc_staff" });
    const staff = (await fake.waitForReplies(before + 2))[before + 1]!;
    expect(staff.text).toContain("燃气管网");
  });

  it("answers a redelivered event once", async () => {
    const before = fake.replies.length;
    const first = await fake.deliver(channel.url!, "交通规划强调了什么", { eventId: "ev_dup", chatId: "oc_dup" });
    const again = await fake.deliver(channel.url!, "交通规划强调了什么", { eventId: "ev_dup", chatId: "oc_dup" });
    expect([first.status, again.status]).toEqual([200, 200]);
    await fake.waitForReplies(before + 1);
    await channel.idle();
    expect(fake.replies.length).toBe(before + 1);
  });

  it("refuses a correctly signed event sent more than 5 minutes ago or ahead, and takes one a little late", async () => {
    const before = fake.replies.length;
    const event = () => fake.messageEvent("交通规划强调了什么", { chatId: "oc_fresh" });
    const [old, ahead, late] = [event(), event(), event()];
    expect((await fake.post(channel.url!, old.payload, undefined, Date.now() - 7 * 24 * 60 * 60_000)).status).toBe(401);
    expect((await fake.post(channel.url!, ahead.payload, undefined, Date.now() + 10 * 60_000)).status).toBe(401);
    expect((await fake.post(channel.url!, late.payload, undefined, Date.now() - 2 * 60_000)).status).toBe(200);
    await fake.waitForReplies(before + 1);
    await channel.idle();
    expect(fake.replies.slice(before).map((r) => r.messageId)).toEqual([late.messageId]);
  });

  it("retries a reply the platform refused (429 frequency limit, then a 500)", async () => {
    const before = fake.replies.length;
    const calls = fake.calls.length;
    fake.failNext(1);
    fake.failNext(1, 500, 1000004);
    await fake.deliver(channel.url!, "交通规划强调了什么", { chatId: "oc_retry" });
    const reply = (await fake.waitForReplies(before + 1))[before]!;
    expect(reply.text).toContain("5+1");
    expect(fake.calls.slice(calls).filter((p) => p.endsWith("/reply"))).toHaveLength(3);
  });

  it("rejects an event with a bad signature, and answers nothing", async () => {
    const before = fake.replies.length;
    const r = await fake.deliver(channel.url!, "交通规划强调了什么", { signWith: "not-the-key", chatId: "oc_forged" });
    expect(r.status).toBe(401);
    await channel.idle();
    expect(fake.replies.length).toBe(before);
  });

  it("answers the URL verification challenge (encrypted) and refuses a wrong verification token", async () => {
    const ok = await fake.post(channel.url!, { type: "url_verification", challenge: "ch-123", token: OPTS.verificationToken });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ challenge: "ch-123" });
    const bad = await fake.post(channel.url!, { type: "url_verification", challenge: "ch-123", token: "forged" });
    expect(bad.status).toBe(401);
  });

  it("with FEISHU_PUBLIC=false refuses a stranger politely and still answers staff", async () => {
    const closed = await start({ FEISHU_PUBLIC: "false" });
    try {
      const before = fake.replies.length;
      await fake.deliver(closed.url!, "交通规划强调了什么", { openId: "ou_other", chatId: "oc_closed" });
      expect((await fake.waitForReplies(before + 1))[before]!.text).toContain("没有使用本助手的权限");
      await fake.deliver(closed.url!, "交通规划强调了什么", { openId: STAFF, chatId: "oc_closed2" });
      expect((await fake.waitForReplies(before + 2))[before + 1]!.text).toContain("5+1");
    } finally {
      await closed.close();
    }
  });

  it("answers a 原文 button press (card.action.trigger on the same endpoint) with the item verbatim, and refuses a tampered value", async () => {
    const before = fake.replies.length;
    await fake.deliver(channel.url!, "交通规划强调了什么", { chatId: "oc_src_http" });
    const answer = (await fake.waitForReplies(before + 1))[before]!;
    const value = answer.card.elements.flatMap((e) => e.actions ?? [])[0]!.value!;
    const tampered = await fake.press(channel.url!, answer, { ...value, s: Number(value.s) + 1 });
    expect(tampered).toEqual({ status: 200, response: { toast: { type: "error", content: "该按钮无效或已失效。" } } });
    await channel.idle();
    expect(fake.replies.length).toBe(before + 1);
    const pressed = await fake.press(channel.url!, answer, value);
    expect(pressed).toEqual({ status: 200, response: { toast: { type: "success", content: "原文已发送。" } } });
    const passage = (await fake.waitForReplies(before + 2))[before + 1]!;
    expect(passage.messageId).toBe(answer.messageId);
    expect(passage.card.header?.title?.content).toContain("七、审议《太仓市“十四五”交通运输发展规划》");
    expect(passage.text).toContain("5+1");
  });

  it("never logs the app secret, the encrypt key or the verification token", () => {
    const all = logs.join("\n");
    for (const s of [OPTS.appSecret, OPTS.encryptKey, OPTS.verificationToken]) expect(all).not.toContain(s);
    expect(all).toContain("feishu event endpoint listening");
  });
});
