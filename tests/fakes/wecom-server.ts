/**
 * A fake WeCom (企业微信) server on 127.0.0.1: /cgi-bin/gettoken and
 * /cgi-bin/message/send as the real API answers them (errcodes, expiring
 * tokens), and callbacks to the app as WeCom sends them — written here from
 * WeCom's published scheme, independently of @wecom/crypto: AES-256-CBC with
 * key = base64(EncodingAESKey + "="), IV = its first 16 bytes, plaintext =
 * 16 random bytes + 4-byte length + message + CorpID, PKCS#7 padded to 32;
 * msg_signature = sha1 of the sorted token, timestamp, nonce and ciphertext.
 * An AI bot (智能机器人) uses the same scheme with JSON and an empty receive id:
 * its callbacks carry a response_url on this fake (/cgi-bin/aibot/response),
 * which takes one markdown reply per response_code.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { jsonServer } from "./json-server.js";
import { WAIT_MS, waitForCount } from "./wait.js";

export interface WeComSent {
  touser: string;
  msgtype: string;
  agentid: number;
  content: string;
}

export interface WeComOptions {
  corpId: string;
  agentId: string;
  secret: string;
  token: string;
  aesKey: string;
  /** The AI bot's callback Token and EncodingAESKey. */
  bot?: { token: string; aesKey: string };
}

/** A reply an AI bot POSTed to a response_url. */
export interface BotReply {
  responseCode: string;
  msgtype: string;
  content: string;
}

/** What an AI bot callback says: a text from a user, privately or @-mentioning the bot in a group. */
export interface BotDelivery {
  user?: string;
  /** A group's chatid: the message comes from that group, «@纪要助手 » before the text. */
  group?: string;
  msgId?: string;
  /** Sign with a wrong token. */
  forge?: boolean;
  /** Where the reply should go (default: this fake's response endpoint). */
  responseUrl?: string;
}

export class FakeWeCom {
  readonly sent: WeComSent[] = [];
  readonly botReplies: BotReply[] = [];
  /** response_url POSTs, including refused ones (a reused code). */
  botResponseCalls = 0;
  private issuedCodes = new Set<string>();
  tokensIssued = 0;
  sendCalls = 0;
  private validTokens = new Set<string>();
  private failures: { status: number; errcode: number }[] = [];
  private server!: Server;
  private seq = 0;
  baseUrl = "";

  constructor(readonly opts: WeComOptions) {}

