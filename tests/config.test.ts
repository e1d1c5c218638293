import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openEngine } from "../src/answer/engine.js";
import { runCli } from "../src/cli/run.js";
import { ConfigSchema, loadConfig } from "../src/config.js";
import { checkFolders } from "../src/config-folders.js";
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

describe("values accepted only when they can work", () => {
  it("WEB_API_TOKEN: at least 16 visible characters, no space", () => {
    for (const bad of ["x", "short-token-15c", "a token with spaces in it", "tab\there-and-more-chars", "zero\u200bwidth-and-more-chars"]) {
      expect(() => loadConfig({ WEB_API_TOKEN: bad }), bad).toThrow(/WEB_API_TOKEN: expected at least 16 visible characters/);
    }
    expect(loadConfig({ WEB_API_TOKEN: "0123456789abcdef" }).WEB_API_TOKEN).toBe("0123456789abcdef");
  });

  it("every URL variable is http(s); REDIS_URL is redis(s)", () => {
    for (const v of ["LLM_BASE_URL", "OPENAI_BASE_URL", "WEBHOOK_URL", "TELEGRAM_API_ROOT", "FEISHU_BASE_URL", "DINGTALK_API_URL", "WECOM_API_URL"]) {
      for (const bad of ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/"]) {
        expect(() => loadConfig({ LLM_MODEL: "m", LLM_BASE_URL: "http://127.0.0.1:1/v1", [v]: bad }), `${v}=${bad}`).toThrow(
          new RegExp(`${v}: expected an http:// or https:// URL`),
        );
      }
    }
    expect(() => loadConfig({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(/REDIS_URL: expected a redis/);
    expect(loadConfig({ LLM_BASE_URL: "https://llm.example.org/v1", LLM_MODEL: "m" }).LLM_BASE_URL).toBe("https://llm.example.org/v1");
  });

  it("BOT_MODE=webhook names WEBHOOK_SECRET when it is missing", () => {
    expect(() => loadConfig({ BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.org/telegram" })).toThrow(
      /WEBHOOK_SECRET: required when BOT_MODE=webhook/,
    );
  });
});

describe("checkFolders at start-up", () => {
  const dir = mkdtempSync(join(tmpdir(), "minutes-qa-folders-"));
  const file = join(dir, "minutes.txt");
  writeFileSync(file, "not a folder");
  const lexicon = join(ROOT, "data/lexicon");

  it("names LEXICON_DIR when it is missing or a file, and MINUTES_DIR when it is a file", () => {
    expect(() => checkFolders({ MINUTES_DIR: dir, LEXICON_DIR: join(dir, "no-lexicon") })).toThrow(/^LEXICON_DIR: .*no such folder/);
    expect(() => checkFolders({ MINUTES_DIR: dir, LEXICON_DIR: file })).toThrow(/^LEXICON_DIR: .*not a folder/);
    expect(() => checkFolders({ MINUTES_DIR: file, LEXICON_DIR: lexicon })).toThrow(/^MINUTES_DIR: .*a file, not a folder/);
    expect(() => checkFolders({ MINUTES_DIR: dir, LEXICON_DIR: lexicon })).not.toThrow();
    expect(() => checkFolders({ MINUTES_DIR: join(dir, "not-yet"), LEXICON_DIR: lexicon })).not.toThrow();
  });

  it("openEngine and minutes ingest stop on them, naming the variable", async () => {
    const config = loadConfig({ MINUTES_DIR: file, INDEX_DIR: join(dir, "index"), LEXICON_DIR: lexicon });
    await expect(openEngine({ config })).rejects.toThrow(/MINUTES_DIR/);
    const err: string[] = [];
    const code = await runCli(["ingest"], {
      out: () => {},
      err: (s) => err.push(s),
      env: { MINUTES_DIR: dir, INDEX_DIR: join(dir, "index"), LEXICON_DIR: join(dir, "none") },
      isTTY: false,
    });
    expect(code).not.toBe(0);
    expect(err.join("\n")).toContain("LEXICON_DIR");
  });
});
