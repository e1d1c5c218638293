/**
 * Running a bot made by createBot: long polling through @grammyjs/runner, or a
 * webhook whose handler the web server mounts. Signal handling belongs to the
 * entry point, which calls `handle.stop()` (or `stop()` for every running bot).
 */
import { run, type RunnerHandle } from "@grammyjs/runner";
import { GrammyError, HttpError, webhookCallback, type Bot } from "grammy";
import { variableError, type Config } from "../config.js";
import { ConfigError } from "../errors.js";
import type { Logger } from "../log.js";
import { createRedactor, secretsOf } from "../redact.js";
import { registerCommands } from "./commands.js";
import type { BotContext } from "./context.js";
import { ALLOWED_UPDATES, type CreatedBot } from "./create-bot.js";
import { errorFields, redactError } from "./redact.js";

/**
 * How long a webhook request may take before Telegram gets its 200. Telegram
 * gives up after about 10 s and redelivers, so slow updates are acknowledged
 * and then finished in the background.
 */
export const WEBHOOK_ACK_MS = 8_000;

/**
 * A standard `(req: Request) => Promise<Response>` webhook handler (grammY's
 * "std/http" adapter): checks X-Telegram-Bot-Api-Secret-Token, handles the
 * update, and answers 200 within WEBHOOK_ACK_MS even when the update takes longer.
 */
export function createWebhookCallback(bot: Bot<BotContext>, secret: string, opts: { ackMs?: number } = {}): (req: Request) => Promise<Response> {
  if (!secret) throw new ConfigError("config_invalid", "a webhook needs WEBHOOK_SECRET", { subject: "WEBHOOK_SECRET" });
  const handle = webhookCallback(bot, "std/http", {
    secretToken: secret,
    onTimeout: "return",
    timeoutMilliseconds: opts.ackMs ?? WEBHOOK_ACK_MS,
  }) as (req: Request) => Promise<Response>;
  return async (req) => {
    if (req.method !== "POST") return new Response("method not allowed", { status: 405 });
    try {
      return await handle(req);
    } catch {
      // A malformed body; Telegram never sends one, so there is nothing to retry.
      return new Response("bad request", { status: 400 });
    }
  };
}

/** A failed getMe at start, as the variable to fix: the API root that cannot be reached, or the token it refused. */
function startError(e: unknown, apiRoot: string, secrets: string[]): unknown {
  const redact = createRedactor(secrets);
  if (e instanceof HttpError) {
    const why = e.error instanceof Error ? e.error.message : String(e.error);
    return variableError("TELEGRAM_API_ROOT", `cannot reach the Bot API at ${redact(apiRoot)} (${redact(why)})`, e);
  }
  if (e instanceof GrammyError && (e.error_code === 401 || e.error_code === 404)) {
    return variableError("TELEGRAM_BOT_TOKEN", `the Bot API at ${redact(apiRoot)} refused the token (${e.error_code} ${redact(e.description)})`, e);
  }
  return e;
}

export interface BotRunHandle {
  mode: "polling" | "webhook";
  /** Webhook mode: the handler to mount at the path of WEBHOOK_URL on the web server. */
  webhookHandler?: (req: Request) => Promise<Response>;
  /** Settles when polling ends: resolves after stop(), rejects if polling failed for good (401, 409). */
  task: Promise<void>;
  /** Stops fetching updates, waits (bounded) for updates being handled, confirms the last one, closes the session storage's connection. Idempotent. */
  stop(): Promise<void>;
}

const running = new Set<BotRunHandle>();

/** Stops every bot started by runBot in this process. */
export async function stop(): Promise<void> {
  await Promise.all([...running].map((h) => h.stop()));
}

