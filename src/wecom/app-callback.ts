/**
 * A WeCom (企业微信) self-built application's (自建应用) message callback: GET
 * verifies the URL (echostr), POST carries AES-encrypted XML encrypted for our
 * corp. The callback is answered «success» at once; the answer follows through
 * message/send with a cached access_token, as markdown (WeCom's own client
 * renders it), split under WeCom's 2,048-byte limit.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { accessRules } from "../chat/access.js";
import type { PendingAnswers } from "../chat/callback-server.js";
import { answerMarkdown, escapeMarkdown } from "../chat/markdown.js";
import { conversationDeps, respond, type ChannelDeps } from "../chat/respond.js";
import { sendWithRetry } from "../chat/retry.js";
import type { Logger } from "../log.js";
import { BUSY_ERRCODES, postToWeCom } from "./api-post.js";
import { splitMarkdown } from "./markdown.js";
import { answerUrlCheck, readSealedPost, replyText, type CallbackKeys } from "./sealed.js";
import { readFlatXml } from "./xml.js";

/** Handles one request to a callback path; `q` is its query. */
export type CallbackRoute = (req: IncomingMessage, res: ServerResponse, q: URLSearchParams) => Promise<void>;

/** errcodes of an invalid access_token: refreshed, then tried again. */
const TOKEN_INVALID = new Set([40014, 42001, 41001]);
/** WeCom caps an application's markdown content at 2,048 bytes. */
const MARKDOWN_BYTES = 2000;

/** The application's callback route (WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN, WECOM_ENCODING_AES_KEY). */
export function appCallback(deps: ChannelDeps, log: Logger, pending: PendingAnswers): CallbackRoute {
  const { config } = deps;
  const { WECOM_CORP_ID: corpId, WECOM_SECRET: secret, WECOM_TOKEN: token, WECOM_ENCODING_AES_KEY: aesKey, WECOM_AGENT_ID: agentId } = config;
  if (!corpId || !secret || !token || !aesKey || !agentId)
    throw new Error("WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_ENCODING_AES_KEY are not all set");
  const keys: CallbackKeys = { token, aesKey, receiveId: corpId };
  const rules = accessRules(config.WECOM_ALLOWED_USER_IDS, [], config.WECOM_PUBLIC);
  const conv = conversationDeps("wecom", deps, log);
  const retry = deps.retry ?? { attempts: 3, delayMs: 500 };

  // access_token, cached until shortly before it expires; refreshed when WeCom says it is invalid.
  let cached: { token: string; until: number } | null = null;
  const accessToken = async (): Promise<string> => {
    if (cached && Date.now() < cached.until) return cached.token;
    const res = await fetch(`${config.WECOM_API_URL}/cgi-bin/gettoken?corpid=${encodeURIComponent(corpId)}&corpsecret=${encodeURIComponent(secret)}`);
    const body = (await res.json()) as { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number };
    if (!res.ok || body.errcode || !body.access_token)
      throw new Error(`gettoken failed: ${body.errcode ?? res.status} ${body.errmsg ?? ""} (check WECOM_CORP_ID and WECOM_SECRET)`);
    cached = { token: body.access_token, until: Date.now() + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000 };
    return cached.token;
  };

  const sendOne = (user: string, content: string) =>
    sendWithRetry(
      "message/send",
      () =>
        postToWeCom(
          async () => `${config.WECOM_API_URL}/cgi-bin/message/send?access_token=${encodeURIComponent(await accessToken())}`,
          { touser: user, msgtype: "markdown", agentid: Number(agentId), markdown: { content } },
          (errcode) => {
            if (!TOKEN_INVALID.has(errcode)) return BUSY_ERRCODES.has(errcode);
            cached = null;
            return true;
          },
        ),
      retry,
    );
  const send = async (user: string, markdown: string) => {
    for (const part of splitMarkdown(markdown, MARKDOWN_BYTES)) await sendOne(user, part);
  };
  const render = { answer: answerMarkdown, notice: escapeMarkdown };

  return async (req, res, q) => {
    if (req.method === "GET") return answerUrlCheck(keys, q, res);
    if (req.method !== "POST") return replyText(res, 405, "method not allowed");
    const got = await readSealedPost(keys, req, q, res, (body) => readFlatXml(body).Encrypt ?? "", readFlatXml);
    if (!got) return;
    const fields = got.value;
    // Acknowledge now (WeCom retries a callback unanswered in 5 s), answer after.
    replyText(res, 200, "success");
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
  };
}
