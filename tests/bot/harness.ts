/**
 * End-to-end harness for bot tests: the REAL engine over a temp copy of
 * data/minutes plus the internal fixture (index in a temp dir), the fake
 * Telegram Bot API server, and the bot run by the real runner via runBot().
 */
import { copyFile, cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { createBot, type CreateBotDeps } from "../../src/bot/create-bot.js";
import type { BotContext } from "../../src/bot/context.js";
import { runBot, type BotRunHandle } from "../../src/bot/run.js";
import { loadConfig, type Config } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { startFakeTelegram, type FakeTelegram, type TelegramCall } from "../fakes/telegram-server.js";
import { MINUTES_FIXTURES, ROOT } from "../helpers/paths.js";
import type { Bot } from "grammy";

/** Not token-shaped on purpose: the logger's pattern-based masking would hide a leak of the usual test token. */
export const TOKEN = "4242:BotTokenSecretValue-xyz";
export const INTERNAL_FIXTURE = join(MINUTES_FIXTURES, "internal-standing-2023-02.txt");
export const LONG_FIXTURE = join(ROOT, "tests/bot/fixtures/jiangcheng-standing-2024-12.txt");

export const PUBLIC_USER = { id: 1001, first_name: "Ann" };
export const INTERNAL_USER = { id: 2002, first_name: "Bo" };
export const ADMIN_USER = { id: 3003, first_name: "Cai" };

export interface Corpus {
  dir: string;
  engine: MinutesEngine;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** A temp minutes folder (seed + internal fixture + extras) and the real engine over it. */
export async function openCorpus(extra: string[] = []): Promise<Corpus> {
  const dir = await mkdtemp(join(tmpdir(), "bot-e2e-"));
  await cp(join(ROOT, "data/minutes"), join(dir, "minutes"), { recursive: true });
  for (const f of [INTERNAL_FIXTURE, ...extra]) await copyFile(f, join(dir, "minutes", basename(f)));
  const env = {
    MINUTES_DIR: join(dir, "minutes"),
    INDEX_DIR: join(dir, "index"),
    LEXICON_DIR: join(ROOT, "data/lexicon"),
    SESSION_DIR: join(dir, "sessions"),
    FEEDBACK_LOG: join(dir, "feedback.jsonl"),
  };
  const engine = await openEngine({ config: loadConfig(env) });
  return {
    dir,
    engine,
    env,
    close: async () => {
      await engine.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Running {
  tg: FakeTelegram;
  bot: Bot<BotContext>;
  handle: BotRunHandle;
  config: Config;
  logs: string[];
  /** Waits for the next sendMessage to `chatId` (optionally matching). */
  nextMessage(chatId: number, match?: (c: TelegramCall) => boolean, timeoutMs?: number): Promise<TelegramCall>;
  stop(): Promise<void>;
}

export async function startBot(
  corpus: Corpus,
  opts: { env?: Record<string, string>; deps?: Partial<CreateBotDeps>; groupPrivacy?: boolean; firstUpdateId?: number } = {},
): Promise<Running> {
  const tg = await startFakeTelegram({ token: TOKEN, firstUpdateId: opts.firstUpdateId, ...(opts.groupPrivacy ? { groupPrivacy: true } : {}) });
  const config = loadConfig({
    ...corpus.env,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ALLOWED_USER_IDS: String(INTERNAL_USER.id),
    ADMIN_USER_IDS: String(ADMIN_USER.id),
    ...opts.env,
  });
  const logs: string[] = [];
  // No `secrets` on purpose: the bot itself must keep the token out of what it logs.
  const log = createLogger({ level: "debug", write: (l) => logs.push(l) });
  const { bot, runtime } = createBot(corpus.engine, config, { log, ...opts.deps }); // runBot calls getMe on the fake
  const handle = await runBot({ bot, runtime }, config, log, { pollTimeoutSeconds: 5, drainMs: 5000 });
  return {
    tg,
    bot,
    handle,
    config,
    logs,
    nextMessage: (chatId, match, timeoutMs = 5000) =>
      tg.waitFor("sendMessage", (c) => c.payload.chat_id === chatId && c.ok !== undefined && (!match || match(c)), timeoutMs),
    stop: async () => {
      await handle.stop();
      await tg.close();
    },
  };
}

/** The message Telegram stored for a call (parsed text, entities, message_id). */
export function resultOf(c: TelegramCall): {
  message_id: number;
  text: string;
  entities?: { type: string }[];
  reply_markup?: { inline_keyboard: { text: string; callback_data?: string }[][] };
} {
  return c.result as never;
}

export function buttons(c: TelegramCall): { text: string; callback_data: string }[] {
  const kb = (c.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? [];
  return kb.flat();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
