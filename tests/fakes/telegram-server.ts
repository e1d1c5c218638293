/**
 * A fake Telegram Bot API server on 127.0.0.1 speaking the real HTTP protocol
 * (`/bot<token>/<method>`, `{ok, result}` / `{ok:false, error_code, description}`),
 * so production code runs its real grammY client against it.
 *
 * See tests/fakes/README.md for usage.
 */
import http from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Chat, Message, Update, User } from "grammy/types";
import { parseTelegramHtml, trimFormatted, type TgEntity } from "./telegram-html.js";
import { WAIT_MS } from "./wait.js";

// Payloads are whatever the client sent, so they are loosely typed on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export interface TelegramCall {
  /** Canonical method name, e.g. "sendMessage" (the wire name is case-insensitive). */
  method: string;
  /** Parameters after merging query string and body (JSON, urlencoded or multipart). */
  payload: Json;
  /** Date.now() when the request arrived. */
  at: number;
  /** Filled in once answered (for getUpdates: when the long poll returns). */
  ok?: boolean;
  result?: unknown;
  error?: TelegramErrorBody;
}

export interface TelegramErrorBody {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface InjectedError {
  error_code: number;
  /** Defaults to Telegram's usual text for the code, e.g. "Too Many Requests: retry after 1". */
  description?: string;
  /** Sent as parameters.retry_after (defaults to 1 for 429). */
  retry_after?: number;
  migrate_to_chat_id?: number;
  /** Fail this many consecutive calls (default 1). */
  times?: number;
}

export interface FakeTelegramOptions {
  /** Bot token; its numeric prefix becomes the bot's user id. */
  token?: string;
  /** Overrides for the getMe result. */
  botUser?: Partial<User>;
  /**
   * Simulate group privacy mode: in groups, sendText only delivers commands,
   * @mentions of the bot and replies to the bot's messages (default false).
   */
  groupPrivacy?: boolean;
  /** The first update_id handed out: two fakes standing for one bot's instances must not repeat ids (Telegram never does). */
  firstUpdateId?: number;
}

export interface ChatRef {
  id: number;
  type?: "private" | "group" | "supergroup" | "channel";
  title?: string;
  username?: string;
  first_name?: string;
  is_forum?: true;
}

export type UserRef = { id: number } & Partial<User>;

export interface SendTextExtra extends Partial<Omit<Message, "reply_to_message" | "chat" | "from" | "text">> {
  /** A stored message id in the same chat, or a full message object. */
  reply_to_message?: number | Message;
}

export interface WebhookPostResult {
  status: number;
  /** Parsed JSON when the response was JSON, else the raw text. */
  body: unknown;
}

export interface FakeTelegram {
  /** e.g. "http://127.0.0.1:PORT" (no trailing slash): pass as grammY's client.apiRoot. */
  readonly apiRoot: string;
  readonly token: string;
  readonly botUser: User;
  /** Every API request in arrival order. */
  readonly calls: TelegramCall[];
  callsOf(method: string): TelegramCall[];
  clearCalls(): void;
  /** Queues an update (update_id is assigned) and wakes a pending getUpdates. */
  pushUpdate(update: Partial<Update> & Json): Update;
  /** Updates not yet confirmed through getUpdates' offset. */
  pendingUpdates(): Update[];
  /** Builds and queues a text message from a user (bot_command entity when it starts with "/"). */
  sendText(chat: ChatRef, from: UserRef, text: string, extra?: SendTextExtra): Update;
  /** Builds and queues a callback_query for a button on `messageId`. */
  pressButton(chatId: number, fromId: number, messageId: number, data: string): Update;
  /** Builds and queues an inline_query. */
  /** An inline query; `chatType` is where it was typed («sender»: the user's own chat with the bot), null for none (as from a secret chat). */
  inlineQuery(fromId: number, query: string, offset?: string, chatType?: "sender" | "private" | "group" | "supergroup" | "channel" | null): Update;
  /**
   * Resolves with the first recorded call of `method` matching `predicate` that no
   * earlier waitFor returned (already-recorded calls count), so consecutive
   * waitFor("sendMessage") calls yield consecutive messages. An in-flight
   * getUpdates is returned on arrival but only consumed once answered. Rejects
   * after `timeoutMs` (default WAIT_MS) listing the recorded methods.
   */
  waitFor(method: string, predicate?: (call: TelegramCall) => boolean, timeoutMs?: number): Promise<TelegramCall>;
  /** The next call(s) of `method` fail with this error. */
  failNext(method: string, error: InjectedError): void;
  /** Messages currently in a chat (after edits/deletes), oldest first. */
  messagesIn(chatId: number): Message[];
  /** Current webhook set with setWebhook, if any. */
  webhook(): { url: string; secret_token?: string } | undefined;
  /**
   * Delivers an update to the webhook registered with setWebhook (with its
   * secret token), like Telegram; a method in the webhook reply is executed and
   * recorded as a call.
   */
  deliverToWebhook(update: Partial<Update> & Json): Promise<WebhookPostResult>;
  close(): Promise<void>;
}

const DEFAULT_TOKEN = "123456789:AAFakeTestTokenForMinutesQa_0123456789";
const DEFAULT_ALLOWED = ["chat_member", "message_reaction", "message_reaction_count"]; // excluded by default
const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);
const JSON_KEYS = new Set([
  "reply_markup",
  "entities",
  "caption_entities",
  "commands",
  "scope",
  "results",
  "allowed_updates",
  "link_preview_options",
  "reply_parameters",
  "button",
  "menu_button",
  "message_ids",
  "media",
  "reaction",
]);
const NUMBER_KEYS = new Set([
  "chat_id",
  "message_id",
  "offset",
  "limit",
  "timeout",
  "user_id",
  "from_chat_id",
  "message_thread_id",
  "draft_id",
  "cache_time",
  "max_connections",
  "reply_to_message_id",
]);
const BOOL_KEYS = new Set([
  "disable_notification",
  "protect_content",
  "show_alert",
  "drop_pending_updates",
  "is_personal",
  "allow_sending_without_reply",
  "disable_web_page_preview",
  "can_stop",
  "keep_on_stop",
]);

