import { Cron } from "croner";
import { z } from "zod";
import { ConfigError } from "./errors.js";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
/** An http(s) URL: «javascript:…», «file:…» or «ftp:…» are refused. */
const httpUrl = () => z.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL" });
const optionalUrl = z.preprocess(emptyToUndefined, httpUrl().optional());
/** An API root with a default, without its trailing slash. */
const apiRoot = (def: string) =>
  z.preprocess(
    emptyToUndefined,
    httpUrl()
      .default(def)
      .transform((u) => u.replace(/\/+$/, "")),
  );
/** A decimal integer from min to max: «0x9627», «1e3» or «80.0» are refused, not read as numbers. */
const int = (def: number, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{1,15}$/, `expected a decimal integer from ${min} to ${max}`)
      .transform(Number)
      .pipe(z.number().int().min(min).max(max))
      .default(def),
  );
const idList = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^\s*-?\d+(\s*,\s*-?\d+)*\s*$/, "expected comma-separated numeric Telegram ids")
    .transform((s) => s.split(",").map((x) => Number(x.trim())))
    .default([]),
);

const stringIdList = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^\s*[^,\s]+(\s*,\s*[^,\s]+)*\s*$/, "expected comma-separated ids")
    .transform((s) => s.split(",").map((x) => x.trim()))
    .default([]),
);
const flag = (def: "true" | "false") =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(["true", "false", "1", "0", "yes", "no"])
      .default(def)
      .transform((v) => ["true", "1", "yes"].includes(v)),
  );

