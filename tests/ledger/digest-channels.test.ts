/**
 * The ledger digest to Feishu, DingTalk and WeCom chats, each through the product's own client for that platform
 * (the Lark SDK, the DingTalk OpenAPI, WeCom's message/send) against the local fakes: at the cron's time with a fake
 * clock, with the rows each chat may see under its platform's allow-lists, in parts under each platform's cap.
 */
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../src/config.js";
import { scheduleDigest, sendDigest, type DigestTarget } from "../../src/ledger/digest.js";
import { dingTalkDigestTarget } from "../../src/ledger/dingtalk-target.js";
import { feishuDigestTarget } from "../../src/ledger/feishu-target.js";
import { FileMarkStore } from "../../src/ledger/marks.js";
import { LedgerService } from "../../src/ledger/service.js";
import { weComDigestTarget } from "../../src/ledger/wecom-target.js";
import { createLogger, type Logger } from "../../src/log.js";
import { openCorpus, type Corpus } from "../bot/harness.js";
import { FakeDingTalk } from "../fakes/dingtalk-server.js";
import { FakeFeishu } from "../fakes/feishu-server.js";
import { WAIT_MS } from "../fakes/wait.js";
import { FakeWeCom } from "../fakes/wecom-server.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { FIXTURES } from "../helpers/paths.js";

const FOLLOWUP = join(FIXTURES, "ledger/taicang-followup-2022-06.txt");
const FEISHU = { appId: "cli_0123456789abcdef", appSecret: "feishu-s3cret-value", encryptKey: "enc-k3y", verificationToken: "v-t0ken", botOpenId: "ou_bot" };
const DING = { clientId: "ding-client", clientSecret: "ding-s3cret-value" };
const WECOM = {
  corpId: "ww-corp-1",
  agentId: "1000002",
  secret: "wecom-s3cret-value",
  token: "wecomToken9",
  aesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
};
const RETRY = { attempts: 3, delayMs: 10 };
/** A public row due on 2022-08-31, and an internal one due on 2023-04-15: both inside 366 days from 2022-08-26. */
const PUBLIC_ROW = "市交运局 · 8月底前（2022-08-31）";
const INTERNAL_ROW = "水库、山塘、堤防和涵闸";
const NOW = new Date("2022-08-26T01:00:00Z");

let corpus: Corpus;
let feishu: FakeFeishu;
let ding: FakeDingTalk;
let wecom: FakeWeCom;
let ledger: LedgerService;
const lines: string[] = [];
let log: Logger;

beforeAll(async () => {
  corpus = await openCorpus([FOLLOWUP]);
  [feishu, ding, wecom] = await Promise.all([new FakeFeishu(FEISHU).start(), new FakeDingTalk(DING).start(), new FakeWeCom(WECOM).start()]);
  ledger = new LedgerService({ engine: corpus.engine, marks: new FileMarkStore(join(corpus.dir, "marks.jsonl")), now: () => NOW });
  log = createLogger({ level: "info", write: (l) => lines.push(l), secrets: [FEISHU.appSecret, DING.clientSecret, WECOM.secret] });
}, 120_000);
afterAll(async () => {
  await Promise.all([feishu?.close(), ding?.close(), wecom?.close()]);
  await corpus?.close();
});
beforeEach(() => {
  feishu.sent.length = 0;
  ding.robotSent.length = 0;
  wecom.sent.length = 0;
  lines.length = 0;
});

