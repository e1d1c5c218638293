/** A message as every chat platform delivers it, once its own envelope is read. */
/** `wecom` is a WeCom application (自建应用), `wecom-bot` a WeCom AI bot (智能机器人): their chats, limits and histories are apart. */
export type Platform = "telegram" | "feishu" | "dingtalk" | "wecom" | "wecom-bot";

export interface IncomingMessage {
  platform: Platform;
  /** The platform's id of the delivery, to answer a redelivered event once. */
  eventId: string;
  chatId: string;
  userId: string;
  chatType: "private" | "group";
  text: string;
  /** The bot was @-mentioned (groups). */
  mentioned: boolean;
  /** The message replies to one of the bot's. */
  replyToBot: boolean;
}