export interface RunBotOptions {
  /** Longest wait for updates in progress on stop (default 10 s). */
  drainMs?: number;
  /** Long-polling timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
}

/**
 * Starts the bot: getMe, command menus, then long polling (BOT_MODE=polling,
 * the default) or setWebhook (BOT_MODE=webhook; mount `handle.webhookHandler`).
 */
export async function runBot({ bot, runtime }: CreatedBot, config: Config, log: Logger, opts: RunBotOptions = {}): Promise<BotRunHandle> {
  const secrets = secretsOf(config);
  // getMe through the bot's transformers (bounded retries), not bot.init(),
  // which retries network errors forever: an unreachable API fails the start.
  if (!bot.isInited()) {
    try {
      bot.botInfo = await bot.api.getMe();
    } catch (e) {
      throw startError(redactError(e, secrets), config.TELEGRAM_API_ROOT, secrets);
    }
  }
  log.info("bot started", { username: bot.botInfo.username, mode: config.BOT_MODE, apiRoot: config.TELEGRAM_API_ROOT });
  try {
    await registerCommands(bot.api, config, log);
  } catch (e) {
    log.warn("could not register the command menu", errorFields(e, secrets));
  }

  const drain = async () => {
    const ms = opts.drainMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([runtime.idle().then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), ms)))]);
    clearTimeout(timer);
    if (timedOut) log.warn("stopped with updates still in progress", { inflight: runtime.inflight() });
  };

  // After the drain: updates still in progress past it may fail to save their session.
  const closeRuntime = () => runtime.close().catch((e: unknown) => log.warn("could not close the session storage", errorFields(e, secrets)));

  if (config.BOT_MODE === "webhook") {
    if (!config.WEBHOOK_URL || !config.WEBHOOK_SECRET) {
      // Without the secret anyone could post updates in the name of an allow-listed user.
      throw new ConfigError("config_invalid", "BOT_MODE=webhook needs WEBHOOK_URL and WEBHOOK_SECRET", { subject: "WEBHOOK_SECRET" });
    }
    const webhookHandler = createWebhookCallback(bot, config.WEBHOOK_SECRET);
    await bot.api.setWebhook(config.WEBHOOK_URL, { secret_token: config.WEBHOOK_SECRET, allowed_updates: [...ALLOWED_UPDATES] });
    let stopped: Promise<void> | null = null;
    let resolveTask!: () => void;
    const task = new Promise<void>((r) => (resolveTask = r));
    const handle: BotRunHandle = {
      mode: "webhook",
      webhookHandler,
      task,
      stop: () =>
        (stopped ??= (async () => {
          running.delete(handle);
          await drain();
          await closeRuntime();
          resolveTask();
          log.info("bot stopped");
        })()),
    };
    running.add(handle);
    return handle;
  }

  // Polling: a webhook left over from an earlier deployment would make getUpdates fail with 409.
  try {
    await bot.api.deleteWebhook({ drop_pending_updates: false });
  } catch (e) {
    log.warn("could not delete a webhook before polling", errorFields(e, secrets));
  }
  const runner: RunnerHandle = run(bot, {
    runner: {
      fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: opts.pollTimeoutSeconds ?? 30 },
      silent: true, // failures are logged (redacted) by the bot's API transformer
      retryInterval: "exponential",
    },
  });
  const task = (async () => {
    try {
      await runner.task();
    } catch (e) {
      throw redactError(e, secrets);
    }
  })();
  task.catch((e: unknown) => log.error("polling stopped", errorFields(e, secrets)));
  let stopped: Promise<void> | null = null;
  const handle: BotRunHandle = {
    mode: "polling",
    task,
    stop: () =>
      (stopped ??= (async () => {
        running.delete(handle);
        if (runner.isRunning()) await runner.stop().catch(() => undefined);
        await drain();
        // Confirm the handled updates so a restart does not see them again.
        const last = runtime.lastUpdateId();
        if (last !== null) {
          await bot.api
            .getUpdates({ offset: last + 1, limit: 1, timeout: 0 })
            .catch((e: unknown) => log.debug("could not confirm updates", errorFields(e, secrets)));
        }
        await closeRuntime();
        log.info("bot stopped");
      })()),
  };
  running.add(handle);
  return handle;
}
