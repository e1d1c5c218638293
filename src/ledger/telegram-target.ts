/** The ledger digest's Telegram chat (LEDGER_DIGEST_TELEGRAM_CHAT), sent through grammY's Api with the bot's token. */
import { Api } from "grammy";
import { accessRules, decideAccess } from "../chat/access.js";
import type { Config } from "../config.js";
import type { DigestTarget } from "./digest.js";

/** Telegram caps a message at 4,096 characters: the digest is sent in parts cut at line ends. */
const MAX_CHARS = 4000;

function parts(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const line of text.split("\n")) {
    if (cur && cur.length + line.length + 1 > MAX_CHARS) {
      out.push(cur);
      cur = "";
    }
    cur = cur ? `${cur}\n${line}` : line.slice(0, MAX_CHARS);
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * The target, or null when no chat is configured. Internal rows go only to a chat on ALLOWED_CHAT_IDS,
 * or to the private chat of a user on ALLOWED_USER_IDS / ADMIN_USER_IDS (a positive chat id is a user's).
 */
export function telegramDigestTarget(config: Config): DigestTarget | null {
  const chat = config.LEDGER_DIGEST_TELEGRAM_CHAT;
  if (!chat || !config.TELEGRAM_BOT_TOKEN) return null;
  const rules = accessRules([...config.ALLOWED_USER_IDS, ...config.ADMIN_USER_IDS], config.ALLOWED_CHAT_IDS, true);
  const isPrivate = !chat.startsWith("-");
  const { access } = decideAccess(rules, { chatId: chat, ...(isPrivate ? { userId: chat } : {}), ownView: isPrivate });
  const api = new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT });
  return {
    name: "telegram",
    access,
    async send(text) {
      for (const part of parts(text)) await api.sendMessage(chat, part, { link_preview_options: { is_disabled: true } });
    },
  };
}
