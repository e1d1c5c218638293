/** The command menus, registered with setMyCommands per scope (Chinese descriptions). */
import type { Api } from "grammy";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { errorFields } from "./redact.js";
import { ADMIN_COMMANDS, GROUP_COMMANDS, PUBLIC_COMMANDS } from "./texts.js";

export async function registerCommands(api: Api, config: Config, log: Logger): Promise<void> {
  const secrets = [config.TELEGRAM_BOT_TOKEN ?? ""];
  await api.setMyCommands([...PUBLIC_COMMANDS], { scope: { type: "default" } });
  await api.setMyCommands([...PUBLIC_COMMANDS], { scope: { type: "all_private_chats" } });
  await api.setMyCommands([...GROUP_COMMANDS], { scope: { type: "all_group_chats" } });
  // Admins see /reload and /stats in their private chat with the bot.
  for (const id of config.ADMIN_USER_IDS) {
    try {
      await api.setMyCommands([...PUBLIC_COMMANDS, ...ADMIN_COMMANDS], { scope: { type: "chat", chat_id: id } });
    } catch (e) {
      // "chat not found" until the admin has started the bot.
      log.warn("could not set the admin command menu", { admin: id, ...errorFields(e, secrets) });
    }
  }
}
