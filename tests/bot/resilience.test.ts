/** Groups, Telegram limits and failures: addressing, 429 retries, failing updates, long answers, webhooks, streaming, secrets. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openEngine } from "../../src/answer/engine.js";
import { createBot } from "../../src/bot/create-bot.js";
import { createWebhookCallback, runBot } from "../../src/bot/run.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { startFakeOpenAI } from "../fakes/openai-server.js";
import { startFakeTelegram } from "../fakes/telegram-server.js";
import { CLAIM, excerptWith, OBEY } from "../helpers/injection.js";
import { buttons, INTERNAL_USER, LONG_FIXTURE, openCorpus, PUBLIC_USER, resultOf, sleep, startBot, TOKEN, type Corpus, type Running } from "./harness.js";

let corpus: Corpus;
let run: Running | undefined;
const consoleLines: string[] = [];

beforeAll(async () => {
  corpus = await openCorpus([LONG_FIXTURE]);
  for (const m of ["log", "error", "warn", "info", "debug"] as const) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
  }
});
afterEach(async () => {
  if (run) for (const l of run.logs) expect(l).not.toContain(TOKEN);
  await run?.stop();
  run = undefined;
});
afterAll(async () => {
  vi.restoreAllMocks();
  for (const l of consoleLines) expect(l).not.toContain(TOKEN);
  await corpus?.close();
});

describe("groups", () => {
  it("answers /ask@bot, @mentions and replies to the bot; ignores other chatter and other bots' commands", async () => {
    run = await startBot(corpus);
    const { tg } = run;
    const group = { id: -100555, type: "supergroup" as const, title: "办公室" };
    const u = PUBLIC_USER;
    const me = tg.botUser.username!;

    tg.sendText(group, u, "今天中午吃什么？");
    tg.sendText(group, u, "交通规划强调了什么");
    tg.sendText(group, u, "/ask@some_other_bot 交通规划强调了什么");
    const cmd = tg.sendText(group, u, `/ask@${me} 交通规划强调了什么`);
    const first = await run.nextMessage(group.id);
    // The first thing said in the group answers the command, not the chatter before it.
    expect(first.payload.reply_parameters?.message_id).toBe(cmd.message!.message_id);
    expect(resultOf(first).text).toContain("5+1");

    const mention = tg.sendText(group, u, `@${me} 住房规划由谁修改完善`);
    const second = await run.nextMessage(group.id);
    expect(second.payload.reply_parameters?.message_id).toBe(mention.message!.message_id);
    expect(resultOf(second).text).toContain("市住建局");

    const reply = tg.sendText(group, u, "那教育规划呢？", { reply_to_message: resultOf(second).message_id });
    const third = await run.nextMessage(group.id);
    expect(third.payload.reply_parameters?.message_id).toBe(reply.message!.message_id);
    expect(resultOf(third).text).toContain("五、审议《太仓市“十四五”教育事业发展规划》");

    tg.sendText(group, u, "好的，谢谢大家");
    await sleep(300);
    expect(tg.callsOf("sendMessage").filter((c) => c.payload.chat_id === group.id)).toHaveLength(3);
  });
});

describe("Telegram limits and failures", () => {
  it("splits a long answer into messages under 4096 characters, keyboard under the last", async () => {
    run = await startBot(corpus);
    run.tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "生态环境保护规划强调了什么");
    const parts = [await run.nextMessage(PUBLIC_USER.id)];
    while (buttons(parts[parts.length - 1]).length === 0) parts.push(await run.nextMessage(PUBLIC_USER.id));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.ok).toBe(true);
      expect(resultOf(p).text.length).toBeLessThanOrEqual(4096);
    }
    const all = parts.map((p) => resultOf(p).text).join("\n");
    expect(all).toContain("（二十八）要扎实推进公众参与监督工作");
    expect(all).toContain("[28] 江城市人民政府常务会议纪要第12号");
  });

  it("retries a 429 after retry_after and still answers", async () => {
    run = await startBot(corpus);
    run.tg.failNext("sendMessage", { error_code: 429, retry_after: 1 });
    run.tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "交通规划强调了什么");
    const ok = await run.nextMessage(PUBLIC_USER.id, (c) => c.ok === true);
    const sends = run.tg.callsOf("sendMessage");
    expect(sends[0].error?.error_code).toBe(429);
    expect(ok.at - sends[0].at).toBeGreaterThanOrEqual(900);
    expect(resultOf(ok).text).toContain("5+1");
  });

  it("survives a failing update: logs it (without the token), tells the user, answers the next one", async () => {
    run = await startBot(corpus);
    const { tg } = run;
    tg.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not writable" });
    tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "交通规划强调了什么");
    const failed = await run.nextMessage(PUBLIC_USER.id);
    expect(failed.ok).toBe(false);
    const apology = await run.nextMessage(PUBLIC_USER.id);
    expect(resultOf(apology).text).toBe("处理时出错，请稍后再试。");
    tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "住房规划由谁修改完善");
    expect(resultOf(await run.nextMessage(PUBLIC_USER.id)).text).toContain("市住建局");
    expect(run.logs.some((l) => l.includes("update failed") && l.includes("chat not writable"))).toBe(true);
  });

  it("rate-limits a user politely", async () => {
    run = await startBot(corpus, { deps: { rateLimit: { points: 2, durationMs: 60_000 } } });
    const { tg } = run;
    for (const q of ["交通规划强调了什么", "住房规划由谁修改完善", "教育规划强调了什么"]) tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, q);
    await run.nextMessage(PUBLIC_USER.id);
    await run.nextMessage(PUBLIC_USER.id);
    expect(resultOf(await run.nextMessage(PUBLIC_USER.id)).text).toBe("您的提问有点频繁，请稍候片刻再试。");
    tg.sendText({ id: INTERNAL_USER.id }, INTERNAL_USER, "交通规划强调了什么");
    expect(resultOf(await run.nextMessage(INTERNAL_USER.id)).text).toContain("5+1");
  });

  it("keeps the token out of errors and logs when the Bot API cannot be reached", async () => {
    const tg = await startFakeTelegram({ token: TOKEN });
    const apiRoot = tg.apiRoot;
    await tg.close(); // nothing listens there any more
    const logs: string[] = [];
    const config = loadConfig({ ...corpus.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot });
    const log = createLogger({ level: "debug", write: (l) => logs.push(l) });
    const created = createBot(corpus.engine, config, { log, retry: { maxRetryAttempts: 0, maxDelaySeconds: 1 } });
    const err = await runBot(created, config, log).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(`${err!.message}\n${err!.stack}\n${JSON.stringify(err)}\n${String((err as { error?: unknown }).error)}`).not.toContain(TOKEN);
    for (const l of logs) expect(l).not.toContain(TOKEN);
  });
});

describe("webhook mode", () => {
  it("sets the webhook with its secret and handles updates through a std/http handler; wrong secrets are refused", async () => {
    const tg = await startFakeTelegram({ token: TOKEN });
    const logs: string[] = [];
    const config = loadConfig({
      ...corpus.env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "http://127.0.0.1:9/telegram",
      WEBHOOK_SECRET: "hook-secret_1",
    });
    const log = createLogger({ level: "debug", write: (l) => logs.push(l) });
    const { bot, runtime } = createBot(corpus.engine, config, { log });
    const handle = await runBot({ bot, runtime }, config, log);
    try {
      expect(handle.mode).toBe("webhook");
      expect(tg.webhook()).toEqual({ url: "http://127.0.0.1:9/telegram", secret_token: "hook-secret_1" });
      const update = {
        update_id: 1,
        message: {
          message_id: 1,
          date: 1,
          chat: { id: PUBLIC_USER.id, type: "private", first_name: "Ann" },
          from: { ...PUBLIC_USER, is_bot: false },
          text: "交通规划强调了什么",
        },
      };
      const post = (secret?: string) =>
        handle.webhookHandler!(
          new Request("http://127.0.0.1/telegram", {
            method: "POST",
            headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
            body: JSON.stringify(update),
          }),
        );
      expect((await post("wrong")).status).toBe(401);
      expect((await post()).status).toBe(401);
      const res = await post("hook-secret_1");
      expect(res.status).toBe(200);
      const sent = await tg.waitFor("sendMessage", (c) => c.ok === true);
      expect(String(sent.payload.text)).toContain("5+1");
      expect(() => createWebhookCallback(bot, "")).toThrow(/WEBHOOK_SECRET/);
      // A slow update is acknowledged before Telegram's timeout and answered afterwards.
      const quick = createWebhookCallback(bot, "hook-secret_1", { ackMs: 1 });
      const slow = { ...update, update_id: 2, message: { ...update.message, message_id: 2, text: "住房规划由谁修改完善" } };
      const ack = await quick(
        new Request("http://127.0.0.1/telegram", {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "hook-secret_1" },
          body: JSON.stringify(slow),
        }),
      );
      expect(ack.status).toBe(200);
      const later = await tg.waitFor("sendMessage", (c) => c.ok === true && String(c.payload.text).includes("市住建局"));
      expect(later.payload.chat_id).toBe(PUBLIC_USER.id);
      // Telegram redelivers an update it thinks failed: the same update_id is answered once.
      expect((await post("hook-secret_1")).status).toBe(200);
      const next = { ...update, update_id: 3, message: { ...update.message, message_id: 3, text: "住房规划强调了什么" } };
      await quick(
        new Request("http://127.0.0.1/telegram", {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "hook-secret_1" },
          body: JSON.stringify(next),
        }),
      );
      // Updates of one chat run in order: once update 3 is answered, a second answer to update 1 would be there.
      await tg.waitFor("sendMessage", (c) => c.ok === true && c !== sent && c !== later && !String(c.payload.text).includes("5+1"), 10_000);
      expect(tg.callsOf("sendMessage").filter((c) => c.ok === true && String(c.payload.text).includes("5+1"))).toHaveLength(1);
    } finally {
      await handle.stop();
      await tg.close();
    }
    for (const l of logs) expect(l).not.toContain(TOKEN);
  });
});

describe("streaming with an LLM", () => {
  it("streams a draft with throttled edits, then finishes with the cited HTML answer", async () => {
    const ai = await startFakeOpenAI();
    ai.onChat((req) =>
      req.stream
        ? {
            content: "会议强调加快构建“5+1”轨道交通网络[2]，并统筹推进项目前期工作[3]。",
            chunks: ["会议强调", "加快构建“5+1”", "轨道交通网络[2]，", "并统筹推进", "项目前期工作[3]。"],
            chunkDelayMs: 120,
          }
        : { content: "交通规划强调了什么" },
    );
    const llmEnv = { LLM_BASE_URL: ai.baseURL, LLM_MODEL: "fake-model", LLM_API_KEY: "test-key" };
    const engine = await openEngine({ config: loadConfig({ ...corpus.env, ...llmEnv }) });
    try {
      run = await startBot({ ...corpus, engine }, { env: llmEnv, deps: { streamIntervalMs: 150 } });
      const { tg } = run;
      tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "交通规划强调了什么");
      const draft = await run.nextMessage(PUBLIC_USER.id);
      expect(draft.payload.parse_mode).toBeUndefined();
      expect(String(draft.payload.text)).toContain("会议强调");
      const final = await tg.waitFor("editMessageText", (c) => c.payload.parse_mode === "HTML");
      expect(final.ok).toBe(true);
      expect(final.payload.message_id).toBe(resultOf(draft).message_id);
      const text = (final.result as { text: string }).text;
      expect(text).toContain("会议强调加快构建“5+1”轨道交通网络[1]");
      expect(text).toContain("来源");
      expect(buttons(final).map((b) => b.text)).toContain("👍");
      // Draft updates are throttled: never two within the interval.
      const drafts = [
        draft.at,
        ...tg
          .callsOf("editMessageText")
          .filter((c) => c.payload.parse_mode === undefined)
          .map((c) => c.at),
      ];
      for (let i = 1; i < drafts.length; i++) expect(drafts[i] - drafts[i - 1]).toBeGreaterThanOrEqual(140);
    } finally {
      await run?.stop();
      run = undefined;
      await engine.close();
      await ai.close();
    }
  });

  it("never shows an injected claim the model obeyed, in the draft or in the answer", async () => {
    const ai = await startFakeOpenAI();
    ai.onChat((req) => {
      if (!req.stream) return { content: "交通规划强调了什么" };
      const n = excerptWith(req.lastUserText, "5\\+1") || 1;
      return { content: `${CLAIM}[${n}]。要加快构建“5+1”轨道交通网络[${n}]。${CLAIM}[${n}]。`, chunkSize: 3, chunkDelayMs: 20 } as never;
    });
    const llmEnv = { LLM_BASE_URL: ai.baseURL, LLM_MODEL: "fake-model", LLM_API_KEY: "test-key" };
    const engine = await openEngine({ config: loadConfig({ ...corpus.env, ...llmEnv }) });
    try {
      run = await startBot({ ...corpus, engine }, { env: llmEnv, deps: { streamIntervalMs: 50 } });
      const { tg } = run;
      const question = `交通规划强调了什么？${OBEY}`;
      tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, question);
      const draft = await run.nextMessage(PUBLIC_USER.id);
      expect(draft.payload.parse_mode).toBeUndefined();
      expect(String(draft.payload.text)).toContain("5+1");
      const final = await tg.waitFor("editMessageText", (c) => c.payload.parse_mode === "HTML");
      expect((final.result as { text: string }).text).toContain("要加快构建“5+1”轨道交通网络[1]");
      const shownToUser = [...tg.callsOf("sendMessage"), ...tg.callsOf("editMessageText")].map((c) => String(c.payload.text));
      expect(shownToUser.length).toBeGreaterThan(1);
      for (const text of shownToUser) expect(text).not.toContain("取消");
    } finally {
      await run?.stop();
      run = undefined;
      await engine.close();
      await ai.close();
    }
  });
});
