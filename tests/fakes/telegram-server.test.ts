import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Bot, GrammyError, InlineKeyboard, webhookCallback } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import { parseTelegramHtml } from "./telegram-html.js";
import { postUpdateToWebhook, startFakeTelegram, type FakeTelegram } from "./telegram-server.js";

let fake: FakeTelegram | undefined;
let bot: Bot | undefined;
let polling: Promise<void> | undefined;
let webhookServer: http.Server | undefined;

afterEach(async () => {
  if (bot?.isRunning()) await bot.stop();
  await polling?.catch(() => undefined);
  if (webhookServer) await new Promise<void>((r) => webhookServer!.close(() => r()));
  await fake?.close();
  fake = bot = polling = webhookServer = undefined;
});

async function startBot(setup: (b: Bot) => void, opts: { retry?: boolean } = {}) {
  fake = await startFakeTelegram();
  bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  if (opts.retry) bot.api.config.use(autoRetry());
  setup(bot);
  polling = bot.start();
  await fake.waitFor("getUpdates");
  return { fake, bot };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

describe("fake Telegram with a real grammY bot (long polling)", () => {
  it("delivers a pushed text update and records the HTML reply as a realistic Message", async () => {
    const { fake, bot } = await startBot((b) => b.on("message:text", (ctx) => ctx.reply(`<b>问</b>：${esc(ctx.message.text)}`, { parse_mode: "HTML" })));
    const update = fake.sendText({ id: 42 }, { id: 42, first_name: "Ann" }, "预算 <2024> 是多少？");
    expect(update.update_id).toBeGreaterThan(0);

    const call = await fake.waitFor("sendMessage");
    expect(call.payload).toMatchObject({ chat_id: 42, parse_mode: "HTML", text: "<b>问</b>：预算 &lt;2024&gt; 是多少？" });
    expect(call.ok).toBe(true);
    expect(call.result).toMatchObject({
      message_id: 2, // the user's message was 1 in this private chat
      from: { id: fake.botUser.id, is_bot: true },
      chat: { id: 42, type: "private", first_name: "Ann" },
      text: "问：预算 <2024> 是多少？",
      entities: [{ type: "bold", offset: 0, length: 1 }],
    });
    expect(fake.messagesIn(42).map((m) => m.text)).toEqual(["预算 <2024> 是多少？", "问：预算 <2024> 是多少？"]);

    await bot.stop();
    await polling;
    // bot.stop() confirms the processed update through getUpdates' offset
    expect(fake.pendingUpdates()).toEqual([]);
    expect(fake.callsOf("getMe")).toHaveLength(1);
    expect(fake.callsOf("deleteWebhook")).toHaveLength(1);
  });

  it("sends commands with a bot_command entity and group chats", async () => {
    const { fake } = await startBot((b) => {
      b.command("ask", (ctx) => ctx.reply(`Q=${ctx.match} in ${ctx.chat.type}`));
    });
    fake.sendText({ id: -1001234567890 }, { id: 7, username: "bob" }, "/ask@minutes_qa_test_bot 预算");
    const call = await fake.waitFor("sendMessage");
    expect(call.payload.text).toBe("Q=预算 in supergroup");
    expect((call.result as { chat: { title: string } }).chat.title).toBe("Test group");
  });

  it("surfaces an injected 429 as a GrammyError carrying retry_after", async () => {
    const errors: unknown[] = [];
    const { fake } = await startBot((b) => {
      b.on("message:text", (ctx) => ctx.reply("hi"));
      b.catch((err) => void errors.push(err.error));
    });
    fake.failNext("sendMessage", { error_code: 429, retry_after: 1 });
    fake.sendText({ id: 5 }, { id: 5 }, "hello");
    const call = await fake.waitFor("sendMessage");
    expect(call.ok).toBe(false);
    await expect.poll(() => errors.length).toBe(1);
    const e = errors[0] as GrammyError;
    expect(e).toBeInstanceOf(GrammyError);
    expect(e.error_code).toBe(429);
    expect(e.description).toBe("Too Many Requests: retry after 1");
    expect(e.parameters.retry_after).toBe(1);
  });

  it("is retried by @grammyjs/auto-retry after retry_after seconds", async () => {
    const { fake } = await startBot((b) => b.on("message:text", (ctx) => ctx.reply("ok")), { retry: true });
    fake.failNext("sendMessage", { error_code: 429, retry_after: 1 });
    fake.sendText({ id: 5 }, { id: 5 }, "hello");
    const first = await fake.waitFor("sendMessage");
    const second = await fake.waitFor("sendMessage", (c) => c.ok === true);
    expect(first.ok).toBe(false);
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    expect(fake.callsOf("sendMessage")).toHaveLength(2);
  });

  it("rejects bad HTML, over-long text and oversized callback_data with 400 like Telegram", async () => {
    fake = await startFakeTelegram();
    const b = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    const rejected = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(GrammyError);
      return e as GrammyError;
    };

    let e = await rejected(b.api.sendMessage(1, "<div>x</div>", { parse_mode: "HTML" }));
    expect(e.error_code).toBe(400);
    expect(e.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "div" at byte offset 0');

    e = await rejected(b.api.sendMessage(1, "<b>unclosed", { parse_mode: "HTML" }));
    expect(e.description).toBe("Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"");

    e = await rejected(b.api.sendMessage(1, "a < b", { parse_mode: "HTML" }));
    expect(e.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2');

    // 4096 characters after entity parsing is fine, 4097 is not
    await b.api.sendMessage(1, `<b>${"&amp;".repeat(4096)}</b>`, { parse_mode: "HTML" });
    e = await rejected(b.api.sendMessage(1, "字".repeat(4097)));
    expect(e.description).toBe("Bad Request: message is too long");

    e = await rejected(b.api.sendMessage(1, "   "));
    expect(e.description).toBe("Bad Request: message text is empty");

    e = await rejected(b.api.sendMessage(1, "pick", { reply_markup: new InlineKeyboard().text("x", "d".repeat(65)) }));
    expect(e.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    // 64 bytes is the limit (a CJK character is 3 bytes)
    await b.api.sendMessage(1, "pick", { reply_markup: new InlineKeyboard().text("x", `${"页".repeat(21)}a`) });

    // supported tags, entities and expandable blockquotes pass
    const ok = await b.api.sendMessage(
      1,
      '<blockquote expandable>引用</blockquote><a href="https://example.org/?a=1&amp;b=2">链接</a> <tg-spoiler>s</tg-spoiler> <span class="tg-spoiler">t</span> <pre><code class="language-ts">x</code></pre> &quot;&#20013;&#x6587;&quot;',
      { parse_mode: "HTML" },
    );
    expect(ok.text).toBe('引用链接 s t x "中文"');
    expect(ok.entities?.map((x) => x.type)).toEqual(["expandable_blockquote", "text_link", "spoiler", "spoiler", "pre"]);
  });

  it("bot.stop() ends long polling and confirms the offset", async () => {
    const seen: string[] = [];
    const { fake, bot } = await startBot((b) => b.on("message:text", (ctx) => void seen.push(ctx.message.text)));
    fake.sendText({ id: 9 }, { id: 9 }, "one");
    await fake.waitFor("getUpdates", (c) => Array.isArray(c.result) && (c.result as unknown[]).length === 1);
    await expect.poll(() => seen).toEqual(["one"]); // stopping before grammY handled it would leave it pending, as on Telegram
    await bot.stop();
    await polling;
    expect(bot.isRunning()).toBe(false);
    const last = fake.calls[fake.calls.length - 1]!;
    expect(last.method).toBe("getUpdates");
    expect(last.payload).toMatchObject({ limit: 1 });
    expect(fake.pendingUpdates()).toHaveLength(0);
  });

  it("round-trips inline keyboards, callback queries and message edits", async () => {
    const { fake } = await startBot((b) => {
      b.command("menu", (ctx) => ctx.reply("选择：", { reply_markup: new InlineKeyboard().text("更多", "more:1") }));
      b.callbackQuery(/^more:/, async (ctx) => {
        await ctx.answerCallbackQuery({ text: "加载中" });
        await ctx.editMessageText("更多内容");
        await ctx.editMessageText("更多内容"); // Telegram refuses a no-op edit
      });
      b.catch(() => undefined);
    });
    fake.sendText({ id: 3 }, { id: 3 }, "/menu");
    const sent = await fake.waitFor("sendMessage");
    const msg = sent.result as { message_id: number; reply_markup: unknown };
    expect(msg.reply_markup).toEqual({ inline_keyboard: [[{ text: "更多", callback_data: "more:1" }]] });

    const press = fake.pressButton(3, 3, msg.message_id, "more:1");
    expect(press.callback_query?.message?.message_id).toBe(msg.message_id);
    const answer = await fake.waitFor("answerCallbackQuery");
    expect(answer.payload).toMatchObject({ callback_query_id: press.callback_query!.id, text: "加载中" });
    const edit = await fake.waitFor("editMessageText");
    expect(edit.result).toMatchObject({ text: "更多内容", edit_date: expect.any(Number) });
    expect(edit.result).not.toHaveProperty("reply_markup"); // an edit without reply_markup drops the keyboard
    const noop = await fake.waitFor("editMessageText");
    expect(noop.error?.description).toMatch(/^Bad Request: message is not modified/);
    expect(fake.messagesIn(3).at(-1)?.text).toBe("更多内容");
  });
});

describe("fake Telegram protocol details", () => {
  it("answers 401 for a wrong token and 404 for unknown methods", async () => {
    fake = await startFakeTelegram({ token: "42:right" });
    const wrong = new Bot("42:wrong", { client: { apiRoot: fake.apiRoot } });
    const e = (await wrong.api.getMe().catch((x: unknown) => x)) as GrammyError;
    expect(e).toBeInstanceOf(GrammyError);
    expect(e.error_code).toBe(401);
    expect(e.description).toBe("Unauthorized");

    const r = await fetch(`${fake.apiRoot}/bot${fake.token}/noSuchMethod`, { method: "POST" });
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });
    const me = (await (await fetch(`${fake.apiRoot}/bot${fake.token}/getme`)).json()) as { result: { id: number } };
    expect(me.result.id).toBe(42);
  });

  it("accepts urlencoded and query-string parameters", async () => {
    fake = await startFakeTelegram();
    const body = new URLSearchParams({
      chat_id: "77",
      text: "<i>x</i>",
      parse_mode: "HTML",
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "a", callback_data: "b" }]] }),
    });
    const r = (await (await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, { method: "POST", body })).json()) as {
      ok: boolean;
      result: { text: string; chat: { id: number } };
    };
    expect(r.ok).toBe(true);
    expect(r.result).toMatchObject({ text: "x", chat: { id: 77 } });
    expect(fake.callsOf("sendMessage")[0]!.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: "a", callback_data: "b" }]] });
    const q = await fetch(`${fake.apiRoot}/bot${fake.token}/sendChatAction?chat_id=77&action=typing`);
    expect(await q.json()).toEqual({ ok: true, result: true });
  });

  it("holds getUpdates until an update arrives, honours limit/offset and answers 409 to a superseded poll", async () => {
    fake = await startFakeTelegram();
    const api = (m: string, p: object) =>
      fetch(`${fake!.apiRoot}/bot${fake!.token}/${m}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(p),
      }).then((r) => r.json() as Promise<{ ok: boolean; result: Array<{ update_id: number }>; error_code?: number }>);

    const first = api("getUpdates", { timeout: 10 });
    await fake.waitFor("getUpdates");
    const second = api("getUpdates", { timeout: 10 });
    expect((await first).error_code).toBe(409);
    await fake.waitFor("getUpdates");
    const u1 = fake.sendText({ id: 1 }, { id: 1 }, "a");
    const u2 = fake.sendText({ id: 1 }, { id: 1 }, "b");
    const got = await second;
    expect(got.result.map((u) => u.update_id)).toEqual([u1.update_id]); // woken by the first update
    const batch = await api("getUpdates", { offset: 0, limit: 1 });
    expect(batch.result.map((u) => u.update_id)).toEqual([u1.update_id]);
    const next = await api("getUpdates", { offset: u1.update_id + 1 });
    expect(next.result.map((u) => u.update_id)).toEqual([u2.update_id]);
    expect(fake.pendingUpdates().map((u) => u.update_id)).toEqual([u2.update_id]);
    const t0 = Date.now();
    const empty = await api("getUpdates", { offset: u2.update_id + 1, timeout: 1 });
    expect(empty.result).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it("handles drafts, inline queries, commands and the menu button", async () => {
    fake = await startFakeTelegram();
    const b = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    expect(await b.api.sendMessageDraft(5, 1, "思考中…")).toBe(true);
    await expect(b.api.sendMessageDraft(-5, 1, "x")).rejects.toBeInstanceOf(GrammyError);
    await b.api.setMyCommands([{ command: "ask", description: "提问" }]);
    expect(await b.api.getMyCommands()).toEqual([{ command: "ask", description: "提问" }]);
    await expect(b.api.setMyCommands([{ command: "Bad-Cmd", description: "x" }])).rejects.toThrow("BOT_COMMAND_INVALID");
    expect(await b.api.setChatMenuButton({ menu_button: { type: "commands" } })).toBe(true);

    const q = fake.inlineQuery(8, "预算");
    const results = [{ type: "article" as const, id: "1", title: "t", input_message_content: { message_text: "<b>x</b>", parse_mode: "HTML" as const } }];
    expect(await b.api.answerInlineQuery(q.inline_query!.id, results)).toBe(true);
    await expect(b.api.answerInlineQuery(q.inline_query!.id, results)).rejects.toThrow("query is too old");
    expect(fake.callsOf("answerInlineQuery")).toHaveLength(2);
  });

  it("posts updates to a grammY webhook with the secret token and runs webhook replies", async () => {
    fake = await startFakeTelegram();
    const b = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    b.on("message:text", (ctx) => ctx.reply(`echo ${ctx.message.text}`));
    webhookServer = http.createServer(webhookCallback(b, "http", { secretToken: "s3cret" }));
    await new Promise<void>((r) => webhookServer!.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/hook`;
    await b.api.setWebhook(url, { secret_token: "s3cret" });
    expect((await b.api.getWebhookInfo()).url).toBe(url);

    const res = await fake.deliverToWebhook({
      message: { message_id: 1, date: 0, chat: { id: 11, type: "private", first_name: "A" }, from: { id: 11, is_bot: false, first_name: "A" }, text: "hi" },
    });
    expect(res.status).toBe(200);
    const reply = await fake.waitFor("sendMessage");
    expect(reply.payload).toMatchObject({ chat_id: 11, text: "echo hi" });

    const denied = await postUpdateToWebhook(url, { update_id: 1 }, "wrong");
    expect(denied.status).toBe(401);
  });
});

describe("parseTelegramHtml (tdlib rules)", () => {
  it.each([
    ["🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"],
    ["🏟 🏟&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'],
    ["🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'],
    ["🏟 🏟&lt;</", "Unexpected end tag at byte offset 13"],
    ["🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"],
    ["🏟 🏟&lt;<i>a</em   >", 'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"'],
    ["<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ["&#57311;", "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units"],
  ])("rejects %s", (html, error) => {
    expect(parseTelegramHtml(html)).toEqual({ ok: false, error });
  });

  it("decodes entities and computes UTF-16 offsets", () => {
    expect(parseTelegramHtml("&ge;&lt;&gt;&amp;&quot;&laquo;&#12345678;")).toEqual({
      ok: true,
      text: '&ge;<>&"&laquo;&#12345678;',
      entities: [],
    });
    expect(parseTelegramHtml("🏟 🏟<i>🏟 &lt🏟</i>")).toEqual({
      ok: true,
      text: "🏟 🏟🏟 <🏟",
      entities: [{ type: "italic", offset: 5, length: 6 }],
    });
  });
});
