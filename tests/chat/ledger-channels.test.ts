/**
 * Ledger questions in every chat channel: the real channels against the fakes in tests/fakes
 * (Telegram Bot API, Feishu events, DingTalk Stream, WeCom callbacks), the real engine wrapped by
 * `withLedgerAnswers`, the ledger's clock fixed at 2022-08-26.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MinutesEngine } from "../../src/answer/engine.js";
import { withLedgerAnswers } from "../../src/chat/ledger-answers.js";
import { loadConfig } from "../../src/config.js";
import { startDingTalk } from "../../src/dingtalk/channel.js";
import { startFeishu } from "../../src/feishu/channel.js";
import { FileMarkStore } from "../../src/ledger/marks.js";
import { LedgerService } from "../../src/ledger/service.js";
import { createLogger } from "../../src/log.js";
import { startWeCom } from "../../src/wecom/channel.js";
import { INTERNAL_USER, PUBLIC_USER, openCorpus, resultOf, startBot, type Corpus } from "../bot/harness.js";
import { FakeDingTalk } from "../fakes/dingtalk-server.js";
import { FakeFeishu } from "../fakes/feishu-server.js";
import { FakeWeCom } from "../fakes/wecom-server.js";
import { FIXTURES } from "../helpers/paths.js";

let corpus: Corpus;
let ledgerCorpus: Corpus;
const log = createLogger({ level: "silent" });

beforeAll(async () => {
  corpus = await openCorpus([join(FIXTURES, "ledger/taicang-followup-2022-06.txt")]);
  const ledger = new LedgerService({
    engine: corpus.engine,
    marks: new FileMarkStore(join(corpus.dir, "marks.jsonl")),
    now: () => new Date("2022-08-26T02:00:00Z"),
  });
  // The channels take any Engine; the harness types its corpus with the concrete one.
  ledgerCorpus = { ...corpus, engine: withLedgerAnswers(corpus.engine, ledger) as unknown as MinutesEngine };
});
afterAll(async () => {
  await corpus?.close();
});

describe("ledger questions in the chat channels", () => {
  it("Telegram: a unit's open tasks, cited; internal rows only for allow-listed users; other questions still answered", async () => {
    const run = await startBot(ledgerCorpus);
    try {
      run.tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "市住建局有哪些待办事项");
      const text = resultOf(await run.nextMessage(PUBLIC_USER.id, undefined, 20_000)).text;
      expect(text).toContain("市住建局的待办共 2 项");
      expect(text).toContain("会后由市住建局根据会议讨论情况进一步细化完善");
      expect(text).toContain("年底前（2022-12-31）");
      expect(text).toContain("第1号");
      run.tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "市防汛抗旱指挥部办公室的督办事项");
      expect(resultOf(await run.nextMessage(PUBLIC_USER.id, undefined, 20_000)).text).toContain("督办台账中没有");
      run.tg.sendText({ id: INTERNAL_USER.id }, INTERNAL_USER, "市防汛抗旱指挥部办公室的督办事项");
      expect(resultOf(await run.nextMessage(INTERNAL_USER.id, undefined, 20_000)).text).toContain("由市防汛抗旱指挥部办公室印发实施");
      run.tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "交通规划强调了什么");
      expect(resultOf(await run.nextMessage(PUBLIC_USER.id, undefined, 20_000)).text).toContain("5+1");
    } finally {
      await run.stop();
    }
  }, 60_000);

  it("DingTalk: «哪些事项逾期了» lists the overdue task with its deadline", async () => {
    const creds = { clientId: "ding-client", clientSecret: "ding-s3cret-value" };
    const fake = await new FakeDingTalk(creds).start();
    const config = loadConfig({
      ...corpus.env,
      DINGTALK_CLIENT_ID: creds.clientId,
      DINGTALK_CLIENT_SECRET: creds.clientSecret,
      DINGTALK_API_URL: fake.baseUrl,
    });
    const channel = await startDingTalk({ engine: ledgerCorpus.engine, config, log });
    try {
      fake.sendRobot("哪些事项逾期了");
      const [reply] = await fake.waitForReplies(1);
      expect(reply!.text).toContain("逾期共 1 项");
      expect(reply!.text).toContain("市水务局要在3个工作日内完成全市排涝泵站汛前检查");
      expect(reply!.text).toContain("3个工作日内（2022-06-22）");
    } finally {
      await channel.close();
      await fake.close();
    }
  }, 60_000);

  it("WeCom: «交通规划的落实情况» shows the task done with both citations", async () => {
    const opts = { corpId: "ww-corp-9", agentId: "1000009", secret: "wecom-s3cret-9", token: "tokenW9", aesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" };
    const fake = await new FakeWeCom(opts).start();
    const config = loadConfig({
      ...corpus.env,
      WECOM_CORP_ID: opts.corpId,
      WECOM_AGENT_ID: opts.agentId,
      WECOM_SECRET: opts.secret,
      WECOM_TOKEN: opts.token,
      WECOM_ENCODING_AES_KEY: opts.aesKey,
      WECOM_API_URL: fake.baseUrl,
      WECOM_CALLBACK_PORT: "0",
    });
    const channel = await startWeCom({ engine: ledgerCorpus.engine, config, log });
    try {
      await fake.deliver(channel.appUrl!, "交通规划的落实情况");
      const text = (await fake.waitForSent(1)).map((s) => s.content).join("\n");
      expect(text).toContain("【已办结】市交运局");
      expect(text).toContain("2022-06-17 会议听取落实情况汇报");
      expect(text).toContain("第1号");
      expect(text).toContain("第9号");
      await channel.idle();
    } finally {
      await channel.close();
      await fake.close();
    }
  }, 60_000);

  it("Feishu: «本月到期的督办事项» lists what falls due this month", async () => {
    const opts = { appId: "cli_test", appSecret: "app-s3cret-feishu", encryptKey: "enc-k3y-feishu", verificationToken: "v-t0ken-feishu", botOpenId: "ou_bot" };
    const fake = await new FakeFeishu(opts).start();
    const config = loadConfig({
      ...corpus.env,
      FEISHU_MODE: "http",
      FEISHU_APP_ID: opts.appId,
      FEISHU_APP_SECRET: opts.appSecret,
      FEISHU_ENCRYPT_KEY: opts.encryptKey,
      FEISHU_VERIFICATION_TOKEN: opts.verificationToken,
      FEISHU_BASE_URL: fake.baseUrl,
      FEISHU_EVENT_PORT: "0",
    });
    const channel = await startFeishu({ engine: ledgerCorpus.engine, config, log });
    try {
      await fake.deliver(channel.url!, "本月到期的督办事项");
      const [reply] = await fake.waitForReplies(1);
      expect(reply!.text).toContain("本月到期共 1 项");
      expect(reply!.text).toContain("【临近】市交运局");
      expect(reply!.text).toContain("8月底前（2022-08-31）");
    } finally {
      await channel.close();
      await fake.close();
    }
  }, 60_000);
});
