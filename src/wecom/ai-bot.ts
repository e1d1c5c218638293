/**
 * A WeCom AI bot's (智能机器人) callback in API mode: GET verifies the URL
 * (echostr), POST carries `{"encrypt": …}` — JSON, signed and encrypted as an
 * application's callbacks are, with an empty receive id. The callback is
 * answered with an empty body at once; the answer is POSTed after to the
 * message's response_url (usable once, for an hour) as markdown with the
 * numbered sources. Private chats answer every text; in groups the bot only
 * receives messages that @-mention it, and answers with public minutes only.
 */
import { accessRules } from "../chat/access.js";
import type { PendingAnswers } from "../chat/callback-server.js";
import { answerMarkdown, escapeMarkdown } from "../chat/markdown.js";
import { conversationDeps, respond, type ChannelDeps } from "../chat/respond.js";
import { sendWithRetry } from "../chat/retry.js";
import type { Logger } from "../log.js";
import { readAiBotMessage, type AiBotMessage } from "./ai-bot-message.js";
import { BUSY_ERRCODES, postToWeCom } from "./api-post.js";
import type { CallbackRoute } from "./app-callback.js";
import { capMarkdown } from "./markdown.js";
import { answerUrlCheck, readSealedPost, replyText, type CallbackKeys } from "./sealed.js";

/** A reply's markdown is cut under this many bytes: the one response_url takes one message (WeCom's stream content limit, 20,480 bytes). */
const REPLY_BYTES = 20_000;

/** The ciphertext of an AI bot callback's body, `{"encrypt": "…"}` ("" when it has none). */
function envelopeCiphertext(body: string): string {
  const { encrypt } = JSON.parse(body) as { encrypt?: unknown };
  return typeof encrypt === "string" ? encrypt : "";
}

/** The AI bot's callback route (WECOM_BOT_TOKEN, WECOM_BOT_ENCODING_AES_KEY). */
export function aiBotCallback(deps: ChannelDeps, log: Logger, pending: PendingAnswers): CallbackRoute {
  const { config } = deps;
  const { WECOM_BOT_TOKEN: token, WECOM_BOT_ENCODING_AES_KEY: aesKey } = config;
  if (!token || !aesKey) throw new Error("WECOM_BOT_TOKEN and WECOM_BOT_ENCODING_AES_KEY are not both set");
  const keys: CallbackKeys = { token, aesKey, receiveId: "" };
  const rules = accessRules(config.WECOM_ALLOWED_USER_IDS, [], config.WECOM_PUBLIC);
  const conv = conversationDeps("wecom-bot", deps, log);
  const retry = deps.retry ?? { attempts: 3, delayMs: 500 };
  // A response_url is WeCom's own (https://qyapi.weixin.qq.com/cgi-bin/aibot/response?…); nothing else is posted to.
  const apiOrigin = new URL(config.WECOM_API_URL).origin;
  const onApi = (url: string) => URL.canParse(url) && new URL(url).origin === apiOrigin;

  const send = (msg: AiBotMessage, markdown: string) =>
    sendWithRetry(
      "aibot response",
      () =>
        postToWeCom(
          () => msg.responseUrl,
          { msgtype: "markdown", markdown: { content: capMarkdown(markdown, REPLY_BYTES) } },
          (errcode) => BUSY_ERRCODES.has(errcode),
        ),
      retry,
    );
  const render = { answer: answerMarkdown, notice: escapeMarkdown };

  return async (req, res, q) => {
    if (req.method === "GET") return answerUrlCheck(keys, q, res);
    if (req.method !== "POST") return replyText(res, 405, "method not allowed");
    const got = await readSealedPost(keys, req, q, res, envelopeCiphertext, readAiBotMessage);
    if (!got) return;
    const msg = got.value;
    // An empty reply now (WeCom waits only seconds); the answer follows through response_url.
    replyText(res, 200, "");
    if (!msg) return;
    if (!onApi(msg.responseUrl)) {
      log.warn("response_url is not on WECOM_API_URL; not answering", { chat: msg.chatId });
      return;
    }
    pending.add(respond(msg, rules, conv, render, (md) => send(msg, md), log));
  };
}
