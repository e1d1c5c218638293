/**
 * The WeCom (企业微信) channel: a self-built application's message callback.
 * GET verifies the URL (echostr), POST carries AES-encrypted XML — signature
 * checked and decrypted with @wecom/crypto, the receiver checked to be our
 * corp. The callback is answered «success» at once; the answer follows through
 * message/send with a cached access_token, as markdown (WeCom's own client
 * renders it), split under WeCom's 2,048-byte limit.
 */
import { createServer, type Server } from "node:http";
import { decrypt, getSignature } from "@wecom/crypto";
import { accessRules } from "../chat/access.js";
import { listenCallback, PendingAnswers } from "../chat/callback-server.js";
import { readBody } from "../chat/http-body.js";
import { answerMarkdown, escapeMarkdown } from "../chat/markdown.js";
import { conversationDeps, respond, type ChannelDeps } from "../chat/respond.js";
import { sendWithRetry } from "../chat/retry.js";
import { readFlatXml } from "./xml.js";

export interface WeComChannel {
  /** The callback URL to enter in the admin console (through your reverse proxy). */
  url: string;
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** errcodes meaning «later» (system busy, frequency limits); the token ones refresh the token first. */
const RETRYABLE = new Set([-1, 45009, 45033, 6000]);
const TOKEN_INVALID = new Set([40014, 42001, 41001]);
/** WeCom caps markdown content at 2,048 bytes. */
const MARKDOWN_BYTES = 2000;

/** Splits markdown at line ends into parts of at most `max` UTF-8 bytes (a longer line is cut by characters). */
export function splitMarkdown(text: string, max = MARKDOWN_BYTES): string[] {
  const parts: string[] = [];
  let cur = "";
  const push = () => {
    if (cur) parts.push(cur);
    cur = "";
  };
  for (const line of text.split("\n")) {
    const next = cur ? `${cur}\n${line}` : line;
    if (Buffer.byteLength(next) <= max) {
      cur = next;
      continue;
    }
    push();
    let rest = line;
    while (Buffer.byteLength(rest) > max) {
      let cut = Math.min(rest.length, max);
      while (Buffer.byteLength(rest.slice(0, cut)) > max) cut--;
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    cur = rest;
  }
  push();
  return parts;
}

/** Starts the callback endpoint on WECOM_CALLBACK_HOST:WECOM_CALLBACK_PORT. */
export async function startWeCom(deps: ChannelDeps): Promise<WeComChannel> {
  const { config } = deps;
  const log = deps.log.child({ component: "wecom" });
  const { WECOM_CORP_ID: corpId, WECOM_SECRET: secret, WECOM_TOKEN: token, WECOM_ENCODING_AES_KEY: aesKey, WECOM_AGENT_ID: agentId } = config;
  if (!corpId || !secret || !token || !aesKey || !agentId) throw new Error("WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_ENCODING_AES_KEY are not all set");
  const rules = accessRules(config.WECOM_ALLOWED_USER_IDS, [], config.WECOM_PUBLIC);
  const conv = conversationDeps("wecom", deps, log);
  const retry = deps.retry ?? { attempts: 3, delayMs: 500 };

  // access_token, cached until shortly before it expires; refreshed when WeCom says it is invalid.
  let cached: { token: string; until: number } | null = null;
  const accessToken = async (): Promise<string> => {
    if (cached && Date.now() < cached.until) return cached.token;
    const res = await fetch(`${config.WECOM_API_URL}/cgi-bin/gettoken?corpid=${encodeURIComponent(corpId)}&corpsecret=${encodeURIComponent(secret)}`);
    const body = (await res.json()) as { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number };
    if (!res.ok || body.errcode || !body.access_token) throw new Error(`gettoken failed: ${body.errcode ?? res.status} ${body.errmsg ?? ""} (check WECOM_CORP_ID and WECOM_SECRET)`);
    cached = { token: body.access_token, until: Date.now() + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000 };
    return cached.token;
  };

  const sendOne = (user: string, content: string) =>
    sendWithRetry(
      "message/send",
      async () => {
        try {
          const res = await fetch(`${config.WECOM_API_URL}/cgi-bin/message/send?access_token=${encodeURIComponent(await accessToken())}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ touser: user, msgtype: "markdown", agentid: Number(agentId), markdown: { content } }),
          });
          if (res.status === 429 || res.status >= 500) return { ok: false, retryable: true, why: `HTTP ${res.status}` };
          const body = (await res.json()) as { errcode?: number; errmsg?: string };
          if (!body.errcode) return { ok: true };
          if (TOKEN_INVALID.has(body.errcode)) cached = null;
          return { ok: false, retryable: RETRYABLE.has(body.errcode) || TOKEN_INVALID.has(body.errcode), why: `errcode ${body.errcode}: ${body.errmsg ?? ""}` };
        } catch (e) {
          return { ok: false, retryable: true, why: (e as Error).message };
        }
      },
      retry,
    );
  const send = async (user: string, markdown: string) => {
    for (const part of splitMarkdown(markdown)) await sendOne(user, part);
  };

  const pending = new PendingAnswers();
  const render = { answer: answerMarkdown, notice: escapeMarkdown };
  const verified = (q: URLSearchParams, encrypted: string) => getSignature(token, q.get("timestamp") ?? "", q.get("nonce") ?? "", encrypted) === q.get("msg_signature");
  /** The plaintext of `encrypted` when it was encrypted for our corp, else null. */
  const open = (encrypted: string): string | null => {
    const { message, id } = decrypt(aesKey, encrypted);
    return id === corpId ? message : null;
  };

  const server: Server = createServer((req, res) => {
    const reply = (status: number, text: string) => {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      res.end(text);
    };
    void (async () => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname !== config.WECOM_CALLBACK_PATH) return reply(404, "not found");
      const q = url.searchParams;
      if (req.method === "GET") {
        const echostr = q.get("echostr") ?? "";
        if (!echostr || !verified(q, echostr)) return reply(401, "bad signature");
        const plain = open(echostr);
        return plain === null ? reply(401, "not for this corp") : reply(200, plain);
      }
      if (req.method !== "POST") return reply(405, "method not allowed");
      let fields: Record<string, string>;
      try {
        const encrypted = readFlatXml(await readBody(req)).Encrypt ?? "";
        if (!encrypted || !verified(q, encrypted)) return reply(401, "bad signature");
        const plain = open(encrypted);
        if (plain === null) return reply(401, "not for this corp");
        fields = readFlatXml(plain);
      } catch {
        return reply(400, "malformed callback");
      }
      // Acknowledge now (WeCom retries a callback unanswered in 5 s), answer after.
      reply(200, "success");
      if (fields.MsgType !== "text" || !fields.FromUserName) return;
      const user = fields.FromUserName;
      const msg = {
        platform: "wecom" as const,
        eventId: fields.MsgId || `${user}:${fields.CreateTime}`,
        chatId: user,
        userId: user,
        chatType: "private" as const,
        text: (fields.Content ?? "").replace(/\s+/g, " ").trim(),
        mentioned: false,
        replyToBot: false,
      };
      pending.add(respond(msg, rules, conv, render, (md) => send(user, md), log));
    })().catch((e: unknown) => {
      log.error("callback failed", { error: (e as Error).message });
      if (!res.headersSent) reply(500, "internal error");
    });
  });
  const endpoint = await listenCallback(server, { host: config.WECOM_CALLBACK_HOST, port: config.WECOM_CALLBACK_PORT, path: config.WECOM_CALLBACK_PATH }, pending);
  const url = endpoint.url;
  log.info("wecom callback listening", { url });
  return { url, idle: () => pending.idle(), close: endpoint.close };
}
