/**
 * A WeCom (企业微信) self-built application's (自建应用) message callback: GET
 * verifies the URL (echostr), POST carries AES-encrypted XML encrypted for our
 * corp. The callback is answered «success» at once; the answer follows through
 * the application's sender (app-sender.ts: message/send, markdown split under
 * WeCom's 2,048-byte limit).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { accessRules } from "../chat/access.js";
import type { PendingAnswers } from "../chat/callback-server.js";
import { answerMarkdown, escapeMarkdown } from "../chat/markdown.js";
import { conversationDeps, respond, type ChannelDeps } from "../chat/respond.js";
import type { Logger } from "../log.js";
import { weComAppSender } from "./app-sender.js";
import { answerUrlCheck, readSealedPost, replyText, type CallbackKeys } from "./sealed.js";
import { readFlatXml } from "./xml.js";

/** Handles one request to a callback path; `q` is its query. */
export type CallbackRoute = (req: IncomingMessage, res: ServerResponse, q: URLSearchParams) => Promise<void>;

/** The application's callback route (WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN, WECOM_ENCODING_AES_KEY). */
export function appCallback(deps: ChannelDeps, log: Logger, pending: PendingAnswers): CallbackRoute {
  const { config } = deps;
  const { WECOM_CORP_ID: corpId, WECOM_SECRET: secret, WECOM_TOKEN: token, WECOM_ENCODING_AES_KEY: aesKey, WECOM_AGENT_ID: agentId } = config;
  if (!corpId || !secret || !token || !aesKey || !agentId)
    throw new Error("WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_ENCODING_AES_KEY are not all set");
  const keys: CallbackKeys = { token, aesKey, receiveId: corpId };
  const rules = accessRules(config.WECOM_ALLOWED_USER_IDS, [], config.WECOM_PUBLIC);
  const conv = conversationDeps("wecom", deps, log);

  const { send } = weComAppSender(config, deps.retry ?? { attempts: 3, delayMs: 500 });
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
