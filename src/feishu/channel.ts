/**
 * The Feishu/Lark (飞书) channel: im.message.receive_v1 over the HTTP event
 * endpoint (the SDK's EventDispatcher: encrypt key, signature and verification
 * token checked), answered through the conversation core, replied to with
 * `im.message.reply` as an interactive card. The event is acknowledged at once;
 * the answer follows (Feishu redelivers an event not acknowledged within 3 s).
 */
import { createServer, type IncomingMessage as HttpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as lark from "@larksuiteoapi/node-sdk";
import type { StorageAdapter } from "grammy";
import type { Engine } from "../answer/types.js";
import { FileSessionStorage, type SessionData } from "../bot/session.js";
import { accessRules } from "../chat/access.js";
import { converse, type Outcome } from "../chat/conversation.js";
import { RecentEvents } from "../chat/dedupe.js";
import { CHAT_TEXTS } from "../chat/texts.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { createRateLimiter } from "../rate-limit/limiter.js";
import type { RedisConnection } from "../redis/connection.js";
import { RedisSessionStorage } from "../redis/session-storage.js";
import { answerCard, noticeCard } from "./card.js";
import { readMessageEvent, type FeishuMessageEvent } from "./events.js";

export interface FeishuDeps {
  engine: Engine;
  config: Config;
  log: Logger;
  redis?: RedisConnection;
  storage?: StorageAdapter<SessionData>;
  /** Attempts of a reply the platform refused for load or a server error (default 3), and the first delay (default 500 ms, doubling). */
  retry?: { attempts: number; delayMs: number };
  /** Questions per user a minute (default 20). */
  rateLimit?: number;
}

export interface FeishuChannel {
  /** Where Feishu posts events (the endpoint to enter in the console). */
  url: string;
  /** Resolves when every answer started so far has been sent. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Feishu error codes meaning «try again later» (frequency limit, internal error). */
const RETRYABLE_CODES = new Set([99991400, 99991401, 230020, 1000004, 1000005]);
const BODY_LIMIT = 1 << 20;

function readBody(req: HttpRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > BODY_LIMIT) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Starts the event endpoint on FEISHU_EVENT_HOST:FEISHU_EVENT_PORT. */
export async function startFeishu(deps: FeishuDeps): Promise<FeishuChannel> {
  const { config } = deps;
  const log = deps.log.child({ component: "feishu" });
  if (!config.FEISHU_APP_ID || !config.FEISHU_APP_SECRET) throw new Error("FEISHU_APP_ID and FEISHU_APP_SECRET are not set");
  const sdkLogger = { error: (...m: unknown[]) => log.debug("lark sdk", { msg: m.map(String).join(" ") }), warn: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined };
  const client = new lark.Client({ appId: config.FEISHU_APP_ID, appSecret: config.FEISHU_APP_SECRET, domain: config.FEISHU_BASE_URL, logger: sdkLogger, loggerLevel: lark.LoggerLevel.error });
  const verificationToken = config.FEISHU_VERIFICATION_TOKEN ?? "";
  const encryptKey = config.FEISHU_ENCRYPT_KEY ?? "";
  const rules = accessRules(config.FEISHU_ALLOWED_USER_IDS, config.FEISHU_ALLOWED_CHAT_IDS, config.FEISHU_PUBLIC);
  const storage = deps.storage ?? (deps.redis ? new RedisSessionStorage<SessionData>(deps.redis, { ttlMs: 7 * 24 * 3600_000, log }) : new FileSessionStorage<SessionData>(config.SESSION_DIR, log));
  const limiter = createRateLimiter({ points: deps.rateLimit ?? 20, durationMs: 60_000, prefix: "feishu", ...(deps.redis ? { redis: deps.redis } : {}), log });
  const events = new RecentEvents();
  const retry = deps.retry ?? { attempts: 3, delayMs: 500 };

  // Which mention is the bot's: its open_id (a bot in a group sees mentions of anyone).
  let botOpenId: string | null = null;
  try {
    const info = (await client.request({ method: "GET", url: "/open-apis/bot/v3/info" })) as { bot?: { open_id?: string } };
    botOpenId = info.bot?.open_id ?? null;
  } catch (e) {
    log.warn("could not read the bot's open_id; any @-mention in a group counts", { error: (e as Error).message });
  }

  const reply = async (messageId: string, card: Record<string, unknown>) => {
    for (let attempt = 1; ; attempt++) {
      let retryable: boolean;
      let why: string;
      try {
        const res = (await client.im.v1.message.reply({ path: { message_id: messageId }, data: { msg_type: "interactive", content: JSON.stringify(card) } })) as { code?: number; msg?: string };
        if (!res.code) return;
        retryable = RETRYABLE_CODES.has(res.code);
        why = `code ${res.code}: ${res.msg ?? ""}`;
      } catch (e) {
        const status = (e as { response?: { status?: number; data?: { code?: number } } }).response?.status;
        const code = (e as { response?: { data?: { code?: number } } }).response?.data?.code;
        retryable = status === undefined || status === 429 || status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
        why = status ? `HTTP ${status}${code ? ` code ${code}` : ""}` : (e as Error).message;
      }
      if (!retryable || attempt >= retry.attempts) throw new Error(`im.message.reply failed: ${why}`);
      log.debug("reply failed; retrying", { attempt, why });
      await new Promise((r) => setTimeout(r, retry.delayMs * 2 ** (attempt - 1)));
    }
  };

  let pending = new Set<Promise<void>>();
  const handle = async (e: FeishuMessageEvent) => {
    const msg = readMessageEvent(e, botOpenId);
    if (!msg) return;
    msg.userId = msg.userIds.find((id) => rules.allowedUsers.has(id)) ?? msg.userId;
    let outcome: Outcome;
    try {
      outcome = await converse(msg, rules, { engine: deps.engine, storage, limiter, events });
    } catch (err) {
      log.error("answer failed", { chat: msg.chatId, error: (err as Error).message });
      await reply(msg.messageId, noticeCard(CHAT_TEXTS.failed)).catch(() => undefined);
      return;
    }
    const card =
      outcome.kind === "answer"
        ? answerCard(outcome.answer)
        : outcome.kind === "refused"
          ? msg.chatType === "private"
            ? noticeCard(CHAT_TEXTS.notAllowed)
            : null
          : outcome.kind === "rate-limited" && outcome.notify
            ? noticeCard(CHAT_TEXTS.rateLimited)
            : null;
    log.info("feishu message", { chat: msg.chatId, type: msg.chatType, outcome: outcome.kind });
    if (card) await reply(msg.messageId, card).catch((err: unknown) => log.error("reply failed", { chat: msg.chatId, error: (err as Error).message }));
  };

  const dispatcher = new lark.EventDispatcher({ verificationToken, encryptKey, logger: sdkLogger, loggerLevel: lark.LoggerLevel.error }).register({
    "im.message.receive_v1": async (data: unknown) => {
      // Acknowledge now, answer after: Feishu expects the reply to its POST within 3 s.
      const p = handle(data as FeishuMessageEvent).finally(() => pending.delete(p));
      pending.add(p);
      return {};
    },
  });

  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    void (async () => {
      if (req.method !== "POST" || new URL(req.url ?? "/", "http://x").pathname !== config.FEISHU_EVENT_PATH) return send(404, { error: "not found" });
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(await readBody(req));
        if (!parsed || typeof parsed !== "object") throw new Error("not an object");
        body = parsed as Record<string, unknown>;
      } catch {
        return send(400, { error: "body must be a JSON object" });
      }
      const data = Object.assign(Object.create({ headers: req.headers }) as object, body);
      try {
        const { isChallenge, challenge } = lark.generateChallenge(data, { encryptKey });
        if (isChallenge) {
          const plain = (encryptKey ? JSON.parse(new lark.AESCipher(encryptKey).decrypt(String(body.encrypt))) : body) as { token?: string };
          if (verificationToken && plain.token !== verificationToken) return send(401, { error: "verification token mismatch" });
          return send(200, challenge);
        }
        if (!dispatcher.requestHandle?.checkIsEventValidated(data)) return send(401, { error: "bad signature" });
        const flat = dispatcher.requestHandle.parse(data) as { token?: string };
        if (verificationToken && flat.token !== verificationToken) return send(401, { error: "verification token mismatch" });
      } catch {
        return send(400, { error: "cannot decrypt the event" });
      }
      send(200, (await dispatcher.invoke(data, { needCheck: false })) ?? {});
    })().catch((e: unknown) => {
      log.error("event failed", { error: (e as Error).message });
      if (!res.headersSent) send(500, { error: "internal error" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.FEISHU_EVENT_PORT, config.FEISHU_EVENT_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.FEISHU_EVENT_HOST.includes(":") ? `[${config.FEISHU_EVENT_HOST}]` : config.FEISHU_EVENT_HOST;
  const url = `http://${host}:${port}${config.FEISHU_EVENT_PATH}`;
  log.info("feishu event endpoint listening", { url, botOpenId });
  const idle = async () => {
    while (pending.size) await Promise.allSettled([...pending]);
  };
  return {
    url,
    idle,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await idle();
      pending = new Set();
    },
  };
}
