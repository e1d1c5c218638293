/**
 * Entry helper for the Telegram bot. `startTelegramBot` is what src/main.ts
 * calls; running this file directly (`tsx src/bot-main.ts`) starts the bot
 * alone with long polling, with SIGINT/SIGTERM handling.
 */
import { pathToFileURL } from "node:url";
import type { Engine } from "./answer/types.js";
import { loadConfig, type Config } from "./config.js";
import { createBot, type CreateBotDeps } from "./bot/create-bot.js";
import { errorFields } from "./bot/redact.js";
import { runBot, type BotRunHandle } from "./bot/run.js";
import { watchIndex } from "./index/watch.js";
import { createLogger, type Logger } from "./log.js";
import { secretsOf } from "./redact.js";
import { describeError } from "./messages.js";

export interface StartedBot {
  handle: BotRunHandle;
  /** Webhook mode: mount on the web server at the path of WEBHOOK_URL (POST). */
  webhookHandler?: (req: Request) => Promise<Response>;
  /** Stops polling / stops accepting work and waits for updates in progress. */
  stop(): Promise<void>;
}

/** Creates and runs the bot for an open engine (polling or webhook per BOT_MODE). */
export async function startTelegramBot(opts: { config: Config; log: Logger; engine: Engine; deps?: Omit<CreateBotDeps, "log"> }): Promise<StartedBot> {
  const handle = await runBot(createBot(opts.engine, opts.config, { log: opts.log, ...opts.deps }), opts.config, opts.log);
  return { handle, ...(handle.webhookHandler ? { webhookHandler: handle.webhookHandler } : {}), stop: () => handle.stop() };
}

/** Standalone: loads the config, opens the engine (ingesting when needed), polls until SIGINT/SIGTERM. */
export async function main(env: Record<string, string | undefined> = process.env): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (e) {
    process.stderr.write(`${describeError(e)}\n`);
    return 1;
  }
  const log = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  if (!config.TELEGRAM_BOT_TOKEN) {
    log.error("TELEGRAM_BOT_TOKEN is not set");
    return 1;
  }
  if (config.BOT_MODE === "webhook") {
    log.error("BOT_MODE=webhook is served by the web server (npm start); this entry point only polls");
    return 1;
  }
  const { openEngine } = await import("./answer/engine.js");
  const engine = await openEngine({ config, log });
  const indexWatch = watchIndex(config.INDEX_DIR, () => engine.switchGeneration(), {
    onError: (err) => log.error("index generation switch failed", { error: describeError(err) }),
  });
  let started: StartedBot;
  try {
    started = await startTelegramBot({ config, log, engine });
  } catch (e) {
    log.error("bot failed to start", errorFields(e, secretsOf(config)));
    await indexWatch.close();
    await engine.close();
    return 1;
  }
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    log.info("stopping", { signal });
    void started.stop();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let code = 0;
  try {
    await started.handle.task;
  } catch {
    code = 1; // already logged, redacted
  }
  await started.stop();
  await indexWatch.close();
  await engine.close();
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${describeError(e)}\n`);
      process.exit(1);
    },
  );
}
