/**
 * The ledger digest's DingTalk chat (LEDGER_DIGEST_DINGTALK_CHAT), sent by the
 * robot of the DINGTALK_CLIENT_ID app (robot-api.ts: groupMessages/send to a
 * group, oToMessages/batchSend to a user) as markdown.
 */
import { accessRules, decideAccess } from "../chat/access.js";
import { escapeMarkdown } from "../chat/markdown.js";
import type { Config } from "../config.js";
import { robotSender } from "../dingtalk/robot-api.js";
import { splitLines } from "../text/split-lines.js";
import { LEDGER_DIGEST_TEXTS as D } from "../messages.js";
import type { DigestTarget } from "./digest.js";

/** DingTalk documents no exact cap for a robot's markdown; parts of 4,000 bytes, cut at line ends, are well inside what it shows. */
const PART_BYTES = 4000;

/**
 * The target, or null when no chat is configured. A group's openConversationId begins «cid» (the conversationId its
 * robot messages carry): internal rows when it is on DINGTALK_ALLOWED_CHAT_IDS. Anything else is a user's staffId, sent
 * to privately: internal rows when they are on DINGTALK_ALLOWED_USER_IDS — the DingTalk channel's rules.
 */
export function dingTalkDigestTarget(config: Config, retry = { attempts: 3, delayMs: 500 }): DigestTarget | null {
  const chat = config.LEDGER_DIGEST_DINGTALK_CHAT;
  if (!chat || !config.DINGTALK_CLIENT_ID || !config.DINGTALK_CLIENT_SECRET) return null;
  const rules = accessRules(config.DINGTALK_ALLOWED_USER_IDS, config.DINGTALK_ALLOWED_CHAT_IDS, config.DINGTALK_PUBLIC);
  const isGroup = chat.startsWith("cid");
  const { access } = decideAccess(rules, isGroup ? { chatId: chat, ownView: false } : { userId: chat, ownView: true });
  const sender = robotSender({ apiUrl: config.DINGTALK_API_URL, clientId: config.DINGTALK_CLIENT_ID, clientSecret: config.DINGTALK_CLIENT_SECRET }, retry);
  const to = isGroup ? { group: chat } : { user: chat };
  return {
    name: "dingtalk",
    access,
    async send(text) {
      // DingTalk's markdown joins lines unless each ends in two spaces.
      for (const part of splitLines(escapeMarkdown(text).replace(/\n/g, "  \n"), PART_BYTES)) await sender.send(to, { title: D.notification, text: part });
    },
  };
}
