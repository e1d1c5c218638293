/**
 * The DingTalk (钉钉) channel in Stream mode (no public URL): dingtalk-stream
 * holds the WebSocket to the gateway; robot message callbacks are acknowledged
 * at once, answered through the conversation core, and replied to through the
 * message's sessionWebhook as markdown.
 */
import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from "dingtalk-stream";
import { accessRules } from "../chat/access.js";
import { PendingAnswers } from "../chat/callback-server.js";
import { answerMarkdown, escapeMarkdown } from "../chat/markdown.js";
import { conversationDeps, respond, type ChannelDeps } from "../chat/respond.js";
import { sendWithRetry } from "../chat/retry.js";
import { readRobotMessage, type DingTalkRobotMessage } from "./events.js";
import { variableError } from "../config.js";
import { ConfigError } from "../errors.js";

export interface DingTalkChannel {
  /** Resolves when every answer started so far has been sent. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** A DingTalk markdown message: a title (the notification preview) and the text. */
export interface DingTalkMarkdown {
  title: string;
  text: string;
}

/** errcodes of a session webhook meaning «later» (sending too fast, busy). */
const RETRYABLE_ERRCODES = new Set([130101, 660026, -1]);

/**
 * dingtalk-stream's client with the gateway at DINGTALK_API_URL (the SDK has the
 * public one built in; 政务钉钉 and tests need another). The WebSocket
 * protocol, acknowledgements and reconnects stay the SDK's.
 */
class GatewayClient extends DWClient {
  constructor(
    opts: { clientId: string; clientSecret: string },
    private readonly apiUrl: string,
  ) {
    super({ ...opts, keepAlive: true });
  }

  override async getEndpoint(): Promise<this> {
    const { clientId, clientSecret, ua, subscriptions } = this.getConfig();
    let res: Response;
    try {
      res = await fetch(`${this.apiUrl}/v1.0/gateway/connections/open`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ clientId, clientSecret, ua, subscriptions }),
      });
    } catch (e) {
      // Nothing answered: the address is wrong or unreachable, whatever the credentials.
      const why = (e as { cause?: { code?: string; message?: string } }).cause;
      throw variableError("DINGTALK_API_URL", `cannot reach ${this.apiUrl} (${why?.code ?? why?.message ?? (e as Error).message})`, e);
    }
    if (res.status === 401 || res.status === 403) throw new Error(`gateway refused the credentials: HTTP ${res.status}`);
    if (!res.ok) throw variableError("DINGTALK_API_URL", `${this.apiUrl} is not a DingTalk Stream gateway (HTTP ${res.status})`);
    const { endpoint, ticket } = (await res.json()) as { endpoint?: string; ticket?: string };
    if (!endpoint || !ticket) throw new Error("gateway answered without endpoint or ticket");
    (this as unknown as { dw_url: string }).dw_url = `${endpoint}?ticket=${encodeURIComponent(ticket)}`;
    return this;
  }
}

/** Connects to the Stream gateway and answers robot messages until closed. */
export async function startDingTalk(deps: ChannelDeps): Promise<DingTalkChannel> {
  const { config } = deps;
  const log = deps.log.child({ component: "dingtalk" });
  if (!config.DINGTALK_CLIENT_ID || !config.DINGTALK_CLIENT_SECRET) throw new Error("DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are not set");
  const rules = accessRules(config.DINGTALK_ALLOWED_USER_IDS, config.DINGTALK_ALLOWED_CHAT_IDS, config.DINGTALK_PUBLIC);
  const conv = conversationDeps("dingtalk", deps, log);
  const retry = deps.retry ?? { attempts: 3, delayMs: 500 };
  const client = new GatewayClient({ clientId: config.DINGTALK_CLIENT_ID, clientSecret: config.DINGTALK_CLIENT_SECRET }, config.DINGTALK_API_URL);

  const send = (webhook: string, md: DingTalkMarkdown) =>
    sendWithRetry(
      "sessionWebhook",
      async () => {
        try {
          const res = await fetch(webhook, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ msgtype: "markdown", markdown: md }),
          });
          if (res.status === 429 || res.status >= 500) return { ok: false, retryable: true, why: `HTTP ${res.status}` };
          const body = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
          if (!res.ok) return { ok: false, retryable: false, why: `HTTP ${res.status}` };
          return body.errcode
            ? { ok: false, retryable: RETRYABLE_ERRCODES.has(body.errcode), why: `errcode ${body.errcode}: ${body.errmsg ?? ""}` }
            : { ok: true };
        } catch (e) {
          return { ok: false, retryable: true, why: (e as Error).message };
        }
      },
      retry,
    );

  const pending = new PendingAnswers();
  const render = {
    answer: (a: Parameters<typeof answerMarkdown>[0]) => ({ title: a.question.slice(0, 30), text: answerMarkdown(a) }),
    notice: (text: string) => ({ title: text.slice(0, 30), text: escapeMarkdown(text) }),
  };
  client.registerCallbackListener(TOPIC_ROBOT, (down: DWClientDownStream) => {
    // Acknowledge first: DingTalk redelivers a callback not acknowledged in time.
    client.socketCallBackResponse(down.headers.messageId, { status: "SUCCESS" });
    let robot: DingTalkRobotMessage;
    try {
      robot = JSON.parse(down.data) as DingTalkRobotMessage;
    } catch {
      log.warn("robot callback is not JSON");
      return;
    }
    const msg = readRobotMessage(robot);
    if (!msg) return;
    msg.userId = msg.userIds.find((id) => rules.allowedUsers.has(id)) ?? msg.userId;
    pending.add(respond(msg, rules, conv, render, (md) => send(msg.webhook, md), log));
  });

  let check: ReturnType<typeof setInterval> | undefined;
  const registered = new Promise<void>((resolve, reject) => {
    const started = Date.now();
    check = setInterval(() => {
      if (client.connected) {
        clearInterval(check);
        resolve();
      } else if (Date.now() - started > 15_000) {
        clearInterval(check);
        client.disconnect();
        reject(new Error(`DINGTALK_API_URL: no Stream connection within 15 s (${config.DINGTALK_API_URL})`));
      }
    }, 20);
  });
  await client.getEndpoint().catch((e: unknown) => {
    clearInterval(check);
    if (e instanceof ConfigError) throw e;
    throw new Error(`DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET: ${(e as Error).message}`);
  });
  void client.connect();
  await registered;
  log.info("dingtalk stream connected", { api: config.DINGTALK_API_URL });
  return {
    idle: () => pending.idle(),
    close: async () => {
      client.disconnect();
      await pending.idle();
    },
  };
}
