/**
 * The ledger digest's WeCom chat (LEDGER_DIGEST_WECOM_CHAT): a member's private
 * chat with the self-built application, sent through message/send as the
 * application's answers are (app-sender.ts: cached access_token, markdown in
 * parts under WeCom's 2,048-byte limit).
 */
import { accessRules, decideAccess } from "../chat/access.js";
import { escapeMarkdown } from "../chat/markdown.js";
import type { Config } from "../config.js";
import { weComAppSender } from "../wecom/app-sender.js";
import type { DigestTarget } from "./digest.js";

/**
 * The target, or null when no chat is configured. Internal rows only when the member is on WECOM_ALLOWED_USER_IDS,
 * as for a question they send the application.
 */
export function weComDigestTarget(config: Config, retry = { attempts: 3, delayMs: 500 }): DigestTarget | null {
  const user = config.LEDGER_DIGEST_WECOM_CHAT;
  if (!user || !config.WECOM_CORP_ID) return null;
  const rules = accessRules(config.WECOM_ALLOWED_USER_IDS, [], config.WECOM_PUBLIC);
  const { access } = decideAccess(rules, { userId: user, chatId: user, ownView: true });
  const sender = weComAppSender(config, retry);
  return { name: "wecom", access, send: (text) => sender.send(user, escapeMarkdown(text)) };
}
