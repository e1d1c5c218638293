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

  it("takes a Feishu, DingTalk or WeCom chat as the digest's only target, each needing its platform's credentials, naming the variable", () => {
    const feishu = { FEISHU_APP_ID: "cli_0123456789abcdef", FEISHU_APP_SECRET: "s" };
    const dingtalk = { DINGTALK_CLIENT_ID: "ding", DINGTALK_CLIENT_SECRET: "s" };
    const wecom = { WECOM_CORP_ID: "ww1", WECOM_AGENT_ID: "1000002", WECOM_SECRET: "s", WECOM_TOKEN: "t", WECOM_ENCODING_AES_KEY: "a".repeat(43) };
    const cron = { LEDGER_DIGEST: "0 9 * * 1-5" };
    expect(loadConfig({ ...cron, ...feishu, LEDGER_DIGEST_FEISHU_CHAT: "oc_staff" }).LEDGER_DIGEST_FEISHU_CHAT).toBe("oc_staff");
    expect(loadConfig({ ...cron, ...dingtalk, LEDGER_DIGEST_DINGTALK_CHAT: "cidStaff==" }).LEDGER_DIGEST_DINGTALK_CHAT).toBe("cidStaff==");
    expect(loadConfig({ ...cron, ...wecom, LEDGER_DIGEST_WECOM_CHAT: "zhangsan" }).LEDGER_DIGEST_WECOM_CHAT).toBe("zhangsan");
    expect(() => loadConfig({ ...cron, LEDGER_DIGEST_FEISHU_CHAT: "oc_staff" })).toThrow(/LEDGER_DIGEST_FEISHU_CHAT: needs FEISHU_APP_ID/);
    expect(() => loadConfig({ ...cron, ...feishu, LEDGER_DIGEST_DINGTALK_CHAT: "cidStaff==" })).toThrow(
      /LEDGER_DIGEST_DINGTALK_CHAT: needs DINGTALK_CLIENT_ID/,
    );
    expect(() => loadConfig({ ...cron, ...dingtalk, LEDGER_DIGEST_WECOM_CHAT: "zhangsan" })).toThrow(/LEDGER_DIGEST_WECOM_CHAT: needs WECOM_CORP_ID/);
    // Credentials alone are no target.
    expect(() => loadConfig({ ...cron, ...feishu, ...dingtalk, ...wecom })).toThrow(/LEDGER_DIGEST: needs a target chat/);
  });
});
