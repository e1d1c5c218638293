/**
 * A fake Feishu/Lark Open Platform on 127.0.0.1 speaking the real protocol:
 * tenant_access_token/internal, bot/v3/info, im/v1/messages/:id/reply and
 * im/v1/messages?receive_id_type=… (a message the bot starts) with bearer tokens; and event delivery as Feishu does it — a v2 event
 * (schema 2.0: im.message.receive_v1, or the card.action.trigger callback of a
 * pressed button) AES-256-CBC encrypted with sha256(encrypt key), signed with
 * X-Lark-Signature = sha256(timestamp + nonce + encrypt key + body). The long
 * connection is feishu-ws-server.ts, which extends this fake.
 */
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { jsonServer, type JsonRequest } from "./json-server.js";
import { WAIT_MS, waitForCount } from "./wait.js";

export interface FeishuReply {
  messageId: string;
  msgType: string;
  card: {
    header?: { title?: { content?: string } };
    elements: { tag?: string; text?: { content?: string }; actions?: { text?: { content?: string }; value?: Record<string, unknown> }[] }[];
  };
  /** All text of the card, joined. */
  text: string;
}

/** A message the bot sent on its own (im/v1/messages), not as a reply. */
export interface FeishuSent {
  receiveIdType: string;
  receiveId: string;
  msgType: string;
  /** The text of a text message. */
  text: string;
}

/** The receive_id_type values im/v1/messages accepts. */
const RECEIVE_ID_TYPES = new Set(["open_id", "union_id", "user_id", "email", "chat_id"]);
/** Feishu refuses a text message whose request body passes 150 KB. */
const TEXT_BODY_BYTES = 150 * 1024;

export interface FakeFeishuOptions {
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
  botOpenId: string;
}

export interface DeliverOptions {
  chatType?: "p2p" | "group";
  chatId?: string;
  openId?: string;
  mentionBot?: boolean;
  eventId?: string;
  /** Deliver this message again (a redelivery under the same message id). */
  messageId?: string;
  /** Sign with this key instead (a forged event). */
  signWith?: string;
}

/** Who presses a card's button, where. */
export interface PressOptions {
  openId?: string;
  /** The chat the card is in (default: the chat the fake sent it to). */
  chatId?: string;
  eventId?: string;
}

export class FakeFeishu {
  readonly replies: FeishuReply[] = [];
  readonly sent: FeishuSent[] = [];
  /** Every API call, by path. */
  readonly calls: string[] = [];
  /** What happened in order: «reply:<message id>», and what subclasses add (acknowledgements). */
  readonly timeline: string[] = [];
  /** Routes answered before the bearer token is checked (the long connection's endpoint). */
  protected readonly openRoutes = new Map<string, (r: JsonRequest) => void>();
  /** The chat of each message the fake delivered, to press buttons on replies in the right chat. */
  private readonly chats = new Map<string, string>();
  private failures: { status: number; code: number }[] = [];
  private server!: Server;
  private token = `t-${randomBytes(8).toString("hex")}`;
  baseUrl = "";
  private seq = 0;

  constructor(readonly opts: FakeFeishuOptions) {}

  async start(): Promise<this> {
    this.server = jsonServer((r) => {
      const { req, url, body, send } = r;
      const path = url.pathname;
      this.calls.push(path);
      const open = this.openRoutes.get(path);
      if (open) return open(r);
      if (path === "/open-apis/auth/v3/tenant_access_token/internal") {
        const b = JSON.parse(body || "{}") as { app_id?: string; app_secret?: string };
        if (b.app_id !== this.opts.appId || b.app_secret !== this.opts.appSecret) return send(200, { code: 10014, msg: "app secret invalid" });
        return send(200, { code: 0, msg: "ok", tenant_access_token: this.token, expire: 7200 });
      }
      if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, { code: 99991663, msg: "Invalid access token for authorization" });
      if (path === "/open-apis/bot/v3/info") return send(200, { code: 0, msg: "ok", bot: { open_id: this.opts.botOpenId, app_name: "纪要问答" } });
      const m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
      if (m && req.method === "POST") {
        const failure = this.failures.shift();
        if (failure) return send(failure.status, { code: failure.code, msg: "request trigger frequency limit" });
        const b = JSON.parse(body) as { msg_type: string; content: string };
        const card = JSON.parse(b.content) as FeishuReply["card"];
        const text = [card.header?.title?.content ?? "", ...card.elements.map((e) => e.text?.content ?? "")].join("\n");
        this.replies.push({ messageId: m[1]!, msgType: b.msg_type, card, text });
        this.timeline.push(`reply:${m[1]!}`);
        return send(200, { code: 0, msg: "success", data: { message_id: `om_r${++this.seq}` } });
      }
      if (path === "/open-apis/im/v1/messages" && req.method === "POST") {
        const failure = this.failures.shift();
        if (failure) return send(failure.status, { code: failure.code, msg: "request trigger frequency limit" });
        const receiveIdType = url.searchParams.get("receive_id_type") ?? "";
        if (!RECEIVE_ID_TYPES.has(receiveIdType)) return send(400, { code: 99992402, msg: "field validation failed: receive_id_type" });
        if (Buffer.byteLength(body) > TEXT_BODY_BYTES) return send(400, { code: 230025, msg: "The length of the message content reaches its limit." });
        const b = JSON.parse(body) as { receive_id: string; msg_type: string; content: string };
        const text = b.msg_type === "text" ? ((JSON.parse(b.content) as { text?: string }).text ?? "") : "";
        this.sent.push({ receiveIdType, receiveId: b.receive_id, msgType: b.msg_type, text });
        this.timeline.push(`send:${b.receive_id}`);
        return send(200, {
          code: 0,
          msg: "success",
          data: { message_id: `om_s${++this.seq}`, chat_id: receiveIdType === "chat_id" ? b.receive_id : "oc_p2p" },
        });
      }
      send(404, { code: 404, msg: "not found" });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next `n` replies or sent messages fail with HTTP `status` and Feishu error `code` (default: frequency limit). */
  failNext(n: number, status = 429, code = 99991400): void {
    for (let i = 0; i < n; i++) this.failures.push({ status, code });
  }

  /** Waits until `count` replies have arrived in all. */
  waitForReplies(count: number, ms = WAIT_MS): Promise<FeishuReply[]> {
    return waitForCount(this.replies, count, "replies", ms);
  }

  /** Waits until the bot has sent `count` messages of its own in all. */
  waitForSent(count: number, ms = WAIT_MS): Promise<FeishuSent[]> {
    return waitForCount(this.sent, count, "sent messages", ms);
  }

  private encrypt(plain: string): string {
    const key = createHash("sha256").update(this.opts.encryptKey).digest();
    const iv = randomBytes(16);
    const c = createCipheriv("aes-256-cbc", key, iv);
    return Buffer.concat([iv, c.update(plain, "utf8"), c.final()]).toString("base64");
  }

  /** Posts an encrypted, signed body to the app's endpoint (signed as sent at `sentAtMs`); returns the HTTP status and body. */
  async post(endpoint: string, payload: unknown, signWith = this.opts.encryptKey, sentAtMs = Date.now()): Promise<{ status: number; body: string }> {
    const body = JSON.stringify({ encrypt: this.encrypt(JSON.stringify(payload)) });
    const timestamp = String(Math.floor(sentAtMs / 1000));
    const nonce = randomBytes(8).toString("hex");
    const signature = createHash("sha256")
      .update(timestamp + nonce + signWith + body)
      .digest("hex");
    const res = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", "x-lark-request-timestamp": timestamp, "x-lark-request-nonce": nonce, "x-lark-signature": signature },
      body,
    });
    return { status: res.status, body: await res.text() };
  }

