import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { converse } from "../../src/chat/conversation.js";
import type { IncomingMessage } from "../../src/chat/message.js";
import { conversationDeps } from "../../src/chat/respond.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { openCorpus, type Corpus } from "../bot/harness.js";

let corpus: Corpus;
beforeAll(async () => {
  corpus = await openCorpus();
});
afterAll(async () => {
  await corpus?.close();
});

describe("converse (Feishu, DingTalk, WeCom)", () => {
  const rules = { allowedUsers: new Set<string>(), allowedChats: new Set<string>(), public: true };
  const msg = (eventId: string, text: string): IncomingMessage => ({
    platform: "feishu",
    eventId,
    chatId: "c-1",
    userId: "u-1",
    chatType: "private",
    text,
    mentioned: false,
    replyToBot: false,
  });

  it("ignores a message of invisible characters only, and answers the same question with them inside", async () => {
    const log = createLogger({ level: "error", write: () => undefined });
    const deps = conversationDeps("feishu", { engine: corpus.engine, config: loadConfig(corpus.env), log }, log);
    expect(await converse(msg("1", "\u200b\u2060\ufeff \u200c"), rules, deps)).toEqual({ kind: "ignored", reason: "empty" });
    const answered = await converse(msg("2", "交通\u200b规划强调了什么"), rules, deps);
    expect(answered.kind).toBe("answer");
    if (answered.kind === "answer") expect(answered.answer.answer).toContain("5+1");
  });
});