/** All three platforms configured, each with a digest chat (`chats`) and whatever allow-lists `extra` sets. */
function config(extra: Record<string, string> = {}): Config {
  return loadConfig({
    ...corpus.env,
    FEISHU_APP_ID: FEISHU.appId,
    FEISHU_APP_SECRET: FEISHU.appSecret,
    FEISHU_BASE_URL: feishu.baseUrl,
    DINGTALK_CLIENT_ID: DING.clientId,
    DINGTALK_CLIENT_SECRET: DING.clientSecret,
    DINGTALK_API_URL: ding.baseUrl,
    WECOM_CORP_ID: WECOM.corpId,
    WECOM_AGENT_ID: WECOM.agentId,
    WECOM_SECRET: WECOM.secret,
    WECOM_TOKEN: WECOM.token,
    WECOM_ENCODING_AES_KEY: WECOM.aesKey,
    WECOM_API_URL: wecom.baseUrl,
    LEDGER_DIGEST: "0 9 * * *",
    LEDGER_DIGEST_DAYS: "366",
    LEDGER_DIGEST_FEISHU_CHAT: "oc_public",
    LEDGER_DIGEST_DINGTALK_CHAT: "cidPublicGroup==",
    LEDGER_DIGEST_WECOM_CHAT: "lisi",
    ...extra,
  });
}

function targets(c: Config): DigestTarget[] {
  return [feishuDigestTarget(c, log, RETRY), dingTalkDigestTarget(c, RETRY), weComDigestTarget(c, RETRY)].filter((t) => t !== null);
}

const logged = (msg: string, target: string) => lines.some((l) => l.includes(msg) && l.includes(`"target":"${target}"`));

