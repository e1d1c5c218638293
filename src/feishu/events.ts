/** Reads Feishu's im.message.receive_v1 event (as the SDK's EventDispatcher flattens it) into the channel-neutral message. */
import type { IncomingMessage } from "../chat/message.js";

/** The fields of a flattened v2 event this product reads. */
export interface FeishuMessageEvent {
  event_id?: string;
  sender?: { sender_id?: { open_id?: string; user_id?: string; union_id?: string }; sender_type?: string };
  message?: {
    message_id: string;
    chat_id: string;
    chat_type: string;
    message_type: string;
    content: string;
    parent_id?: string;
    mentions?: { key: string; id?: { open_id?: string }; name?: string }[];
  };
}

/** The message, or null for what the bot does not answer (not text, sent by an app). `botOpenId` tells a mention of the bot from others. */
export function readMessageEvent(e: FeishuMessageEvent, botOpenId: string | null): (IncomingMessage & { messageId: string; userIds: string[] }) | null {
  const m = e.message;
  if (!m || m.message_type !== "text" || e.sender?.sender_type === "app") return null;
  let text = "";
  try {
    text = String((JSON.parse(m.content) as { text?: unknown }).text ?? "");
  } catch {
    return null;
  }
  const mentions = m.mentions ?? [];
  const mentioned = mentions.some((x) => botOpenId !== null && x.id?.open_id === botOpenId);
  for (const x of mentions) text = text.split(x.key).join(" ");
  const ids = e.sender?.sender_id ?? {};
  const userIds = [ids.open_id, ids.user_id, ids.union_id].filter((x): x is string => Boolean(x));
  return {
    platform: "feishu",
    eventId: e.event_id ?? m.message_id,
    messageId: m.message_id,
    chatId: m.chat_id,
    userId: userIds[0] ?? "",
    userIds,
    chatType: m.chat_type === "p2p" ? "private" : "group",
    text: text.replace(/\s+/g, " ").trim(),
    mentioned,
    replyToBot: false,
  };
}
