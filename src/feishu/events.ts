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
  if (m?.message_type !== "text" || e.sender?.sender_type === "app") return null;
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

/** The fields of a flattened card.action.trigger callback (a button on a card was pressed) this product reads. */
export interface FeishuCardActionEvent {
  event_id?: string;
  operator?: { open_id?: string; user_id?: string; union_id?: string };
  action?: { tag?: string; value?: unknown };
  context?: { open_message_id?: string; open_chat_id?: string };
  /** Older deliveries put the ids at the top level. */
  open_message_id?: string;
  open_chat_id?: string;
}

/** A pressed button: who pressed it (every id Feishu gave), on which message in which chat, with the button's value. */
export interface CardAction {
  eventId: string | null;
  userIds: string[];
  messageId: string;
  chatId: string;
  value: unknown;
}

/** The pressed button, or null when the callback names no message or chat to answer in. */
export function readCardAction(e: FeishuCardActionEvent): CardAction | null {
  const messageId = e.context?.open_message_id ?? e.open_message_id;
  const chatId = e.context?.open_chat_id ?? e.open_chat_id;
  if (!messageId || !chatId) return null;
  const ids = e.operator ?? {};
  const userIds = [ids.open_id, ids.user_id, ids.union_id].filter((x): x is string => Boolean(x));
  return { eventId: e.event_id ?? null, userIds, messageId, chatId, value: e.action?.value };
}