describe("ledger digest to Feishu, DingTalk and WeCom", () => {
  it("fires at the cron's time and reaches each platform's configured chat, without internal rows in chats not allow-listed", async () => {
    const clock = new FakeClock(Date.parse("2022-08-25T20:00:00Z")); // 04:00 in Shanghai
    const c = config();
    const ts = targets(c);
    expect(ts.map((t) => [t.name, t.access.internal])).toEqual([
      ["feishu", false],
      ["dingtalk", false],
      ["wecom", false],
    ]);
    const job = scheduleDigest({ cron: c.LEDGER_DIGEST!, timezone: c.LEDGER_DIGEST_TZ, days: c.LEDGER_DIGEST_DAYS, ledger, targets: ts, log, timers: clock });
    try {
      expect(job.next()?.toISOString()).toBe("2022-08-26T01:00:00.000Z");
      clock.advanceTo("2022-08-26T00:59:59Z");
      expect([feishu.sent.length, ding.robotSent.length, wecom.sent.length]).toEqual([0, 0, 0]);
      clock.advanceTo("2022-08-26T01:00:00Z");

      const [f] = await feishu.waitForSent(1);
      expect(f).toMatchObject({ receiveIdType: "chat_id", receiveId: "oc_public", msgType: "text" });
      expect(f!.text.split("\n")[0]).toBe("督办台账提醒（2022-08-26）：366 天内到期的事项");
      const [d] = await ding.waitForRobotSent(1);
      expect(d).toMatchObject({ openConversationId: "cidPublicGroup==", robotCode: DING.clientId, msgKey: "sampleMarkdown", title: "督办台账提醒" });
      const [w] = await wecom.waitForSent(1);
      expect(w).toMatchObject({ touser: "lisi", agentid: 1000002, msgtype: "markdown" });
      for (const text of [f!.text, d!.text, w!.content]) {
        expect(text).toContain(PUBLIC_ROW);
        expect(text).not.toContain(INTERNAL_ROW);
      }
      await expect.poll(() => job.next()?.toISOString(), { timeout: WAIT_MS }).toBe("2022-08-27T01:00:00.000Z");
    } finally {
      job.stop();
    }
  }, 60_000);

  it("includes internal rows in the chats each platform's allow-lists admit: group chats, and private chats of allowed users", async () => {
    const groups = config({
      FEISHU_ALLOWED_CHAT_IDS: "oc_staff",
      LEDGER_DIGEST_FEISHU_CHAT: "oc_staff",
      DINGTALK_ALLOWED_CHAT_IDS: "cidStaffGroup==",
      LEDGER_DIGEST_DINGTALK_CHAT: "cidStaffGroup==",
      WECOM_ALLOWED_USER_IDS: "zhangsan",
      LEDGER_DIGEST_WECOM_CHAT: "zhangsan",
    });
    await sendDigest({ days: 366, ledger, targets: targets(groups), log }, NOW);
    const [f] = await feishu.waitForSent(1);
    const [d] = await ding.waitForRobotSent(1);
    const [w] = await wecom.waitForSent(1);
    expect([f!.receiveId, d!.openConversationId, w!.touser]).toEqual(["oc_staff", "cidStaffGroup==", "zhangsan"]);
    for (const text of [f!.text, d!.text, w!.content]) expect(text).toContain(INTERNAL_ROW);

    // A user's private chat: Feishu by open_id, DingTalk by staffId (oToMessages/batchSend); internal only for an allowed user.
    const users = config({
      FEISHU_ALLOWED_USER_IDS: "ou_lead",
      LEDGER_DIGEST_FEISHU_CHAT: "ou_lead",
      DINGTALK_ALLOWED_USER_IDS: "staff-007",
      LEDGER_DIGEST_DINGTALK_CHAT: "staff-007",
    });
    await sendDigest({ days: 366, ledger, targets: targets(users).slice(0, 2), log }, NOW);
    const f2 = (await feishu.waitForSent(2))[1]!;
    const d2 = (await ding.waitForRobotSent(2))[1]!;
    expect(f2).toMatchObject({ receiveIdType: "open_id", receiveId: "ou_lead" });
    expect(d2.userIds).toEqual(["staff-007"]);
    expect(f2.text).toContain(INTERNAL_ROW);
    expect(d2.text).toContain(INTERNAL_ROW);

    const strangers = targets(
      config({
        FEISHU_ALLOWED_USER_IDS: "ou_lead",
        LEDGER_DIGEST_FEISHU_CHAT: "ou_other",
        DINGTALK_ALLOWED_CHAT_IDS: "cidStaffGroup==",
        LEDGER_DIGEST_DINGTALK_CHAT: "staff-007",
      }),
    );
    expect(strangers.map((t) => t.access.internal)).toEqual([false, false, false]);
  }, 60_000);

  it("keeps sending to the other chats when one platform refuses, and tries again when one says «later»", async () => {
    feishu.failNext(1, 400, 230002); // the bot is not in the group: not worth trying again
    ding.failRobotNext(1, 429);
    await sendDigest({ days: 366, ledger, targets: targets(config()), log }, NOW);
    await ding.waitForRobotSent(1);
    await wecom.waitForSent(1);
    expect(feishu.sent).toHaveLength(0);
    expect(logged("ledger digest failed", "feishu")).toBe(true);
    expect(logged("ledger digest sent", "dingtalk")).toBe(true);
    expect(logged("ledger digest sent", "wecom")).toBe(true);
    expect(lines.join("\n")).not.toContain(FEISHU.appSecret);
  }, 60_000);

  it("splits a long digest at line ends under each platform's message cap", async () => {
    const text = Array.from({ length: 700 }, (_, i) => `${i + 1}. ${"督办事项逐项落实".repeat(10)}`).join("\n"); // ≈ 170 KB
    const [f, d, w] = targets(config());
    await f!.send(text);
    await d!.send(text);
    await w!.send(text);
    const sent = { feishu: feishu.sent.map((s) => s.text), dingtalk: ding.robotSent.map((s) => s.text), wecom: wecom.sent.map((s) => s.content) };
    const caps = { feishu: 150 * 1024, dingtalk: 4000, wecom: 2048 };
    for (const [name, parts] of Object.entries(sent)) {
      expect(parts.length, name).toBeGreaterThan(1);
      expect(Math.max(...parts.map((p) => Buffer.byteLength(p))), name).toBeLessThanOrEqual(caps[name as keyof typeof caps]);
      // Whole lines in order: DingTalk's hard line breaks («  » before each line end) taken out, the parts make the text again.
      expect(parts.map((p) => p.replace(/ {2}$/gm, "")).join("\n"), name).toBe(text);
    }
  }, 120_000);
});
