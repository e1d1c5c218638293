import { describe, expect, it } from "vitest";
import type { Answer, Citation } from "../../src/answer/types.js";
import { CALLBACK_DATA_MAX_BYTES, encodeCallback, hashRef, minutesRef, parseCallback } from "../../src/bot/callback-data.js";
import { addressesBot, stripMention } from "../../src/bot/features/ask.js";
import { parseItemArg } from "../../src/bot/features/browse.js";
import { escapeHtml, renderAnswer, renderBlocks, para, inlineMessage, TELEGRAM_TEXT_LIMIT } from "../../src/bot/html.js";
import { parseTelegramHtml, trimFormatted } from "../fakes/telegram-html.js";

function citation(n: number, quote: string, over: Partial<Citation> = {}): Citation {
  return {
    n,
    minutesId: "f58a6a-2022-001",
    title: "太仓市人民政府常务会议纪要",
    number: 1,
    meetingDate: "2022-01-21",
    item: { ordinal: 7, label: "七", title: "审议《太仓市“十四五”交通运输发展规划》" },
    section: "会议强调",
    sectionKind: "emphasis",
    pointLabel: `（${n}）`,
    quote,
    start: n * 10,
    end: n * 10 + quote.length,
    score: 1,
    visibility: "public",
    record: { issuer: "太仓市人民政府", body: null, term: null, kind: null, session: 1, name: "市政府第1次常务会议", shape: null, ocr: false },
    reference: `《太仓市人民政府常务会议纪要》（第1号，2022年1月21日）：“${quote}”`,
    ...over,
  };
}

function answer(text: string, citations: Citation[], over: Partial<Answer> = {}): Answer {
  return { question: "q", mode: "extractive", intent: "emphasis", found: true, answer: text, citations, focus: null, ...over };
}

/** What Telegram would show: parsed, trimmed text. Fails on any parse error. */
function visible(html: string): string {
  const r = parseTelegramHtml(html);
  if (!r.ok) throw new Error(`${r.error}\n${html.slice(0, 300)}`);
  return trimFormatted(r.text, r.entities).text;
}

describe("escapeHtml / renderAnswer", () => {
  it("escapes every dynamic string so Telegram shows it literally", () => {
    expect(escapeHtml(`<b>&"x"</b>`)).toBe("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;");
    const a = answer("问 <b>& 答 [1]", [citation(1, "引文 <i>&amp; 原样")]);
    a.notice = "注意 <tag>";
    const [html] = renderAnswer(a);
    const text = visible(html);
    expect(text).toContain("问 <b>& 答 [1]");
    expect(text).toContain("引文 <i>&amp; 原样");
    expect(text).toContain("注意 <tag>");
  });

  it("renders numbered sources with the minutes, date, item and section, and quotes in expandable blockquotes", () => {
    const [html] = renderAnswer(answer("答案[1][2]", [citation(1, "第一段"), citation(2, "第二段")]));
    expect(html).toContain("<blockquote expandable>第一段</blockquote>");
    const r = parseTelegramHtml(html);
    expect(r.ok && r.entities.filter((e) => e.type === "expandable_blockquote").length).toBe(2);
    const text = visible(html);
    expect(text).toContain("[1] 太仓市人民政府常务会议纪要第1号 · 2022年1月21日 · 七、审议《太仓市“十四五”交通运输发展规划》 · 会议强调（1）");
    expect(text).toContain("来源");
  });

  it("splits a long answer at paragraph boundaries, every message under 4096 after parsing, nothing lost", () => {
    const para = (i: number) => `（${i}）${"要加快推进<重点>项目&建设，".repeat(12)}确保落地。`;
    const cites = Array.from({ length: 25 }, (_, i) => citation(i + 1, para(i + 1)));
    const a = answer(cites.map((c) => `${c.quote}[${c.n}]`).join("\n"), cites);
    const chunks = renderAnswer(a);
    expect(chunks.length).toBeGreaterThan(2);
    const texts = chunks.map(visible);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    const all = texts.join("\n");
    for (const c of cites) {
      expect(all).toContain(`${c.quote}[${c.n}]`);
      expect(all.split(c.quote).length - 1).toBe(2); // in the answer and in its source quote
    }
    // A source line stays with its quote.
    for (const t of texts) if (/\[\d+\] 太仓/.test(t.trimEnd().split("\n").pop() ?? "")) throw new Error("a source line was separated from its quote");
  });

  it("splits a single paragraph longer than a message inside, at sentence ends", () => {
    const long = "这是一个很长的句子，包含<符号>&。".repeat(400);
    const chunks = renderBlocks([para("标题", "b"), para(long, undefined, { quote: true })]);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(visible(c).length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(chunks.map(visible).join("").replace(/\s/g, "")).toBe(`标题${long}`.replace(/\s/g, ""));
  });

  it("keeps inline messages under the limit", () => {
    const h = { ...citation(1, "长".repeat(5000)) } as Omit<Citation, "n"> & { n?: number };
    const text = visible(inlineMessage(h));
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
  });
});

describe("callback data", () => {
  it("round-trips every action within 64 bytes", () => {
    const actions = [
      { kind: "src", ref: "f58a6a-2022-001", ordinal: 21, page: 12, edit: false },
      { kind: "src", ref: hashRef("某个非常长的纪要编号".repeat(10)), ordinal: 1, page: 0, edit: true },
      { kind: "more", key: "abcd1234", offset: 35 },
      { kind: "fb", key: "abcd1234", vote: "down" },
      { kind: "ex", index: 2 },
      { kind: "noop" },
    ] as const;
    for (const a of actions) {
      const data = encodeCallback(a);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      expect(parseCallback(data)).toEqual(a);
    }
    expect(minutesRef("x".repeat(80)).startsWith("#")).toBe(true);
  });

  it("rejects malformed or oversized data", () => {
    for (const bad of ["", "src|a|0|0", "src|a|1", "src|../x|1|0", "more|k|1", "fb|abcd1234|x", "ex|99", "zzz", `src|${"a".repeat(70)}|1|0`, "src|a|1|-1"]) {
      expect(parseCallback(bad)).toBeNull();
    }
  });
});

describe("small parsers", () => {
  it("parses /item arguments", () => {
    expect(parseItemArg("1.7")).toEqual({ number: 1, ordinal: 7 });
    expect(parseItemArg(" 第1号 7 ")).toEqual({ number: 1, ordinal: 7 });
    expect(parseItemArg("1-7")).toEqual({ number: 1, ordinal: 7 });
    expect(parseItemArg("abc")).toBeNull();
  });

  it("detects messages addressed to the bot in groups", () => {
    const me = { id: 42, username: "minutes_bot" };
    expect(addressesBot({ text: "@minutes_bot 交通规划强调了什么" }, me)).toBe(true);
    expect(addressesBot({ text: "@Minutes_Bot 问题" }, me)).toBe(true);
    expect(addressesBot({ text: "@minutes_bot2 问题" }, me)).toBe(false);
    expect(addressesBot({ text: "随便聊聊" }, me)).toBe(false);
    expect(addressesBot({ text: "追问", reply_to_message: { from: { id: 42 } } }, me)).toBe(true);
    expect(stripMention("@minutes_bot 交通规划 强调了什么", "minutes_bot")).toBe("交通规划 强调了什么");
  });
});
