import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("ledger configuration", () => {
  it("defaults the marks file and the digest horizon", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ LEDGER_MARKS: "data/ledger-marks.jsonl", LEDGER_DIGEST_DAYS: 7, LEDGER_DIGEST_TZ: "Asia/Shanghai" });
    expect(c.LEDGER_DIGEST).toBeUndefined();
  });

  it("refuses a digest that is not a cron expression, or that has no chat, naming the variable", () => {
    expect(() => loadConfig({ LEDGER_DIGEST: "every morning", LEDGER_DIGEST_TELEGRAM_CHAT: "-100", TELEGRAM_BOT_TOKEN: "123:abc" })).toThrow(
      /LEDGER_DIGEST: expected a cron expression/,
    );
    expect(() => loadConfig({ LEDGER_DIGEST: "0 9 * * 1-5" })).toThrow(/LEDGER_DIGEST: needs a target chat/);
    expect(() =>
      loadConfig({ LEDGER_DIGEST: "0 9 * * 1-5", LEDGER_DIGEST_TELEGRAM_CHAT: "-100", TELEGRAM_BOT_TOKEN: "123:abc", LEDGER_DIGEST_TZ: "Mars/Base" }),
    ).toThrow(/LEDGER_DIGEST_TZ/);
    expect(loadConfig({ LEDGER_DIGEST: "0 9 * * 1-5", LEDGER_DIGEST_TELEGRAM_CHAT: "-100", TELEGRAM_BOT_TOKEN: "123:abc" }).LEDGER_DIGEST).toBe("0 9 * * 1-5");
    expect(() => loadConfig({ LEDGER_DIGEST_DAYS: "0" })).toThrow(/LEDGER_DIGEST_DAYS/);
    expect(() => loadConfig({ LEDGER_DIGEST_TELEGRAM_CHAT: "-100" })).toThrow(/LEDGER_DIGEST_TELEGRAM_CHAT: needs TELEGRAM_BOT_TOKEN/);
  });
});
