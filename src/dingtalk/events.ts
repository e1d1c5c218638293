/** Reads a DingTalk robot callback (topic /v1.0/im/bot/messages/get) into the channel-neutral message. */
import type { IncomingMessage } from "../chat/message.js";

/** The fields of a robot message this product reads (dingtalk-stream's RobotTextMessage, plus the @ flag DingTalk sends). */
export interface DingTalkRobotMessage {
  msgId: string;
  conversationId: string;
  /** "1" a private chat, "2" a group. */
  conversationType: string;
  senderId: string;
  senderStaffId?: string;
  sessionWebhook: string;
  sessionWebhookExpiredTime?: number;
  msgtype: string;
  text?: { content?: string };
  /** Groups: the robot is among the @-mentioned (DingTalk delivers a group message to a robot only when it is). */
  isInAtList?: boolean;
}

/** The message with its reply address, or null for what the robot does not answer (not text). */
export function readRobotMessage(m: DingTalkRobotMessage): (IncomingMessage & { webhook: string; userIds: string[] }) | null {
  if (m.msgtype !== "text" || !m.text?.content) return null;
  const userIds = [m.senderStaffId, m.senderId].filter((x): x is string => Boolean(x));
  const group = m.conversationType !== "1";
  return {
    platform: "dingtalk",
    eventId: m.msgId,
    chatId: m.conversationId,
    userId: userIds[0] ?? "",
    userIds,
    chatType: group ? "group" : "private",
    text: m.text.content.replace(/\s+/g, " ").trim(),
    mentioned: group ? m.isInAtList !== false : false,
    replyToBot: false,
    webhook: m.sessionWebhook,
  };
}
