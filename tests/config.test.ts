import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigSchema, loadConfig } from "../src/config.js";
import { ConfigError } from "../src/errors.js";
import { describeError } from "../src/messages.js";
import { ROOT } from "./helpers/paths.js";

describe("loadConfig", () => {
  it("has offline defaults", () => {
    const c = loadConfig({});
    expect(c.EMBEDDINGS).toBe("local");
    expect(c.WEB_PORT).toBe(3000);
    expect(c.TELEGRAM_API_ROOT).toBe("https://api.telegram.org");
    expect(c.ADMIN_USER_IDS).toEqual([]);
    expect(c.BOT_PUBLIC).toBe(true);
    expect(loadConfig({ ALLOWED_CHAT_IDS: "-100123, 5", BOT_PUBLIC: "false" })).toMatchObject({ ALLOWED_CHAT_IDS: [-100123, 5], BOT_PUBLIC: false });
  });

  it("lists every bad variable by name in one error, without secret values", () => {
    try {
      loadConfig({ WEB_PORT: "eighty", EMBEDDINGS: "magic", TELEGRAM_BOT_TOKEN: "supersecret-token-value", ADMIN_USER_IDS: "1,x" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = describeError(err);
      for (const v of ["WEB_PORT", "EMBEDDINGS", "TELEGRAM_BOT_TOKEN", "ADMIN_USER_IDS"]) expect(msg).toContain(v);
      expect(msg).not.toContain("supersecret");
    }
  });

  it("reads ports, limits and timeouts as decimal integers only, naming the variable", () => {
    for (const bad of ["0x9627", "1e3", "80.0", "+80", "-1", "65536", "８０"]) {
      expect(() => loadConfig({ WEB_PORT: bad }), bad).toThrow(/WEB_PORT/);
    }
    expect(() => loadConfig({ LLM_TIMEOUT_MS: "2e4" })).toThrow(/LLM_TIMEOUT_MS/);
    expect(() => loadConfig({ WEB_RATE_LIMIT: "0x10" })).toThrow(/WEB_RATE_LIMIT/);
    expect(loadConfig({ WEB_PORT: "0" }).WEB_PORT).toBe(0);
    expect(loadConfig({ WEB_PORT: " 8080 " }).WEB_PORT).toBe(8080);
    expect(loadConfig({ WEB_PORT: "65535" }).WEB_PORT).toBe(65535);
    expect(loadConfig({}).WEB_PORT).toBe(3000);
  });

  it("requires LLM_BASE_URL and LLM_MODEL together", () => {
    expect(() => loadConfig({ LLM_MODEL: "deepseek-chat" })).toThrow(/LLM_BASE_URL/);
    expect(loadConfig({ LLM_MODEL: "m", LLM_BASE_URL: "http://127.0.0.1:1/v1" }).LLM_MODEL).toBe("m");
  });

  it("WeCom AI bot: token and EncodingAESKey go together, on a path of its own", () => {
    const key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    expect(loadConfig({ WECOM_BOT_TOKEN: "t", WECOM_BOT_ENCODING_AES_KEY: key }).WECOM_BOT_PATH).toBe("/wecom/bot");
    expect(() => loadConfig({ WECOM_BOT_TOKEN: "t" })).toThrow(/WECOM_BOT_ENCODING_AES_KEY/);
    expect(() => loadConfig({ WECOM_BOT_ENCODING_AES_KEY: key })).toThrow(/WECOM_BOT_TOKEN/);
    expect(() => loadConfig({ WECOM_BOT_TOKEN: "t", WECOM_BOT_ENCODING_AES_KEY: "short" })).toThrow(/43-character/);
    const app = { WECOM_CORP_ID: "ww1", WECOM_AGENT_ID: "1", WECOM_SECRET: "s", WECOM_TOKEN: "t", WECOM_ENCODING_AES_KEY: key };
    expect(() => loadConfig({ ...app, WECOM_BOT_TOKEN: "t", WECOM_BOT_ENCODING_AES_KEY: key, WECOM_BOT_PATH: "/wecom/callback" })).toThrow(/WECOM_BOT_PATH/);
  });

  it("Feishu: the long connection by default, without an encrypt key; the HTTP endpoint only with one", () => {
    const ws = loadConfig({ FEISHU_APP_ID: "cli_a1b2c3d4e5f60718", FEISHU_APP_SECRET: "s" });
    expect(ws.FEISHU_MODE).toBe("ws");
    expect(() => loadConfig({ FEISHU_APP_ID: "cli_test", FEISHU_APP_SECRET: "s" })).toThrow(/FEISHU_APP_ID/);
    expect(() => loadConfig({ FEISHU_MODE: "http", FEISHU_APP_ID: "cli_test", FEISHU_APP_SECRET: "s" })).toThrow(/FEISHU_ENCRYPT_KEY/);
    expect(loadConfig({ FEISHU_MODE: "http", FEISHU_APP_ID: "cli_test", FEISHU_APP_SECRET: "s", FEISHU_ENCRYPT_KEY: "k" }).FEISHU_MODE).toBe("http");
    expect(() => loadConfig({ FEISHU_MODE: "webhook" })).toThrow(/FEISHU_MODE/);
  });

  it("strips a trailing slash from TELEGRAM_API_ROOT", () => {
    expect(loadConfig({ TELEGRAM_API_ROOT: "http://127.0.0.1:8081/" }).TELEGRAM_API_ROOT).toBe("http://127.0.0.1:8081");
  });

  it("documents every variable in .env.example", () => {
    const example = readFileSync(`${ROOT}/.env.example`, "utf8");
    const keys = Object.keys(ConfigSchema.shape);
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) {
      expect(example, key).toMatch(new RegExp(`^#? ?${key}=`, "m"));
    }
  });
});