  /** An im.message.receive_v1 text message (schema 2.0, as Feishu sends it); its event id and message id. */
  messageEvent(text: string, o: Omit<DeliverOptions, "signWith"> = {}): { payload: Record<string, unknown>; eventId: string; messageId: string } {
    const messageId = o.messageId ?? `om_${++this.seq}`;
    const eventId = o.eventId ?? `ev_${++this.seq}_${randomBytes(4).toString("hex")}`;
    const chatId = o.chatId ?? "oc_p2p";
    this.chats.set(messageId, chatId);
    const mentions = o.mentionBot ? [{ key: "@_user_1", id: { open_id: this.opts.botOpenId }, name: "纪要问答" }] : [];
    const payload = {
      schema: "2.0",
      header: {
        event_id: eventId,
        event_type: "im.message.receive_v1",
        create_time: String(Date.now()),
        token: this.opts.verificationToken,
        app_id: this.opts.appId,
        tenant_key: "tk",
      },
      event: {
        sender: { sender_id: { open_id: o.openId ?? "ou_stranger", user_id: "u1", union_id: "on_1" }, sender_type: "user", tenant_key: "tk" },
        message: {
          message_id: messageId,
          chat_id: chatId,
          chat_type: o.chatType ?? "p2p",
          message_type: "text",
          content: JSON.stringify({ text: `${o.mentionBot ? "@_user_1 " : ""}${text}` }),
          mentions,
        },
      },
    };
    return { payload, eventId, messageId };
  }

  /** A card.action.trigger callback (schema 2.0): the button with `value` pressed on the card `reply`. */
  cardActionEvent(reply: FeishuReply, value: unknown, o: PressOptions = {}): { payload: Record<string, unknown>; eventId: string } {
    const eventId = o.eventId ?? `ev_${++this.seq}_${randomBytes(4).toString("hex")}`;
    const openId = o.openId ?? "ou_stranger";
    const payload = {
      schema: "2.0",
      header: {
        event_id: eventId,
        event_type: "card.action.trigger",
        create_time: String(Date.now()),
        token: this.opts.verificationToken,
        app_id: this.opts.appId,
        tenant_key: "tk",
      },
      event: {
        operator: { tenant_key: "tk", open_id: openId, user_id: "u1", union_id: "on_1" },
        token: `c-${randomBytes(8).toString("hex")}`,
        action: { tag: "button", value },
        host: "im_message",
        context: { open_message_id: reply.messageId, open_chat_id: o.chatId ?? this.chats.get(reply.messageId) ?? "oc_p2p" },
      },
    };
    return { payload, eventId };
  }

  /** Delivers an im.message.receive_v1 text message to the HTTP endpoint; returns the HTTP status, the event id and message id. */
  async deliver(endpoint: string, text: string, o: DeliverOptions = {}): Promise<{ status: number; eventId: string; messageId: string }> {
    const { payload, eventId, messageId } = this.messageEvent(text, o);
    const r = await this.post(endpoint, payload, o.signWith);
    return { status: r.status, eventId, messageId };
  }

  /** Presses a button on a card through the HTTP endpoint; returns the HTTP status and the parsed response (the toast). */
  async press(
    endpoint: string,
    reply: FeishuReply,
    value: unknown,
    o: PressOptions = {},
  ): Promise<{ status: number; response: { toast?: { type?: string; content?: string } } }> {
    const r = await this.post(endpoint, this.cardActionEvent(reply, value, o).payload);
    return { status: r.status, response: JSON.parse(r.body || "{}") as { toast?: { type?: string; content?: string } } };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
