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
import { startSummary } from "./start-summary.js";
import { progressLog } from "./progress/log.js";
import { progressReporter } from "./progress/terminal.js";
import { describeError } from "./messages.js";
import { startDingTalk, type DingTalkChannel } from "./dingtalk/channel.js";
import { startFeishu, type FeishuChannel } from "./feishu/channel.js";
import { startWeCom, type WeComChannel } from "./wecom/channel.js";
import { RedisConnection } from "./redis/connection.js";
import { watchIndex } from "./index/watch.js";
import { createApp, webRateLimiter } from "./web/app.js";
import { startWebServer, type WebServer } from "./web/server.js";
import { withLedgerAnswers } from "./chat/ledger-answers.js";
import { markStore } from "./ledger/marks.js";
import { LedgerService } from "./ledger/service.js";
import { scheduleDigest } from "./ledger/digest.js";
import { dingTalkDigestTarget } from "./ledger/dingtalk-target.js";
import { feishuDigestTarget } from "./ledger/feishu-target.js";
import { telegramDigestTarget } from "./ledger/telegram-target.js";
import { weComDigestTarget } from "./ledger/wecom-target.js";

export async function main(env: Record<string, string | undefined> = process.env): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    process.stderr.write(`${describeError(err)}\n`);
    return 1;
  }
  const tty = Boolean(process.stderr.isTTY);
  // A person at a terminal gets pretty one-liners, and only warnings unless LOG_LEVEL asks for more; a server's log gets JSON.
  const log = createLogger({
    level: tty && env.LOG_LEVEL === undefined ? "warn" : config.LOG_LEVEL,
    format: tty ? "pretty" : "json",
    secrets: secretsOf(config),
  });
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
  // Every surface shares this engine: it follows the index another process's ingest writes (a withdrawn record goes at once).
  const indexWatch = watchIndex(config.INDEX_DIR, () => engine.switchGeneration(), {
    onError: (err) => log.error("index generation switch failed", { error: describeError(err) }),
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
    await indexWatch.close();
    await engine.close();
    return 1;
  }

  const digestTargets = [telegramDigestTarget(config), feishuDigestTarget(config, log), dingTalkDigestTarget(config), weComDigestTarget(config)].filter(
    (t) => t !== null,
  );
  const digest =
    config.LEDGER_DIGEST && digestTargets.length
      ? scheduleDigest({ cron: config.LEDGER_DIGEST, timezone: config.LEDGER_DIGEST_TZ, days: config.LEDGER_DIGEST_DAYS, ledger, targets: digestTargets, log })
      : null;
  if (digest) log.info("ledger digest scheduled", { next: digest.next()?.toISOString() ?? null, targets: digestTargets.map((t) => t.name) });

  const wecomDetail = [wecom?.appUrl && `callback ${wecom.appUrl}`, wecom?.botUrl && `AI bot ${wecom.botUrl}`].filter(Boolean).join(", ");
  say(
    startSummary({
      url: web?.url ?? null,
      status,
      llm: llmEnabled(config),
      channels: [
        { name: "Telegram", on: Boolean(bot) },
        { name: "飞书 Feishu", on: Boolean(feishu), detail: feishu ? (feishu.url ?? "长连接 long connection") : undefined },
        { name: "钉钉 DingTalk", on: Boolean(dingtalk), detail: dingtalk ? "Stream" : undefined },
        { name: "企业微信 WeCom", on: Boolean(wecom), detail: wecomDetail || undefined },
      ],
    }).join("\n"),
  );

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
  await indexWatch.close();
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