class ApiError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: TelegramErrorBody["parameters"],
  ) {
    super(description);
  }
}
const bad = (what: string) => new ApiError(400, `Bad Request: ${what}`);
const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";

function defaultDescription(code: number, retryAfter?: number): string {
  switch (code) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden: bot was blocked by the user";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
    case 429:
      return `Too Many Requests: retry after ${retryAfter ?? 1}`;
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    default:
      return `Error ${code}`;
  }
}

interface StoredMessage {
  msg: Json;
  byBot: boolean;
  deleted: boolean;
}
interface ChatState {
  chat: Json;
  nextId: number;
  messages: Map<number, StoredMessage>;
}
interface Poller {
  offset: number;
  limit: number;
  call: TelegramCall;
  finish: (r: { ok: true; result: unknown } | { ok: false; error: TelegramErrorBody }) => void;
}
interface Waiter {
  method: string;
  predicate?: (call: TelegramCall) => boolean;
  resolve: (c: TelegramCall) => void;
}

const now = () => Math.floor(Date.now() / 1000);
const utf8Len = (s: string) => Buffer.byteLength(s, "utf8");
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = opts.token ?? DEFAULT_TOKEN;
  const botId = Number(/^(\d+):/.exec(token)?.[1] ?? 123456789);
  const botUser: User = {
    id: botId,
    is_bot: true,
    first_name: "Minutes QA Test Bot",
    username: "minutes_qa_test_bot",
    can_join_groups: true,
    can_read_all_group_messages: !opts.groupPrivacy,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
    ...opts.botUser,
  } as User;

  const calls: TelegramCall[] = [];
  const claimed = new Set<TelegramCall>();
  const waiters = new Set<Waiter>();
  let queue: Json[] = [];
  let nextUpdateId = opts.firstUpdateId ?? 100_000_001;
  let allowedUpdates: string[] | undefined; // undefined = default set
  let poller: Poller | undefined;
  let webhook: { url: string; secret_token?: string; max_connections?: number; allowed_updates?: string[] } | undefined;
  const commands = new Map<string, Json[]>();
  const menuButtons = new Map<string, Json>();
  const chats = new Map<number, ChatState>();
  const users = new Map<number, Json>();
  const callbackQueries = new Map<string, { answered: boolean; answer?: Json }>();
  const inlineQueries = new Map<string, { answered: boolean; answer?: Json }>();
  const failures = new Map<string, InjectedError[]>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  // ---------- state helpers ----------
  const userFor = (ref: UserRef | number): Json => {
    const id = typeof ref === "number" ? ref : ref.id;
    const known = users.get(id);
    const base = known ?? { id, is_bot: false, first_name: `User${id}` };
    const merged = typeof ref === "number" ? base : { ...base, ...ref, is_bot: ref.is_bot ?? false };
    users.set(id, merged);
    return merged;
  };
  const chatState = (ref: ChatRef | number): ChatState => {
    const id = typeof ref === "number" ? ref : ref.id;
    let st = chats.get(id);
    if (!st) {
      const type = (typeof ref === "object" && ref.type) || (id > 0 ? "private" : id <= -1_000_000_000_000 ? "supergroup" : "group");
      const chat: Json = { id, type };
      if (type === "private") {
        const u = users.get(id);
        chat.first_name = u?.first_name ?? `User${id}`;
        if (u?.last_name) chat.last_name = u.last_name;
        if (u?.username) chat.username = u.username;
      } else {
        chat.title = type === "channel" ? "Test channel" : "Test group";
      }
      st = { chat, nextId: 1, messages: new Map() };
      chats.set(id, st);
    }
    if (typeof ref === "object") {
      const { id: _id, ...rest } = ref;
      Object.assign(st.chat, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
    }
    return st;
  };
  const parseChatId = (v: unknown): number => {
    if (v === undefined || v === null || v === "") throw bad("chat_id is empty");
    if (typeof v === "number" && Number.isInteger(v)) return v;
    if (typeof v === "string" && /^-?\d+$/.test(v)) return Number(v);
    throw bad("chat not found");
  };
  const storeMessage = (st: ChatState, msg: Json, byBot: boolean) => {
    st.messages.set(msg.message_id as number, { msg, byBot, deleted: false });
    if ((msg.message_id as number) >= st.nextId) st.nextId = (msg.message_id as number) + 1;
  };
  const findMessage = (chatId: number, messageId: unknown): StoredMessage | undefined => {
    const m = chats.get(chatId)?.messages.get(Number(messageId));
    return m && !m.deleted ? m : undefined;
  };

  // ---------- formatting / validation ----------
  const formatText = (text: unknown, parseMode: unknown, entities: unknown, allowEmpty = false): { text: string; entities?: TgEntity[] } => {
    if (typeof text !== "string" || (text === "" && !allowEmpty)) throw bad("message text is empty");
    let plain = text;
    let ents: TgEntity[] = Array.isArray(entities) ? (entities as TgEntity[]) : [];
    if (parseMode !== undefined && parseMode !== "" && !Array.isArray(entities)) {
      const mode = String(parseMode).toLowerCase();
      if (mode === "html") {
        const parsed = parseTelegramHtml(text);
        if (!parsed.ok) throw bad(`can't parse entities: ${parsed.error}`);
        plain = parsed.text;
        ents = parsed.entities;
      } else if (mode !== "markdown" && mode !== "markdownv2") {
        throw bad("unsupported parse_mode");
      }
    }
    const trimmed = trimFormatted(plain, ents);
    if (trimmed.text === "" && !allowEmpty) throw bad("message text is empty");
    if (trimmed.text.length > 4096) throw bad("message is too long");
    return { text: trimmed.text, ...(trimmed.entities.length ? { entities: trimmed.entities } : {}) };
  };
  const validateMarkup = (markup: unknown): Json | undefined => {
    if (markup === undefined || markup === null) return undefined;
    if (typeof markup !== "object") throw bad("can't parse reply keyboard markup JSON object");
    const m = markup as Json;
    if ("inline_keyboard" in m) {
      if (!Array.isArray(m.inline_keyboard) || m.inline_keyboard.some((row: unknown) => !Array.isArray(row))) {
        throw bad('can\'t parse inline keyboard button: field "inline_keyboard" must be an Array of Arrays');
      }
      for (const row of m.inline_keyboard as Json[][]) {
        for (const btn of row) {
          if (typeof btn !== "object" || btn === null) throw bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
          if (typeof btn.text !== "string") throw bad('can\'t parse inline keyboard button: Field "text" must be of type String');
          if (btn.text === "") throw bad("BUTTON_TEXT_EMPTY");
          if ("callback_data" in btn) {
            const len = utf8Len(String(btn.callback_data));
            if (len === 0 || len > 64) throw bad("BUTTON_DATA_INVALID");
          }
          const actions = [
            "url",
            "callback_data",
            "web_app",
            "login_url",
            "switch_inline_query",
            "switch_inline_query_current_chat",
            "switch_inline_query_chosen_chat",
            "copy_text",
            "callback_game",
            "pay",
          ].filter((k) => k in btn);
          if (actions.length === 0) throw bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }
      }
    }
    return m;
  };

  // ---------- updates ----------
  const updateType = (u: Json) => Object.keys(u).find((k) => k !== "update_id") ?? "";
  const isAllowed = (u: Json) => {
    const t = updateType(u);
    return allowedUpdates === undefined ? !DEFAULT_ALLOWED.includes(t) : allowedUpdates.includes(t);
  };
  const deliverable = (offset: number, limit: number) =>
    queue.filter((u) => (offset > 0 ? (u.update_id as number) >= offset : true) && isAllowed(u)).slice(0, limit);
  const wakePoller = () => {
    if (!poller) return;
    const ready = deliverable(poller.offset, poller.limit);
    if (ready.length) poller.finish({ ok: true, result: ready });
  };
  const pushUpdate = (update: Json): Update => {
    const u = { ...update, update_id: nextUpdateId++ };
    queue.push(u);
    wakePoller();
    return u as Update;
  };

  // ---------- methods ----------
  type Handler = (p: Json, call: TelegramCall) => unknown;
  const methods = new Map<string, { name: string; fn: Handler }>();
  const def = (name: string, fn: Handler) => methods.set(name.toLowerCase(), { name, fn });

  def("getMe", () => botUser);
  def("logOut", () => true);
  def("close", () => true);

  def("getUpdates", (p, call) => {
    if (webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = Number(p.offset ?? 0) || 0;
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100) || 100));
    const timeout = Math.max(0, Number(p.timeout ?? 0) || 0);
    if (Array.isArray(p.allowed_updates)) allowedUpdates = p.allowed_updates.length ? p.allowed_updates.map(String) : undefined;
    if (offset > 0) queue = queue.filter((u) => (u.update_id as number) >= offset);
    else if (offset < 0) queue = queue.slice(offset);
    if (poller) {
      poller.finish({
        ok: false,
        error: { error_code: 409, description: defaultDescription(409) },
      });
    }
    const ready = deliverable(offset, limit);
    if (ready.length || timeout === 0 || closed) return ready;
    return new Promise((resolve, reject) => {
      let done = false;
      const timer = setTimeout(() => me.finish({ ok: true, result: [] }), timeout * 1000);
      timers.add(timer);
      const me: Poller = {
        offset,
        limit,
        call,
        finish: (r) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          timers.delete(timer);
          if (poller === me) poller = undefined;
          if (r.ok) resolve(r.result);
          else reject(new ApiError(r.error.error_code, r.error.description, r.error.parameters));
        },
      };
      poller = me;
    });
  });

  def("setWebhook", (p) => {
    const url = String(p.url ?? "");
    if (url === "") {
      webhook = undefined;
      return true;
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw bad("bad webhook: Failed to resolve host: Name or service not known");
    }
    const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname);
    if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && loopback)) {
      throw bad("bad webhook: An HTTPS URL must be provided for webhook");
    }
    if (p.secret_token !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(p.secret_token))) {
      throw bad("bad webhook: secret token contains unallowed characters");
    }
    if (p.drop_pending_updates) queue = [];
    webhook = {
      url,
      ...(p.secret_token !== undefined ? { secret_token: String(p.secret_token) } : {}),
      ...(p.max_connections !== undefined ? { max_connections: Number(p.max_connections) } : {}),
      ...(Array.isArray(p.allowed_updates) ? { allowed_updates: p.allowed_updates } : {}),
    };
    if (Array.isArray(p.allowed_updates)) allowedUpdates = p.allowed_updates.length ? p.allowed_updates.map(String) : undefined;
    return true;
  });
  def("deleteWebhook", (p) => {
    webhook = undefined;
    if (p.drop_pending_updates) queue = [];
    return true;
  });
  def("getWebhookInfo", () => ({
    url: webhook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: queue.length,
    ...(webhook?.max_connections !== undefined ? { max_connections: webhook.max_connections } : webhook ? { max_connections: 40 } : {}),
    ...(webhook?.allowed_updates ? { allowed_updates: webhook.allowed_updates } : {}),
  }));

  const commandsKey = (p: Json) => `${JSON.stringify(p.scope ?? { type: "default" })}|${p.language_code ?? ""}`;
  def("setMyCommands", (p) => {
    if (!Array.isArray(p.commands)) throw bad("can't parse commands JSON object");
    if (p.commands.length > 100) throw bad("BOT_COMMANDS_TOO_MUCH");
    for (const c of p.commands as Json[]) {
      if (typeof c?.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command.replace(/^\//, ""))) throw bad("BOT_COMMAND_INVALID");
      if (typeof c.description !== "string" || c.description.length < 1 || c.description.length > 256) {
        throw bad("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    const list = (p.commands as Json[]).map((c) => ({ command: String(c.command).replace(/^\//, ""), description: c.description }));
    if (list.length) commands.set(commandsKey(p), list);
    else commands.delete(commandsKey(p));
    return true;
  });
  def("getMyCommands", (p) => commands.get(commandsKey(p)) ?? []);
  def("deleteMyCommands", (p) => {
    commands.delete(commandsKey(p));
    return true;
  });
  def("setChatMenuButton", (p) => {
    menuButtons.set(String(p.chat_id ?? ""), (p.menu_button as Json) ?? { type: "default" });
    return true;
  });
  def("getChatMenuButton", (p) => menuButtons.get(String(p.chat_id ?? "")) ?? { type: "commands" });

  def("getChat", (p) => {
    const id = parseChatId(p.chat_id);
    const st = chats.get(id);
    if (!st) throw bad("chat not found");
    return { ...st.chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: {} };
  });

  const buildBotMessage = (p: Json, st: ChatState, formatted: { text: string; entities?: TgEntity[] }, markup: Json | undefined) => {
    const msg: Json = {
      message_id: st.nextId,
      from: botUser,
      chat: st.chat,
      date: now(),
      ...(p.message_thread_id !== undefined ? { message_thread_id: Number(p.message_thread_id) } : {}),
      text: formatted.text,
      ...(formatted.entities ? { entities: formatted.entities } : {}),
      ...(markup && "inline_keyboard" in markup ? { reply_markup: markup } : {}),
    };
    const replyTo = (p.reply_parameters as Json | undefined)?.message_id ?? p.reply_to_message_id;
    if (replyTo !== undefined) {
      const target = findMessage(st.chat.id as number, replyTo);
      const allowWithout = (p.reply_parameters as Json | undefined)?.allow_sending_without_reply ?? p.allow_sending_without_reply;
      if (target) msg.reply_to_message = { ...target.msg, reply_to_message: undefined };
      else if (!allowWithout) throw bad("message to be replied not found");
    }
    return msg;
  };

  def("sendMessage", (p) => {
    const chatId = parseChatId(p.chat_id);
    const formatted = formatText(p.text, p.parse_mode, p.entities);
    const markup = validateMarkup(p.reply_markup);
    const st = chatState(chatId);
    const msg = buildBotMessage(p, st, formatted, markup);
    storeMessage(st, msg, true);
    return msg;
  });

  const editTarget = (p: Json): StoredMessage | true => {
    if (p.inline_message_id !== undefined) return true;
    const chatId = parseChatId(p.chat_id);
    if (p.message_id === undefined) throw bad("message identifier is not specified");
    const m = findMessage(chatId, p.message_id);
    if (!m) throw bad("message to edit not found");
    if (!m.byBot) throw bad("message can't be edited");
    return m;
  };
  def("editMessageText", (p) => {
    const target = editTarget(p);
    const formatted = formatText(p.text, p.parse_mode, p.entities);
    const markup = validateMarkup(p.reply_markup);
    if (target === true) return true;
    const newMarkup = markup && "inline_keyboard" in markup ? markup : undefined;
    const old = target.msg;
    if (old.text === formatted.text && sameJson(old.entities, formatted.entities) && sameJson(old.reply_markup, newMarkup)) {
      throw bad(NOT_MODIFIED);
    }
    const msg: Json = { ...old, text: formatted.text, edit_date: now() };
    delete msg.entities;
    delete msg.reply_markup;
    if (formatted.entities) msg.entities = formatted.entities;
    if (newMarkup) msg.reply_markup = newMarkup; // like Telegram, omitting reply_markup removes the keyboard
    target.msg = msg;
    return msg;
  });
  def("editMessageReplyMarkup", (p) => {
    const target = editTarget(p);
    const markup = validateMarkup(p.reply_markup);
    if (target === true) return true;
    const newMarkup = markup && "inline_keyboard" in markup && (markup.inline_keyboard as unknown[]).length ? markup : undefined;
    if (sameJson(target.msg.reply_markup, newMarkup)) throw bad(NOT_MODIFIED);
    const msg: Json = { ...target.msg, edit_date: now() };
    delete msg.reply_markup;
    if (newMarkup) msg.reply_markup = newMarkup;
    target.msg = msg;
    return msg;
  });
  def("deleteMessage", (p) => {
    const chatId = parseChatId(p.chat_id);
    const m = findMessage(chatId, p.message_id);
    if (!m) throw bad("message to delete not found");
    m.deleted = true;
    return true;
  });
  def("deleteMessages", (p) => {
    const chatId = parseChatId(p.chat_id);
    if (!Array.isArray(p.message_ids)) throw bad("message identifiers are not specified");
    for (const id of p.message_ids as unknown[]) {
      const m = findMessage(chatId, id);
      if (m) m.deleted = true;
    }
    return true;
  });

  def("answerCallbackQuery", (p) => {
    const q = callbackQueries.get(String(p.callback_query_id ?? ""));
    if (!q || q.answered) throw bad(QUERY_INVALID);
    if (p.text !== undefined && String(p.text).length > 200) throw bad("MESSAGE_TOO_LONG");
    q.answered = true;
    q.answer = p;
    return true;
  });
  def("answerInlineQuery", (p) => {
    const q = inlineQueries.get(String(p.inline_query_id ?? ""));
    if (!q || q.answered) throw bad(QUERY_INVALID);
    if (!Array.isArray(p.results)) throw bad("can't parse inline query results JSON object");
    if (p.results.length > 50) throw bad("RESULTS_TOO_MUCH");
    const ids = new Set<string>();
    for (const r of p.results as Json[]) {
      if (typeof r?.type !== "string") throw bad('can\'t parse InlineQueryResult: Field "type" must be of type String');
      const id = String(r.id ?? "");
      if (id === "" || utf8Len(id) > 64) throw bad("RESULT_ID_INVALID");
      if (ids.has(id)) throw bad("RESULT_ID_DUPLICATE");
      ids.add(id);
      const content = r.input_message_content as Json | undefined;
      if (content && "message_text" in content) formatText(content.message_text, content.parse_mode, content.entities);
      validateMarkup(r.reply_markup);
    }
    q.answered = true;
    q.answer = p;
    return true;
  });
  def("sendChatAction", (p) => {
    parseChatId(p.chat_id);
    if (!CHAT_ACTIONS.has(String(p.action ?? ""))) throw bad("wrong parameter action in request");
    return true;
  });
  def("sendMessageDraft", (p) => {
    const chatId = parseChatId(p.chat_id);
    if (chatId <= 0) throw bad("TEXTDRAFT_PEER_INVALID");
    const draftId = Number(p.draft_id);
    if (!Number.isInteger(draftId) || draftId === 0) throw bad("TEXTDRAFT_ID_INVALID");
    formatText(p.text ?? "", p.parse_mode, p.entities, true);
    return true;
  });

  // ---------- recording ----------
  const notify = (call: TelegramCall) => {
    for (const w of [...waiters]) {
      if (w.method === call.method.toLowerCase() && !claimed.has(call) && (!w.predicate || w.predicate(call))) {
        if (call.ok !== undefined) claimed.add(call); // an in-flight long poll is not consumed
        waiters.delete(w);
        w.resolve(call);
      }
    }
  };
  const record = (call: TelegramCall) => {
    calls.push(call);
    notify(call);
  };

  /** Runs one API method; returns the HTTP status and body. Used by HTTP and webhook replies. */
  const invoke = async (rawMethod: string, payload: Json, onArrive?: (call: TelegramCall) => void): Promise<{ status: number; body: Json }> => {
    const entry = methods.get(rawMethod.toLowerCase());
    const call: TelegramCall = { method: entry?.name ?? rawMethod, payload, at: Date.now() };
    const fail = (e: TelegramErrorBody) => {
      call.ok = false;
      call.error = e;
      return { status: e.error_code, body: { ok: false, ...e } };
    };
    const injected = failures.get(rawMethod.toLowerCase());
    const inj = injected?.shift();
    if (inj && injected!.length === 0) failures.delete(rawMethod.toLowerCase());
    if (!entry || inj) {
      const res = !entry
        ? fail({ error_code: 404, description: "Not Found" })
        : fail({
            error_code: inj!.error_code,
            description: inj!.description ?? defaultDescription(inj!.error_code, inj!.retry_after),
            ...(inj!.retry_after !== undefined || inj!.migrate_to_chat_id !== undefined || inj!.error_code === 429
              ? {
                  parameters: {
                    ...(inj!.retry_after !== undefined || inj!.error_code === 429 ? { retry_after: inj!.retry_after ?? 1 } : {}),
                    ...(inj!.migrate_to_chat_id !== undefined ? { migrate_to_chat_id: inj!.migrate_to_chat_id } : {}),
                  },
                }
              : {}),
          });
      record(call);
      return res;
    }
    let out: unknown;
    let syncError: unknown;
    try {
      out = entry.fn(payload, call);
    } catch (e) {
      syncError = e;
    }
    const isAsync = out instanceof Promise;
    if (isAsync) {
      record(call);
      onArrive?.(call);
    }
    try {
      if (syncError) throw syncError;
      const result = await out;
      call.ok = true;
      call.result = result;
      if (!isAsync) record(call);
      else notify(call); // predicates may look at the result of a long poll
      return { status: 200, body: { ok: true, result } };
    } catch (e) {
      const res =
        e instanceof ApiError
          ? fail({ error_code: e.error_code, description: e.description, ...(e.parameters ? { parameters: e.parameters } : {}) })
          : fail({ error_code: 500, description: `Internal Server Error: ${(e as Error)?.message ?? e}` });
      if (!isAsync) record(call);
      else notify(call);
      return res;
    }
  };

  // ---------- HTTP ----------
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void handle(req, res, Buffer.concat(chunks)).catch((e: unknown) => {
        if (!res.headersSent) send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(e)}` });
      });
    });
  });
  const send = (res: http.ServerResponse, status: number, body: Json) => {
    if (res.writableEnded || res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const m = /^\/bot([^/]*)\/([A-Za-z0-9_]*)$/.exec(url.pathname);
    if (!m) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (decodeURIComponent(m[1]!) !== token) return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    let payload: Json;
    try {
      payload = parseParams(url.searchParams, req.headers["content-type"] ?? "", raw);
    } catch (e) {
      return send(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${(e as Error).message}` });
    }
    // A long poll that loses its client (bot.stop() aborts it) must not keep a poller.
    const { status, body } = await invoke(m[2]!, payload, (call) => {
      res.on("close", () => {
        if (!res.writableEnded && poller?.call === call) {
          poller.finish({ ok: true, result: [] });
        }
      });
    });
    send(res, status, body);
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  // ---------- public API ----------
  const fake: FakeTelegram = {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botUser,
    calls,
    callsOf: (method) => calls.filter((c) => c.method.toLowerCase() === method.toLowerCase()),
    clearCalls: () => {
      calls.length = 0;
      claimed.clear();
    },
    pushUpdate: (update) => pushUpdate(update),
    pendingUpdates: () => queue.map((u) => ({ ...u }) as Update),

    sendText(chatRef, fromRef, text, extra = {}) {
      const from = userFor(fromRef);
      const st = chatState(chatRef);
      if (st.chat.type === "private" && !st.chat.first_name) st.chat.first_name = from.first_name;
      const { reply_to_message: replyRef, ...rest } = extra;
      const msg: Json = {
        message_id: st.nextId,
        from,
        chat: st.chat,
        date: now(),
        ...rest,
        text,
      };
      const cmd = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?/.exec(text);
      if (cmd && !rest.entities) msg.entities = [{ type: "bot_command", offset: 0, length: cmd[0].length }];
      if (replyRef !== undefined) {
        msg.reply_to_message = typeof replyRef === "number" ? findMessage(st.chat.id as number, replyRef)?.msg : replyRef;
        if (!msg.reply_to_message) throw new Error(`sendText: no message ${String(replyRef)} in chat ${String(st.chat.id)} to reply to`);
      }
      storeMessage(st, msg, false);
      const update = { message: msg } as Json;
      if (opts.groupPrivacy && (st.chat.type === "group" || st.chat.type === "supergroup")) {
        const mention = botUser.username ? text.includes(`@${botUser.username}`) : false;
        const forOtherBot = cmd?.[1] !== undefined && cmd[1] !== `@${botUser.username}`;
        const replyToBot = (msg.reply_to_message as Json | undefined)?.from?.id === botUser.id;
        if (!((cmd && !forOtherBot) || mention || replyToBot)) return { ...update, update_id: 0 } as Update;
      }
      return pushUpdate(update);
    },

    pressButton(chatId, fromId, messageId, data) {
      const from = userFor(fromId);
      const st = chatState(chatId);
      const stored = findMessage(chatId, messageId);
      const id = BigInt(`0x${randomBytes(7).toString("hex")}`).toString();
      callbackQueries.set(id, { answered: false });
      return pushUpdate({
        callback_query: {
          id,
          from,
          message: stored ? stored.msg : { chat: st.chat, message_id: messageId, date: 0 },
          chat_instance: String(BigInt(chatId) * 7919n + 104729n),
          data,
        },
      });
    },

    inlineQuery(fromId, query, offset = "", chatType = "sender") {
      const from = userFor(fromId);
      const id = BigInt(`0x${randomBytes(7).toString("hex")}`).toString();
      inlineQueries.set(id, { answered: false });
      return pushUpdate({ inline_query: { id, from, query, offset, ...(chatType ? { chat_type: chatType } : {}) } });
    },

    waitFor(method, predicate, timeoutMs = WAIT_MS) {
      const lower = method.toLowerCase();
      const existing = calls.find((c) => c.method.toLowerCase() === lower && !claimed.has(c) && (!predicate || predicate(c)));
      if (existing) {
        if (existing.ok !== undefined) claimed.add(existing);
        return Promise.resolve(existing);
      }
      return new Promise<TelegramCall>((resolve, reject) => {
        const w: Waiter = {
          method: lower,
          ...(predicate ? { predicate } : {}),
          resolve: (c) => {
            clearTimeout(timer);
            timers.delete(timer);
            resolve(c);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          timers.delete(timer);
          const counts = new Map<string, number>();
          for (const c of calls) counts.set(c.method, (counts.get(c.method) ?? 0) + 1);
          const summary = [...counts].map(([k, v]) => (v > 1 ? `${k}×${v}` : k)).join(", ") || "(none)";
          reject(new Error(`fake Telegram: no ${predicate ? "matching " : ""}${method} call within ${timeoutMs} ms; recorded calls: ${summary}`));
        }, timeoutMs);
        timers.add(timer);
        waiters.add(w);
      });
    },

    failNext(method, error) {
      const key = method.toLowerCase();
      const list = failures.get(key) ?? [];
      for (let i = 0; i < (error.times ?? 1); i++) list.push(error);
      failures.set(key, list);
    },

    messagesIn(chatId) {
      const st = chats.get(chatId);
      if (!st) return [];
      return [...st.messages.values()].filter((m) => !m.deleted).map((m) => m.msg as Message);
    },

    webhook: () => (webhook ? { url: webhook.url, ...(webhook.secret_token ? { secret_token: webhook.secret_token } : {}) } : undefined),

    async deliverToWebhook(update) {
      if (!webhook) throw new Error("fake Telegram: deliverToWebhook needs setWebhook first");
      const u = { ...update, update_id: nextUpdateId++ };
      const r = await postUpdateToWebhook(webhook.url, u as Update, webhook.secret_token);
      // Telegram executes a method returned in the webhook response body.
      if (r.body && typeof r.body === "object" && typeof (r.body as Json).method === "string") {
        const { method, ...params } = r.body as Json;
        await invoke(String(method), params);
      }
      return r;
    },

    async close() {
      closed = true;
      poller?.finish({ ok: true, result: [] });
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return fake;
}

/** Parses Bot API parameters from the query string plus a JSON, urlencoded or multipart body. */
function parseParams(query: URLSearchParams, contentType: string, raw: Buffer): Json {
  const out: Json = {};
  const put = (k: string, v: unknown) => {
    if (typeof v === "string") {
      if (JSON_KEYS.has(k) && /^\s*[[{]/.test(v)) {
        try {
          v = JSON.parse(v);
        } catch {
          /* keep the string: the handler reports the error */
        }
      } else if (NUMBER_KEYS.has(k) && /^-?\d+$/.test(v)) v = Number(v);
      else if (BOOL_KEYS.has(k) && (v === "true" || v === "false")) v = v === "true";
    }
    out[k] = v;
  };
  for (const [k, v] of query) put(k, v);
  if (raw.length === 0) return out;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") {
    const parsed: unknown = JSON.parse(raw.toString("utf8"));
    if (parsed && typeof parsed === "object") Object.assign(out, parsed);
  } else if (type === "application/x-www-form-urlencoded") {
    for (const [k, v] of new URLSearchParams(raw.toString("utf8"))) put(k, v);
  } else if (type === "multipart/form-data") {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) throw new Error("multipart boundary is missing");
    const delim = Buffer.from(`--${boundary}`);
    let pos = raw.indexOf(delim);
    while (pos !== -1) {
      const start = pos + delim.length;
      if (raw.subarray(start, start + 2).toString() === "--") break;
      const next = raw.indexOf(delim, start);
      if (next === -1) break;
      let part = raw.subarray(start, next);
      if (part.subarray(0, 2).toString() === "\r\n") part = part.subarray(2);
      if (part.subarray(part.length - 2).toString() === "\r\n") part = part.subarray(0, part.length - 2);
      const sep = part.indexOf("\r\n\r\n");
      const head = part.subarray(0, sep === -1 ? 0 : sep).toString("utf8");
      const body = sep === -1 ? Buffer.alloc(0) : part.subarray(sep + 4);
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const filename = /filename="?([^";\r\n]*)"?/i.exec(head)?.[1];
      if (name !== undefined) {
        if (filename !== undefined) out[name] = { filename, size: body.length, data: Buffer.from(body) };
        else put(name, body.toString("utf8"));
      }
      pos = next;
    }
  } else {
    throw new Error(`unsupported content type ${type}`);
  }
  return out;
}

/**
 * POSTs an update to a bot's webhook endpoint the way Telegram does (JSON body,
 * X-Telegram-Bot-Api-Secret-Token header when `secret` is given).
 */
export async function postUpdateToWebhook(url: string, update: Update | Json, secret?: string): Promise<WebhookPostResult> {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret !== undefined ? { "x-telegram-bot-api-secret-token": secret } : {}),
    },
    body: JSON.stringify(update),
  });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get("content-type") ?? "").includes("json") && text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      /* keep raw text */
    }
  }
  return { status: res.status, body };
}

export type { Chat, Message, Update, User };