/** Whether croner reads `expr` as a cron expression. */
function cronValid(expr: string): boolean {
  try {
    new Cron(expr, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

/** Every environment variable the product reads. Documented in .env.example. */
export const ConfigSchema = z
  .object({
    MINUTES_DIR: z.preprocess(emptyToUndefined, z.string().default("data/minutes")),
    INDEX_DIR: z.preprocess(emptyToUndefined, z.string().default("data/index")),
    LEXICON_DIR: z.preprocess(emptyToUndefined, z.string().default("data/lexicon")),
    EMBEDDINGS: z.preprocess(emptyToUndefined, z.enum(["local", "openai"]).default("local")),
    OPENAI_BASE_URL: optionalUrl,
    OPENAI_API_KEY: optionalString,
    EMBEDDING_MODEL: z.preprocess(emptyToUndefined, z.string().default("text-embedding-3-small")),
    LLM_BASE_URL: optionalUrl,
    LLM_API_KEY: optionalString,
    LLM_MODEL: optionalString,
    LLM_TIMEOUT_MS: int(20_000, 100, 600_000),
    TELEGRAM_BOT_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\d+:[\w-]+$/, "expected a token like 123456:ABC-def")
        .optional(),
    ),
    TELEGRAM_API_ROOT: apiRoot("https://api.telegram.org"),
    BOT_MODE: z.preprocess(emptyToUndefined, z.enum(["polling", "webhook"]).default("polling")),
    WEBHOOK_URL: optionalUrl,
    WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters A-Z a-z 0-9 _ -")
        .optional(),
    ),
    /** Telegram user ids allowed to see internal minutes (in private chats and their own inline results). */
    ALLOWED_USER_IDS: idList,
    /** Telegram chat ids (e.g. a staff group) where internal minutes may be shown to everyone in the chat. */
    ALLOWED_CHAT_IDS: idList,
    /** Telegram user ids allowed to run /reload and /stats (they count as allowed users too). */
    ADMIN_USER_IDS: idList,
    /** false: the bot refuses everyone outside the allow-lists, with a clear message. */
    BOT_PUBLIC: z.preprocess(
      emptyToUndefined,
      z
        .enum(["true", "false", "1", "0", "yes", "no"])
        .default("true")
        .transform((v) => ["true", "1", "yes"].includes(v)),
    ),
    SESSION_DIR: z.preprocess(emptyToUndefined, z.string().default("data/sessions")),
    REDIS_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^rediss?$/, error: "expected a redis:// or rediss:// URL" }).optional()),
    FEEDBACK_LOG: z.preprocess(emptyToUndefined, z.string().default("data/feedback.jsonl")),
    WEB_HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
    WEB_PORT: int(3000, 0, 65535),
    WEB_API_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[^\s\p{C}]{16,}$/u, "expected at least 16 visible characters, without spaces (e.g. openssl rand -hex 24)")
        .optional(),
    ),
    WEB_RATE_LIMIT: int(60, 1, 100_000),
    /** Feishu/Lark (飞书) self-built app: credentials, how events arrive (ws: long connection, no public URL; http: the event endpoint) and who may see internal minutes (open_id / user_id, chat_id). */
    FEISHU_MODE: z.preprocess(emptyToUndefined, z.enum(["ws", "http"]).default("ws")),
    FEISHU_APP_ID: optionalString,
    FEISHU_APP_SECRET: optionalString,
    FEISHU_VERIFICATION_TOKEN: optionalString,
    FEISHU_ENCRYPT_KEY: optionalString,
    FEISHU_BASE_URL: apiRoot("https://open.feishu.cn"),
    FEISHU_EVENT_HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
    FEISHU_EVENT_PORT: int(3001, 0, 65535),
    FEISHU_EVENT_PATH: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\/[\w/.-]*$/, "expected a path like /feishu/events")
        .default("/feishu/events"),
    ),
    FEISHU_ALLOWED_USER_IDS: stringIdList,
    FEISHU_ALLOWED_CHAT_IDS: stringIdList,
    FEISHU_PUBLIC: flag("true"),
    /** DingTalk (钉钉) robot in Stream mode: the app's Client ID / Secret, the OpenAPI base (政务钉钉 or a private deployment), who may see internal minutes (staffId / senderId, conversationId). */
    DINGTALK_CLIENT_ID: optionalString,
    DINGTALK_CLIENT_SECRET: optionalString,
    DINGTALK_API_URL: apiRoot("https://api.dingtalk.com"),
    DINGTALK_ALLOWED_USER_IDS: stringIdList,
    DINGTALK_ALLOWED_CHAT_IDS: stringIdList,
    DINGTALK_PUBLIC: flag("true"),
    /** WeCom (企业微信) self-built application: corp, agent and secret, the callback's Token and EncodingAESKey, the API base, who may see internal minutes (userid). */
    WECOM_CORP_ID: optionalString,
    WECOM_AGENT_ID: z.preprocess(emptyToUndefined, z.string().regex(/^\d+$/, "expected the numeric AgentId").optional()),
    WECOM_SECRET: optionalString,
    WECOM_TOKEN: optionalString,
    WECOM_ENCODING_AES_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9]{43}$/, "expected the 43-character EncodingAESKey")
        .optional(),
    ),
    WECOM_API_URL: apiRoot("https://qyapi.weixin.qq.com"),
    WECOM_CALLBACK_HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
    WECOM_CALLBACK_PORT: int(3002, 0, 65535),
    WECOM_CALLBACK_PATH: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\/[\w/.-]*$/, "expected a path like /wecom/callback")
        .default("/wecom/callback"),
    ),
    WECOM_ALLOWED_USER_IDS: stringIdList,
    WECOM_PUBLIC: flag("true"),
    /** WeCom AI bot (智能机器人) in API mode: its callback's Token and EncodingAESKey, and its path on the WeCom callback endpoint. */
    WECOM_BOT_TOKEN: optionalString,
    WECOM_BOT_ENCODING_AES_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9]{43}$/, "expected the 43-character EncodingAESKey")
        .optional(),
    ),
    WECOM_BOT_PATH: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\/[\w/.-]*$/, "expected a path like /wecom/bot")
        .default("/wecom/bot"),
    ),
    /** 督办台账: staff marks (append-only JSONL; a Redis list when REDIS_URL is set), the digest's cron, its time zone, its horizon and its chats (one a platform, at least one). */
    LEDGER_MARKS: z.preprocess(emptyToUndefined, z.string().default("data/ledger-marks.jsonl")),
    LEDGER_DIGEST: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((expr) => cronValid(expr), "expected a cron expression, e.g. 0 9 * * 1-5 (09:00 on weekdays)")
        .optional(),
    ),
    LEDGER_DIGEST_TZ: z.preprocess(emptyToUndefined, z.string().default("Asia/Shanghai")),
    LEDGER_DIGEST_DAYS: int(7, 1, 366),
    LEDGER_DIGEST_TELEGRAM_CHAT: optionalString,
    /** The digest's Feishu chat: a chat_id (oc_…), or a user's open_id (ou_…) for the bot's private chat with them. */
    LEDGER_DIGEST_FEISHU_CHAT: optionalString,
    /** The digest's DingTalk chat: a group's openConversationId (cid…, the conversationId of its robot messages), or a user's staffId. */
    LEDGER_DIGEST_DINGTALK_CHAT: optionalString,
    /** The digest's WeCom chat: a member's userid (the application's private chat with them). */
    LEDGER_DIGEST_WECOM_CHAT: optionalString,
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["debug", "info", "warn", "error", "silent"]).default("info")),
  })
  .superRefine((c, ctx) => {
    if (c.EMBEDDINGS === "openai" && !c.OPENAI_BASE_URL && !c.OPENAI_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["OPENAI_API_KEY"], message: "required when EMBEDDINGS=openai (or set OPENAI_BASE_URL)" });
    }
    if (c.WECOM_CORP_ID)
      for (const v of ["WECOM_AGENT_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY"] as const)
        if (!c[v]) ctx.addIssue({ code: "custom", path: [v], message: "required with WECOM_CORP_ID" });
    if (c.WECOM_BOT_TOKEN && !c.WECOM_BOT_ENCODING_AES_KEY)
      ctx.addIssue({ code: "custom", path: ["WECOM_BOT_ENCODING_AES_KEY"], message: "required with WECOM_BOT_TOKEN" });
    if (c.WECOM_BOT_ENCODING_AES_KEY && !c.WECOM_BOT_TOKEN)
      ctx.addIssue({ code: "custom", path: ["WECOM_BOT_TOKEN"], message: "required with WECOM_BOT_ENCODING_AES_KEY" });
    if (c.WECOM_CORP_ID && c.WECOM_BOT_TOKEN && c.WECOM_BOT_PATH === c.WECOM_CALLBACK_PATH)
      ctx.addIssue({ code: "custom", path: ["WECOM_BOT_PATH"], message: "must differ from WECOM_CALLBACK_PATH (both are served on one port)" });
    if (c.DINGTALK_CLIENT_ID && !c.DINGTALK_CLIENT_SECRET)
      ctx.addIssue({ code: "custom", path: ["DINGTALK_CLIENT_SECRET"], message: "required with DINGTALK_CLIENT_ID" });
    if (c.FEISHU_APP_ID && !c.FEISHU_APP_SECRET) ctx.addIssue({ code: "custom", path: ["FEISHU_APP_SECRET"], message: "required with FEISHU_APP_ID" });
    // The long connection is authenticated by the app secret; only an endpoint open to the network needs the event signature.
    if (c.FEISHU_APP_ID && c.FEISHU_MODE === "http" && !c.FEISHU_ENCRYPT_KEY && !c.FEISHU_VERIFICATION_TOKEN)
      ctx.addIssue({
        code: "custom",
        path: ["FEISHU_ENCRYPT_KEY"],
        message: "set FEISHU_ENCRYPT_KEY (or at least FEISHU_VERIFICATION_TOKEN) so forged events are rejected",
      });
    // The SDK's WSClient silently never connects with any other App ID.
    if (c.FEISHU_APP_ID && c.FEISHU_MODE === "ws" && !/^cli_[0-9a-fA-F]{16}$/.test(c.FEISHU_APP_ID))
      ctx.addIssue({ code: "custom", path: ["FEISHU_APP_ID"], message: "expected the App ID as the console shows it (cli_ and 16 hex digits)" });
    // Each digest chat needs its platform's credentials; the digest needs at least one chat.
    const digestChats = [
      ["LEDGER_DIGEST_TELEGRAM_CHAT", "TELEGRAM_BOT_TOKEN"],
      ["LEDGER_DIGEST_FEISHU_CHAT", "FEISHU_APP_ID"],
      ["LEDGER_DIGEST_DINGTALK_CHAT", "DINGTALK_CLIENT_ID"],
      ["LEDGER_DIGEST_WECOM_CHAT", "WECOM_CORP_ID"],
    ] as const;
    if (c.LEDGER_DIGEST && !digestChats.some(([chat]) => c[chat]))
      ctx.addIssue({ code: "custom", path: ["LEDGER_DIGEST"], message: `needs a target chat: ${digestChats.map(([chat]) => chat).join(", ")} (at least one)` });
    for (const [chat, credential] of digestChats)
      if (c[chat] && !c[credential]) ctx.addIssue({ code: "custom", path: [chat], message: `needs ${credential} to send the digest` });
    if (c.LEDGER_DIGEST && !Intl.supportedValuesOf("timeZone").includes(c.LEDGER_DIGEST_TZ) && c.LEDGER_DIGEST_TZ !== "UTC")
      ctx.addIssue({ code: "custom", path: ["LEDGER_DIGEST_TZ"], message: "expected an IANA time zone such as Asia/Shanghai" });
    if (c.BOT_MODE === "webhook" && !c.WEBHOOK_URL) {
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "required when BOT_MODE=webhook" });
    }
    if (c.BOT_MODE === "webhook" && !c.WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_SECRET"],
        message: "required when BOT_MODE=webhook (Telegram sends it with every update, so forged updates are refused)",
      });
    }
    const llm = [c.LLM_BASE_URL, c.LLM_MODEL].filter(Boolean).length;
    if (llm === 1 || (c.LLM_API_KEY && llm < 2)) {
      ctx.addIssue({
        code: "custom",
        path: [c.LLM_MODEL ? "LLM_BASE_URL" : "LLM_MODEL"],
        message: "the LLM needs LLM_BASE_URL and LLM_MODEL together (LLM_API_KEY optional for local servers)",
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

/** Variables whose values must never be printed. */
export const SECRET_VARIABLES = [
  "OPENAI_API_KEY",
  "LLM_API_KEY",
  "TELEGRAM_BOT_TOKEN",
  "WEBHOOK_SECRET",
  "WEB_API_TOKEN",
  "REDIS_URL",
  "FEISHU_APP_SECRET",
  "FEISHU_VERIFICATION_TOKEN",
  "FEISHU_ENCRYPT_KEY",
  "DINGTALK_CLIENT_SECRET",
  "WECOM_SECRET",
  "WECOM_TOKEN",
  "WECOM_ENCODING_AES_KEY",
  "WECOM_BOT_TOKEN",
  "WECOM_BOT_ENCODING_AES_KEY",
] as const;

/**
 * A start-up failure caused by one variable's value (a folder that is missing, a host
 * that does not resolve, an API root that cannot be reached): the message names it.
 */
export function variableError(variable: keyof Config, message: string, cause?: unknown): ConfigError {
  return new ConfigError("config_invalid", `${variable}: ${message}`, { subject: variable, details: { issues: [{ variable, message }] }, cause });
}

/** True when an LLM endpoint is configured. */
export function llmEnabled(c: Config): boolean {
  return Boolean(c.LLM_BASE_URL && c.LLM_MODEL);
}

/**
 * Validates the environment once. Throws a ConfigError that lists every bad
 * variable by name; values are never included in the message.
 */
export function loadConfig(env: Record<string, string | undefined> = {}): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ variable: String(i.path[0] ?? "?"), message: i.message }));
  const lines = issues.map((i) => `${i.variable}: ${i.message}`);
  throw new ConfigError("config_invalid", `invalid configuration — ${lines.join("; ")}`, {
    subject: issues.map((i) => i.variable).join(", "),
    details: { issues },
  });
}
