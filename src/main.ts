/**
 * `npm start`: the product's entry point, and the only place that reads the
 * environment, opens ports and handles signals.
 *
 * - Without TELEGRAM_BOT_TOKEN: the web chat and HTTP API (offline default).
 * - With TELEGRAM_BOT_TOKEN: the Telegram bot, plus the web chat when WEB_PORT
 *   is set (or BOT_MODE=webhook, whose updates arrive through the web server).
 */
import "dotenv/config";
import { pathToFileURL } from "node:url";
import { openEngine } from "./answer/engine.js";
import { startTelegramBot, type StartedBot } from "./bot-main.js";
import { llmEnabled, loadConfig, type Config } from "./config.js";
import { createLogger } from "./log.js";
import { secretsOf } from "./redact.js";
import { progressLog } from "./progress/log.js";
import { progressReporter } from "./progress/terminal.js";
import { describeError } from "./messages.js";
import { startDingTalk, type DingTalkChannel } from "./dingtalk/channel.js";
import { startFeishu, type FeishuChannel } from "./feishu/channel.js";
import { startWeCom, type WeComChannel } from "./wecom/channel.js";
import { RedisConnection } from "./redis/connection.js";
import { createApp, webRateLimiter } from "./web/app.js";
import { startWebServer, type WebServer } from "./web/server.js";
import { withLedgerAnswers } from "./chat/ledger-answers.js";
import { markStore } from "./ledger/marks.js";
import { LedgerService } from "./ledger/service.js";
import { scheduleDigest } from "./ledger/digest.js";
import { telegramDigestTarget } from "./ledger/telegram-target.js";

export async function main(env: Record<string, string | undefined> = process.env): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    process.stderr.write(`${describeError(err)}\n`);
    return 1;
  }
  const log = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  const tty = Boolean(process.stderr.isTTY);
  // Human-readable hints go to stdout; structured logs stay on stderr.
  const say = (s: string) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`);

  const engine = await openEngine({
    config,
    log,
    // The bar is drawn on stderr, so stderr decides; a service's stderr is its log, so it gets structured lines.
    onProgress: tty ? progressReporter((s) => process.stderr.write(s), true) : progressLog(log),
  });
  const status = engine.status();
  log.info("index ready", {
    documents: status.documents,
    passages: status.passages,
    indexedAt: status.indexedAt,
    embedder: status.embedder.model,
    llm: llmEnabled(config),
  });

  let bot: StartedBot | null = null;
  let web: WebServer | null = null;
  let feishu: FeishuChannel | null = null;
  let dingtalk: DingTalkChannel | null = null;
  let wecom: WeComChannel | null = null;
  // One Redis connection for the sessions and the rate limits of every channel.
  const redis = config.REDIS_URL ? new RedisConnection(config.REDIS_URL, { log }) : undefined;
  // One 督办台账 for the API, the chats' ledger questions and the digest; marks in Redis when it is configured.
  const ledger = new LedgerService({ engine, marks: markStore(config, redis, log) });
  const chatEngine = withLedgerAnswers(engine, ledger);
  const wantsWeb = !config.TELEGRAM_BOT_TOKEN || env.WEB_PORT !== undefined || config.BOT_MODE === "webhook";
  try {
    if (config.TELEGRAM_BOT_TOKEN) bot = await startTelegramBot({ config, log, engine: chatEngine, ...(redis ? { deps: { redis } } : {}) });
    if (config.FEISHU_APP_ID) feishu = await startFeishu({ engine: chatEngine, config, log, ...(redis ? { redis } : {}) });
    if (config.DINGTALK_CLIENT_ID) dingtalk = await startDingTalk({ engine: chatEngine, config, log, ...(redis ? { redis } : {}) });
    if (config.WECOM_CORP_ID || config.WECOM_BOT_TOKEN) wecom = await startWeCom({ engine: chatEngine, config, log, ...(redis ? { redis } : {}) });
    if (wantsWeb) {
      const app = createApp(chatEngine, config, { log, webhook: bot?.webhookHandler, rateLimiter: webRateLimiter(config, redis, log), ledger });
      web = await startWebServer(app, { host: config.WEB_HOST, port: config.WEB_PORT });
      log.info("web chat listening", { url: web.url });
    }
  } catch (err) {
    log.error("start failed", { error: describeError(err) });
    process.stderr.write(`${describeError(err)}\n`);
    await bot?.stop();
    await feishu?.close();
    await dingtalk?.close();
    await wecom?.close();
    await redis?.close();
    await engine.close();
    return 1;
  }

  const digestTarget = telegramDigestTarget(config);
  const digest =
    config.LEDGER_DIGEST && digestTarget
      ? scheduleDigest({ cron: config.LEDGER_DIGEST, timezone: config.LEDGER_DIGEST_TZ, days: config.LEDGER_DIGEST_DAYS, ledger, targets: [digestTarget], log })
      : null;
  if (digest) log.info("ledger digest scheduled", { next: digest.next()?.toISOString() ?? null });

  if (web) say(`\n纪要问答 web chat: ${web.url}  (${status.documents} 份纪要, ${status.passages} 个段落)`);
  if (feishu) say(feishu.url ? `飞书 (Feishu) events: ${feishu.url}` : "飞书 (Feishu): connected by long connection (长连接)");
  if (wecom?.appUrl) say(`企业微信 (WeCom) callback: ${wecom.appUrl}`);
  if (wecom?.botUrl) say(`企业微信智能机器人 (WeCom AI bot) callback: ${wecom.botUrl}`);
  if (dingtalk) say("钉钉 (DingTalk): connected in Stream mode");
  if (!config.TELEGRAM_BOT_TOKEN) say("Telegram: set TELEGRAM_BOT_TOKEN (see .env.example) to run the bot.");
  if (!llmEnabled(config)) say("LLM answers (optional): set LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY); without them answers are verbatim extracts.");
  say("Press Ctrl-C to stop.");

  let botFailed = false;
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      log.info("stopping", { signal });
      resolve();
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    bot?.handle.task.catch(() => {
      botFailed = true;
      resolve();
    });
  });
  digest?.stop();
  await Promise.allSettled([bot?.stop(), web?.close(), feishu?.close(), dingtalk?.close(), wecom?.close()]);
  await redis?.close();
  await engine.close();
  log.info("stopped");
  return botFailed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${describeError(err)}\n`);
      process.exit(1);
    },
  );
}
