/**
 * Access control for internal minutes (tests/fixtures/minutes/internal-standing-2023-02.txt,
 * 枫林市 〔2023〕4号): a user outside ALLOWED_USER_IDS must never see its text —
 * not through questions, /search, /meeting, /item, inline mode, 更多 or forged callbacks.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { encodeCallback, hashRef } from "../../src/bot/callback-data.js";
import type { TelegramCall } from "../fakes/telegram-server.js";
import { buttons, INTERNAL_USER, openCorpus, PUBLIC_USER, resultOf, startBot, type Corpus, type Running } from "./harness.js";

let corpus: Corpus;
let run: Running | undefined;
let internalId: string;

/** Strings that only occur in the internal document. */
const SECRET_MARKERS = ["枫林", "燃气管网", "可燃气体报警", "赵立群", "防汛抗旱"];
const leaks = (s: string) => SECRET_MARKERS.filter((m) => s.includes(m));

beforeAll(async () => {
  corpus = await openCorpus();
  internalId = corpus.engine.listMinutes({ internal: true }).find((m) => m.visibility === "internal")!.id;
});
afterEach(async () => {
  await run?.stop();
  run = undefined;
});
afterAll(async () => {
  await corpus?.close();
});

/** Everything the bot sent anywhere: message texts, inline results, callback answers. */
function everythingSent(calls: TelegramCall[]): string {
  return calls
    .filter((c) => c.method !== "getUpdates" && c.method !== "getMe")
    .map((c) => JSON.stringify(c.payload))
    .join("\n");
}

describe("a user outside the allow-list", () => {
  it("cannot reach the internal minutes by question, /search, /meeting, /item, /meetings, inline or forged callbacks", async () => {
    run = await startBot(corpus);
    const { tg } = run;
    const u = PUBLIC_USER;
    const chat = { id: u.id };
    const ask = async (text: string) => {
      tg.sendText(chat, u, text);
      return run!.nextMessage(u.id);
    };

    const q = resultOf(await ask("城镇燃气安全专项整治强调了什么"));
    expect(leaks(q.text)).toEqual([]);
    expect(q.text).toMatch(/未找到/);
    expect(leaks(resultOf(await ask("/search 燃气 报警装置")).text)).toEqual([]);
    expect(resultOf(await ask("/meeting 4")).text).toContain("未找到第4号纪要");
    expect(resultOf(await ask("/item 4.4")).text).toContain("未找到该议题");
    const meetings = resultOf(await ask("/meetings")).text;
    expect(meetings).toContain("共 1 份纪要");
    expect(leaks(meetings)).toEqual([]);
    expect(resultOf(await ask("/about")).text).toContain("收录 1 份会议纪要");

    // Inline mode.
    tg.inlineQuery(u.id, "燃气安全");
    const inline = await tg.waitFor("answerInlineQuery");
    expect(inline.ok).toBe(true);
    expect(leaks(JSON.stringify(inline.payload.results))).toEqual([]);
    expect(inline.payload.is_personal).toBe(false);

    // Forged callbacks naming the internal item (plain id, hashed ref, pagination).
    const anchor = await ask("交通规划强调了什么");
    for (const data of [
      encodeCallback({ kind: "src", ref: internalId, ordinal: 4, page: 0, edit: false }),
      encodeCallback({ kind: "src", ref: hashRef(internalId), ordinal: 1, page: 0, edit: false }),
      encodeCallback({ kind: "src", ref: internalId, ordinal: 2, page: 1, edit: true }),
      `src|${internalId}|4|0|x`,
    ]) {
      tg.pressButton(u.id, u.id, resultOf(anchor).message_id, data);
      const ack = await tg.waitFor("answerCallbackQuery");
      expect(ack.payload.text).toMatch(/无权查看|按钮已失效/);
    }
    // A forged 更多 key from nowhere.
    tg.pressButton(u.id, u.id, resultOf(anchor).message_id, encodeCallback({ kind: "more", key: "forged12", offset: 0 }));
    expect((await tg.waitFor("answerCallbackQuery")).payload.text).toContain("已失效");

    expect(leaks(everythingSent(tg.calls))).toEqual([]);
  });

  it("gets public-only answers in a group even when the asker is allow-listed (everyone there reads the reply)", async () => {
    run = await startBot(corpus);
    const group = { id: -100777, type: "supergroup" as const, title: "工作群" };
    run.tg.sendText(group, INTERNAL_USER, "/ask 城镇燃气安全专项整治强调了什么");
    const reply = await run.nextMessage(group.id);
    expect(leaks(resultOf(reply).text)).toEqual([]);
  });
});

