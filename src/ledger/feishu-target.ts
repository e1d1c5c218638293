/**
 * The ledger digest's Feishu chat (LEDGER_DIGEST_FEISHU_CHAT), sent as a text
 * message through im/v1/messages with the SDK client the replies use (tenant
 * access token from FEISHU_APP_ID / FEISHU_APP_SECRET).
 */
import { accessRules, decideAccess } from "../chat/access.js";
import { sendWithRetry } from "../chat/retry.js";
import type { Config } from "../config.js";
import { feishuAttempt, feishuClient, sdkLogger } from "../feishu/client.js";
import type { Logger } from "../log.js";
import { splitLines } from "../text/split-lines.js";
import type { DigestTarget } from "./digest.js";

/** Feishu refuses a text message whose request body passes 150 KB (code 230025): parts of 30,000 bytes, cut at line ends, stay far below. */
const PART_BYTES = 30_000;

/**
 * The target, or null when no chat is configured. An open_id (ou_…) is the bot's private chat with that user:
 * internal rows when they are on FEISHU_ALLOWED_USER_IDS. Any other id is a chat_id: internal rows when it is on
 * FEISHU_ALLOWED_CHAT_IDS — the rules the Feishu channel applies to incoming messages.
 */
export function feishuDigestTarget(config: Config, log: Logger, retry = { attempts: 3, delayMs: 500 }): DigestTarget | null {
  const chat = config.LEDGER_DIGEST_FEISHU_CHAT;
  if (!chat || !config.FEISHU_APP_ID) return null;
  const rules = accessRules(config.FEISHU_ALLOWED_USER_IDS, config.FEISHU_ALLOWED_CHAT_IDS, config.FEISHU_PUBLIC);
  const isUser = chat.startsWith("ou_");
  const { access } = decideAccess(rules, isUser ? { userId: chat, ownView: true } : { chatId: chat, ownView: false });
  const client = feishuClient(config, sdkLogger(log.child({ component: "feishu" })));
  const receiveIdType = isUser ? "open_id" : "chat_id";
  return {
    name: "feishu",
    access,
    async send(text) {
      for (const part of splitLines(text, PART_BYTES))
        await sendWithRetry(
          "im.message.create",
          () =>
            feishuAttempt(() =>
              client.im.v1.message.create({
                params: { receive_id_type: receiveIdType },
                data: { receive_id: chat, msg_type: "text", content: JSON.stringify({ text: part }) },
              }),
            ),
          retry,
        );
    },
  };
}
