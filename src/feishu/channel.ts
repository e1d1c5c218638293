/**
 * The Feishu/Lark (飞书) channel: im.message.receive_v1 over the HTTP event
 * endpoint (the SDK's EventDispatcher: encrypt key, signature and verification
 * token checked), answered through the conversation core, replied to with
 * `im.message.reply` as an interactive card. The event is acknowledged at once;
 * the answer follows (Feishu redelivers an event not acknowledged within 3 s).
 */
import { createServer, type Server } from "node:http";
import * as lark from "@larksuiteoapi/node-sdk";
import { accessRules } from "../chat/access.js";
import { listenCallback, PendingAnswers } from "../chat/callback-server.js";
import { readBody } from "../chat/http-body.js";
import { conversationDeps, respond, type ChannelDeps } from "../chat/respond.js";
import { sendWithRetry } from "../chat/retry.js";
import { answerCard, noticeCard } from "./card.js";
import { readMessageEvent, type FeishuMessageEvent } from "./events.js";

export type FeishuDeps = ChannelDeps;

export interface FeishuChannel {
  /** Where Feishu posts events (the endpoint to enter in the console). */
  url: string;
  /** Resolves when every answer started so far has been sent. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Feishu error codes meaning «try again later» (frequency limit, internal error). */
const RETRYABLE_CODES = new Set([99991400, 99991401, 230020, 1000004, 1000005]);
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
  const conv = conversationDeps("feishu", deps, log);
  const retry = deps.retry ?? { attempts: 3, delayMs: 500 };

  // Which mention is the bot's: its open_id (a bot in a group sees mentions of anyone).
  let botOpenId: string | null = null;
  try {
    const info = (await client.request({ method: "GET", url: "/open-apis/bot/v3/info" })) as { bot?: { open_id?: string } };
    botOpenId = info.bot?.open_id ?? null;
  } catch (e) {
    log.warn("could not read the bot's open_id; any @-mention in a group counts", { error: (e as Error).message });
  }

  const reply = (messageId: string, card: Record<string, unknown>) =>
    sendWithRetry(
      "im.message.reply",
      async () => {
        try {
          const res = (await client.im.v1.message.reply({ path: { message_id: messageId }, data: { msg_type: "interactive", content: JSON.stringify(card) } })) as { code?: number; msg?: string };
          return res.code ? { ok: false, retryable: RETRYABLE_CODES.has(res.code), why: `code ${res.code}: ${res.msg ?? ""}` } : { ok: true };
        } catch (e) {
          const response = (e as { response?: { status?: number; data?: { code?: number } } }).response;
          const status = response?.status;
          const code = response?.data?.code;
          const retryable = status === undefined || status === 429 || status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
          return { ok: false, retryable, why: status ? `HTTP ${status}${code ? ` code ${code}` : ""}` : (e as Error).message };
        }
      },
      retry,
    );

  const pending = new PendingAnswers();
  const handle = async (e: FeishuMessageEvent) => {
    const msg = readMessageEvent(e, botOpenId);
    if (!msg) return;
    msg.userId = msg.userIds.find((id) => rules.allowedUsers.has(id)) ?? msg.userId;
    await respond(msg, rules, conv, { answer: answerCard, notice: noticeCard }, (card) => reply(msg.messageId, card), log);
  };

  const dispatcher = new lark.EventDispatcher({ verificationToken, encryptKey, logger: sdkLogger, loggerLevel: lark.LoggerLevel.error }).register({
    "im.message.receive_v1": async (data: unknown) => {
      // Acknowledge now, answer after: Feishu expects the reply to its POST within 3 s.
      pending.add(handle(data as FeishuMessageEvent));
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
  const endpoint = await listenCallback(server, { host: config.FEISHU_EVENT_HOST, port: config.FEISHU_EVENT_PORT, path: config.FEISHU_EVENT_PATH }, pending);
  const url = endpoint.url;
  log.info("feishu event endpoint listening", { url, botOpenId });
  return { url, idle: () => pending.idle(), close: endpoint.close };
}