describe("an allow-listed user", () => {
  it("sees the internal minutes in a private chat, through questions, /item, 原文, /meetings and personal inline results", async () => {
    run = await startBot(corpus);
    const { tg } = run;
    const u = INTERNAL_USER;
    const chat = { id: u.id };
    tg.sendText(chat, u, "城镇燃气安全专项整治强调了什么");
    const answer = await run.nextMessage(u.id);
    expect(resultOf(answer).text).toContain("枫林市人民政府常务会议纪要第4号");
    expect(resultOf(answer).text).toContain("燃气管网");

    const src = buttons(answer).find((b) => b.text === "原文")!;
    tg.pressButton(u.id, u.id, resultOf(answer).message_id, src.callback_data);
    expect(resultOf(await run.nextMessage(u.id)).text).toContain("四、研究城镇燃气安全专项整治工作");

    tg.sendText(chat, u, "/item 4.2");
    expect(resultOf(await run.nextMessage(u.id)).text).toContain("防汛抗旱");
    tg.sendText(chat, u, "/meetings");
    expect(resultOf(await run.nextMessage(u.id)).text).toContain("共 2 份纪要");

    tg.inlineQuery(u.id, "燃气 报警装置");
    const inline = await tg.waitFor("answerInlineQuery");
    expect(inline.ok).toBe(true);
    expect(inline.payload.is_personal).toBe(true);
    expect(inline.payload.cache_time).toBeLessThanOrEqual(30);
    const results = inline.payload.results as { type: string; title: string; input_message_content: { message_text: string; parse_mode: string } }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(10);
    expect(results[0].type).toBe("article");
    expect(results.some((r) => r.title.includes("枫林"))).toBe(true);
    expect(results[0].input_message_content.parse_mode).toBe("HTML");
  });

  it("gets no internal excerpt inline where others would read the quote: group, supergroup, channel, private chat with someone else, or no chat type", async () => {
    run = await startBot(corpus);
    const { tg } = run;
    for (const chatType of ["group", "supergroup", "channel", "private", null] as const) {
      tg.inlineQuery(INTERNAL_USER.id, "燃气 报警装置", "", chatType);
      const inline = await tg.waitFor("answerInlineQuery");
      expect(inline.ok).toBe(true);
      expect(leaks(JSON.stringify(inline.payload.results)), String(chatType)).toEqual([]);
    }
  });
});

describe("inline mode for everyone", () => {
  it("answers with up to 10 cited excerpts as articles", async () => {
    run = await startBot(corpus);
    run.tg.inlineQuery(PUBLIC_USER.id, "轨道交通");
    const inline = await run.tg.waitFor("answerInlineQuery");
    expect(inline.ok).toBe(true);
    const results = inline.payload.results as { id: string; title: string; description: string; input_message_content: { message_text: string } }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(10);
    expect(results[0].title).toContain("太仓市人民政府常务会议纪要第1号");
    expect(results.some((r) => r.input_message_content.message_text.includes("5+1"))).toBe(true);
    for (const r of results) expect(Buffer.byteLength(r.id)).toBeLessThanOrEqual(64);
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
  });
});

describe("allow-listed chats and a closed bot", () => {
  it("shows internal minutes to everyone in an ALLOWED_CHAT_IDS group", async () => {
    const group = { id: -100888, type: "supergroup" as const, title: "办公室" };
    run = await startBot(corpus, { env: { ALLOWED_CHAT_IDS: String(group.id) } });
    run.tg.sendText(group, PUBLIC_USER, "/ask 城镇燃气安全专项整治强调了什么");
    const reply = await run.nextMessage(group.id);
    expect(leaks(resultOf(reply).text).length).toBeGreaterThan(0);
  });

  it("BOT_PUBLIC=false refuses users outside the allow-lists with a clear message, and serves allowed ones", async () => {
    run = await startBot(corpus, { env: { BOT_PUBLIC: "false" } });
    run.tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "交通规划强调了什么");
    const refused = await run.nextMessage(PUBLIC_USER.id);
    expect(resultOf(refused).text).toContain("仅对授权用户开放");
    run.tg.inlineQuery(PUBLIC_USER.id, "交通");
    const inline = await run.tg.waitFor("answerInlineQuery");
    expect(inline.payload.results).toEqual([]);
    run.tg.sendText({ id: INTERNAL_USER.id }, INTERNAL_USER, "交通规划强调了什么");
    const served = await run.nextMessage(INTERNAL_USER.id);
    expect(resultOf(served).text).toContain("5+1");
  });
});
