/**
 * What the Feishu channel does with an event, whichever transport brought it
 * (the long connection or the HTTP endpoint): the SDK's EventDispatcher with
 * im.message.receive_v1 (answered through the conversation core, replied to as
 * a card) and card.action.trigger (a 原文 button: the verbatim passage). Both
 * return at once so the event is acknowledged; the reply follows.
 */
import * as lark from "@larksuiteoapi/node-sdk";
import type { Citation } from "../answer/types.js";
import { accessRules, decideAccess } from "../chat/access.js";
import { PendingAnswers } from "../chat/callback-server.js";
import { conversationDeps, respond, type ChannelDeps } from "../chat/respond.js";
import { sendWithRetry } from "../chat/retry.js";
import { CHAT_TEXTS } from "../chat/texts.js";
import type { Logger } from "../log.js";
import { answerCard, noticeCard, passageCard } from "./card.js";
import { feishuAttempt, feishuClient, sdkLogger } from "./client.js";
import { readCardAction, readMessageEvent, type FeishuCardActionEvent, type FeishuMessageEvent } from "./events.js";
import { readPassage } from "./source-passage.js";
import { signSourceRef, sourceRefKey, verifySourceRef } from "./source-ref.js";
import { FEISHU_TEXTS } from "./texts.js";

/** The response to a card action: a toast only the presser sees. */
type CardActionResponse = { toast: { type: "success" | "error" | "info"; content: string } };
const toast = (type: CardActionResponse["toast"]["type"], content: string): CardActionResponse => ({ toast: { type, content } });

export interface FeishuHandler {
  dispatcher: lark.EventDispatcher;
  /** The bot's open_id (to tell a mention of the bot from others), when bot/v3/info answered. */
  botOpenId: string | null;
  /** Answers started after their events were acknowledged. */
  pending: PendingAnswers;
}

/** Builds the API client and the event handlers; reads the bot's open_id once. */
export async function createFeishuHandler(deps: ChannelDeps, log: Logger): Promise<FeishuHandler> {
  const { config } = deps;
  if (!config.FEISHU_APP_ID || !config.FEISHU_APP_SECRET) throw new Error("FEISHU_APP_ID and FEISHU_APP_SECRET are not set");
  const logger = sdkLogger(log);
  const client = feishuClient(config, logger);
  const rules = accessRules(config.FEISHU_ALLOWED_USER_IDS, config.FEISHU_ALLOWED_CHAT_IDS, config.FEISHU_PUBLIC);
  const conv = conversationDeps("feishu", deps, log);
  const retry = deps.retry ?? { attempts: 3, delayMs: 500 };
  const key = sourceRefKey(config.FEISHU_APP_SECRET);

  // Which mention is the bot's: its open_id (a bot in a group sees mentions of anyone).
  let botOpenId: string | null = null;
  try {
    const info = (await client.request({ method: "GET", url: "/open-apis/bot/v3/info" })) as { bot?: { open_id?: string } };
    botOpenId = info.bot?.open_id ?? null;
  } catch (e) {
    log.warn("could not read the bot's open_id; any @-mention in a group counts", { error: (e as Error).message });
  }

  const reply = (messageId: string, card: Record<string, unknown>) =>
    sendWithRetry(
      "im.message.reply",
      () =>
        feishuAttempt(() => client.im.v1.message.reply({ path: { message_id: messageId }, data: { msg_type: "interactive", content: JSON.stringify(card) } })),
      retry,
    );

  const onMessage = async (e: FeishuMessageEvent) => {
    const msg = readMessageEvent(e, botOpenId);
    // Once per message too: a redelivery may come under a new event id (the core checks the event id).
    if (!msg || !(await conv.events.first(`feishu:message:${msg.messageId}`))) return;
    msg.userId = msg.userIds.find((id) => rules.allowedUsers.has(id)) ?? msg.userId;
    const sourceValue = (c: Citation) => ({
      ...signSourceRef(
        { minutesId: c.minutesId, ordinal: c.item?.ordinal ?? null, start: c.start, end: c.end, chatId: msg.chatId, privateChat: msg.chatType === "private" },
        key,
      ),
    });
    await respond(msg, rules, conv, { answer: (a) => answerCard(a, sourceValue), notice: noticeCard }, (card) => reply(msg.messageId, card), log);
  };

  const pending = new PendingAnswers();
  const onCardAction = async (e: FeishuCardActionEvent): Promise<CardActionResponse> => {
    const action = readCardAction(e);
    const ref = action ? verifySourceRef(action.value, key) : null;
    if (!action || !ref) {
      log.warn("card action refused: not a button of ours", { chat: action?.chatId });
      return toast("error", FEISHU_TEXTS.invalidButton);
    }
    if (action.eventId && !(await conv.events.first(`feishu:action:${action.eventId}`))) return toast("info", FEISHU_TEXTS.sourceSent);
    // Access now, with the presser's rights: the card may have been forwarded, or the allow-list changed.
    const userId = action.userIds.find((id) => rules.allowedUsers.has(id)) ?? action.userIds[0];
    const ownView = ref.privateChat && ref.chatId === action.chatId;
    const decision = decideAccess(rules, { userId, chatId: action.chatId, ownView });
    if (decision.refused) return toast("error", CHAT_TEXTS.notAllowed);
    // Presses count against the same per-user limit as questions: each one sends a long passage.
    if (!decision.internalUser && !(await conv.limiter.take(`feishu:${userId ?? action.chatId}`)).ok) return toast("error", CHAT_TEXTS.rateLimited);
    const passage = readPassage(deps.engine, ref, decision.access);
    if (!passage) {
      log.warn("source refused or missing", { minutes: ref.minutesId, ordinal: ref.ordinal, internal: decision.access.internal });
      return toast("error", FEISHU_TEXTS.sourceRefused);
    }
    pending.add(
      reply(action.messageId, passageCard(passage)).catch((err: unknown) => log.error("reply failed", { chat: action.chatId, error: (err as Error).message })),
    );
    return toast("success", FEISHU_TEXTS.sourceSent);
  };

  const dispatcher = new lark.EventDispatcher({
    verificationToken: config.FEISHU_VERIFICATION_TOKEN ?? "",
    encryptKey: config.FEISHU_ENCRYPT_KEY ?? "",
    logger,
    loggerLevel: lark.LoggerLevel.error,
  }).register({
    "im.message.receive_v1": async (data: unknown) => {
      // Acknowledge now, answer after: Feishu redelivers an event not acknowledged within 3 s.
      pending.add(onMessage(data as FeishuMessageEvent));
      return {};
    },
    "card.action.trigger": async (data: unknown) => onCardAction(data as FeishuCardActionEvent),
  });
  return { dispatcher, botOpenId, pending };
}
