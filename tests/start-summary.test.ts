import { describe, expect, it } from "vitest";
import { startSummary } from "../src/start-summary.js";

const status = {
  documents: 12,
  passages: 840,
  indexedAt: "2026-12-06T06:00:00.000Z",
  embedder: { provider: "local", model: "hash", dimension: 512 },
  generation: "g1",
  lastIngestError: null,
};
const channels = [
  { name: "Telegram", on: false },
  { name: "飞书 Feishu", on: true, detail: "长连接 long connection" },
  { name: "钉钉 DingTalk", on: false },
];

describe("startSummary", () => {
  it("puts the address first, then what is indexed, the channels on and off, the LLM and how to stop", () => {
    const lines = startSummary({ url: "http://127.0.0.1:3000/", status, channels, llm: false });
    const text = lines.join("\n");
    expect(lines.find((l) => l.trim())).toBe("  纪要问答 web chat: http://127.0.0.1:3000/");
    expect(text).toContain("12 份纪要 records, 840 个段落 passages");
    expect(text).toContain("channels: 网页 web, 飞书 Feishu (长连接 long connection)");
    expect(text).toContain("off: Telegram, 钉钉 DingTalk");
    expect(text).toContain("TELEGRAM_BOT_TOKEN");
    expect(text).toContain("LLM_BASE_URL");
    expect(text).toContain("Press Ctrl-C to stop.");
    expect(lines.length).toBeLessThanOrEqual(10);
  });

  it("says so when the web chat is off and an LLM is on", () => {
    const text = startSummary({ url: null, status, channels: [{ name: "Telegram", on: true }], llm: true }).join("\n");
    expect(text).toContain("no web chat");
    expect(text).toContain("channels: Telegram");
    expect(text).not.toContain("TELEGRAM_BOT_TOKEN");
    expect(text).toContain("LLM answers: on");
  });
});
