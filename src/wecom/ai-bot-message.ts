/** Reads a WeCom AI bot's (智能机器人) decrypted JSON callback into the channel-neutral message. */
import { z } from "zod";
import type { IncomingMessage } from "../chat/message.js";

/** The fields of a callback this product reads (WeCom's 接收消息: text messages; events and other types have msgtype only in common). */
const AiBotCallback = z.object({
  msgid: z.string().optional(),
  aibotid: z.string().optional(),
  chatid: z.string().optional(),
  chattype: z.enum(["single", "group"]).optional(),
  from: z.object({ userid: z.string() }).optional(),
  response_url: z.string().optional(),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
});

/** A message with the address its one reply goes to. */
export type AiBotMessage = IncomingMessage & { responseUrl: string };

/** The leading «@机器人名» of a group message (WeCom delivers a group message to the bot only when it is @-mentioned). */
const LEADING_MENTION = /^\s*@\S+\s*/;

/**
 * The text message in a decrypted callback, or null for what the bot does not
 * answer (events, images, stream refreshes, anything missing a field it needs).
 * Throws on a plaintext that is not JSON.
 */
export function readAiBotMessage(plain: string): AiBotMessage | null {
  const parsed = AiBotCallback.safeParse(JSON.parse(plain));
  if (!parsed.success) return null;
  const m = parsed.data;
  if (m.msgtype !== "text" || !m.text || !m.msgid || !m.from?.userid || !m.response_url) return null;
  const group = m.chattype === "group";
  const chatId = group ? m.chatid : m.from.userid;
  if (!chatId) return null;
  const text = group ? m.text.content.replace(LEADING_MENTION, "") : m.text.content;
  return {
    platform: "wecom-bot",
    eventId: m.msgid,
    chatId,
    userId: m.from.userid,
    chatType: group ? "group" : "private",
    text: text.replace(/\s+/g, " ").trim(),
    mentioned: group,
    replyToBot: false,
    responseUrl: m.response_url,
  };
}