  async start(): Promise<this> {
    this.server = jsonServer(({ req, url, body, send }) => {
      if (url.pathname === "/cgi-bin/gettoken") {
        if (url.searchParams.get("corpid") !== this.opts.corpId || url.searchParams.get("corpsecret") !== this.opts.secret)
          return send(200, { errcode: 40001, errmsg: "invalid credential" });
        const token = `tok-${++this.tokensIssued}-${randomBytes(4).toString("hex")}`;
        this.validTokens.add(token);
        return send(200, { errcode: 0, errmsg: "ok", access_token: token, expires_in: 7200 });
      }
      if (url.pathname === "/cgi-bin/message/send" && req.method === "POST") {
        this.sendCalls++;
        if (!this.validTokens.has(url.searchParams.get("access_token") ?? "")) return send(200, { errcode: 40014, errmsg: "invalid access_token" });
        const failure = this.failures.shift();
        if (failure) return send(failure.status, { errcode: failure.errcode, errmsg: "system busy" });
        const b = JSON.parse(body) as { touser: string; msgtype: string; agentid: number; markdown: { content: string } };
        if (Buffer.byteLength(b.markdown.content) > 2048) return send(200, { errcode: 40058, errmsg: "markdown content exceed max length" });
        this.sent.push({ touser: b.touser, msgtype: b.msgtype, agentid: b.agentid, content: b.markdown.content });
        return send(200, { errcode: 0, errmsg: "ok", msgid: `m${++this.seq}` });
      }
      if (url.pathname === "/cgi-bin/aibot/response" && req.method === "POST") {
        this.botResponseCalls++;
        const code = url.searchParams.get("response_code") ?? "";
        // Each response_url takes one reply.
        if (!this.issuedCodes.delete(code)) return send(200, { errcode: 40001, errmsg: "invalid response_code" });
        const b = JSON.parse(body) as { msgtype: string; markdown?: { content: string } };
        if (b.msgtype !== "markdown" || !b.markdown?.content) return send(200, { errcode: 40008, errmsg: "invalid message type" });
        this.botReplies.push({ responseCode: code, msgtype: b.msgtype, content: b.markdown.content });
        return send(200, { errcode: 0, errmsg: "ok" });
      }
      send(404, { errcode: 404, errmsg: "not found" });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next `n` message/send calls fail (default: HTTP 200 with errcode -1, «system busy»). */
  failNext(n: number, status = 200, errcode = -1): void {
    for (let i = 0; i < n; i++) this.failures.push({ status, errcode });
  }

  /** Makes every issued access_token invalid (as when it expired early). */
  expireTokens(): void {
    this.validTokens.clear();
  }

  encrypt(message: string, corpId = this.opts.corpId, aesKey = this.opts.aesKey): string {
    const key = Buffer.from(`${aesKey}=`, "base64");
    const msg = Buffer.from(message);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length);
    const plain = Buffer.concat([randomBytes(16), len, msg, Buffer.from(corpId)]);
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString("base64");
  }

  decrypt(encrypted: string): string {
    const key = Buffer.from(`${this.opts.aesKey}=`, "base64");
    const d = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.concat([d.update(Buffer.from(encrypted, "base64")), d.final()]);
    const n = plain.readUInt32BE(16);
    return plain.subarray(20, 20 + n).toString();
  }

  sign(timestamp: string, nonce: string, encrypted: string, token = this.opts.token): string {
    return createHash("sha1").update([token, timestamp, nonce, encrypted].sort().join("")).digest("hex");
  }

  private botKeys(): { token: string; aesKey: string } {
    if (!this.opts.bot) throw new Error("FakeWeCom was made without bot keys");
    return this.opts.bot;
  }

  private query(encrypted: string, token?: string): string {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(6).toString("hex");
    return `msg_signature=${this.sign(timestamp, nonce, encrypted, token)}&timestamp=${timestamp}&nonce=${nonce}`;
  }

  /** The URL check the admin console runs: GET with an encrypted echostr; returns status and body. */
  async verifyUrl(endpoint: string, echo: string, token?: string): Promise<{ status: number; body: string }> {
    const encrypted = this.encrypt(echo);
    const res = await fetch(`${endpoint}?${this.query(encrypted, token)}&echostr=${encodeURIComponent(encrypted)}`);
    return { status: res.status, body: await res.text() };
  }

  /** Posts an encrypted text message from `user`; `forge` signs with a wrong token. */
  async deliver(
    endpoint: string,
    text: string,
    o: { user?: string; msgId?: string; forge?: boolean; corpId?: string } = {},
  ): Promise<{ status: number; body: string; msgId: string }> {
    const msgId = o.msgId ?? String(7_000_000_000 + ++this.seq);
    const inner = `<xml><ToUserName><![CDATA[${this.opts.corpId}]]></ToUserName><FromUserName><![CDATA[${o.user ?? "stranger"}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId><AgentID>${this.opts.agentId}</AgentID></xml>`;
    const encrypted = this.encrypt(inner, o.corpId);
    const outer = `<xml><ToUserName><![CDATA[${this.opts.corpId}]]></ToUserName><AgentID><![CDATA[${this.opts.agentId}]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    const res = await fetch(`${endpoint}?${this.query(encrypted, o.forge ? "forged-token" : undefined)}`, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: outer,
    });
    return { status: res.status, body: await res.text(), msgId };
  }

  waitForSent(count: number, ms = WAIT_MS): Promise<WeComSent[]> {
    return waitForCount(this.sent, count, "messages", ms);
  }

  /** The AI bot's URL check: an echostr encrypted with the bot's key and an empty receive id. */
  async verifyBotUrl(endpoint: string, echo: string, token = this.botKeys().token): Promise<{ status: number; body: string }> {
    const encrypted = this.encrypt(echo, "", this.botKeys().aesKey);
    const res = await fetch(`${endpoint}?${this.query(encrypted, token)}&echostr=${encodeURIComponent(encrypted)}`);
    return { status: res.status, body: await res.text() };
  }

  /** Posts an AI bot text callback as WeCom does (`{"encrypt": …}`, JSON inside); returns the response and the msgid and response_code used. */
  async deliverBot(endpoint: string, text: string, o: BotDelivery = {}): Promise<{ status: number; body: string; msgId: string; responseCode: string }> {
    const { token, aesKey } = this.botKeys();
    const msgId = o.msgId ?? `CAIQ${++this.seq}${randomBytes(6).toString("base64url")}`;
    const responseCode = `rc-${++this.seq}-${randomBytes(4).toString("hex")}`;
    this.issuedCodes.add(responseCode);
    const inner = {
      msgid: msgId,
      aibotid: "AIBOT-fake",
      ...(o.group ? { chatid: o.group } : {}),
      chattype: o.group ? "group" : "single",
      from: { userid: o.user ?? "stranger" },
      response_url: o.responseUrl ?? `${this.baseUrl}/cgi-bin/aibot/response?response_code=${responseCode}`,
      msgtype: "text",
      text: { content: o.group ? `@纪要助手 ${text}` : text },
    };
    const encrypted = this.encrypt(JSON.stringify(inner), "", aesKey);
    const res = await fetch(`${endpoint}?${this.query(encrypted, o.forge ? "forged-token" : token)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ encrypt: encrypted }),
    });
    return { status: res.status, body: await res.text(), msgId, responseCode };
  }

  waitForBotReplies(count: number, ms = WAIT_MS): Promise<BotReply[]> {
    return waitForCount(this.botReplies, count, "bot replies", ms);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
