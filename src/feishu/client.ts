/**
 * The Feishu/Lark OpenAPI client as the product uses it (the SDK's Client at
 * FEISHU_BASE_URL; it fetches and caches the tenant access token itself), and
 * one API call read as an attempt that may be tried again.
 */
import * as lark from "@larksuiteoapi/node-sdk";
import type { AttemptResult } from "../chat/retry.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";

/** Feishu error codes meaning «try again later» (frequency limit, internal error). */
const RETRYABLE_CODES = new Set([99991400, 99991401, 230020, 1000004, 1000005]);

/** The SDK's logger, quiet: its errors at debug level (they may quote requests), nothing else. */
export type SdkLogger = {
  error(...m: unknown[]): void;
  warn(...m: unknown[]): void;
  info(...m: unknown[]): void;
  debug(...m: unknown[]): void;
  trace(...m: unknown[]): void;
};

export function sdkLogger(log: Logger): SdkLogger {
  return {
    error: (...m: unknown[]) => log.debug("lark sdk", { msg: m.map(String).join(" ") }),
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
    trace: () => undefined,
  };
}

/** The SDK client with the app's credentials. */
export function feishuClient(config: Pick<Config, "FEISHU_APP_ID" | "FEISHU_APP_SECRET" | "FEISHU_BASE_URL">, logger: SdkLogger): lark.Client {
  if (!config.FEISHU_APP_ID || !config.FEISHU_APP_SECRET) throw new Error("FEISHU_APP_ID and FEISHU_APP_SECRET are not set");
  return new lark.Client({
    appId: config.FEISHU_APP_ID,
    appSecret: config.FEISHU_APP_SECRET,
    domain: config.FEISHU_BASE_URL,
    logger,
    loggerLevel: lark.LoggerLevel.error,
  });
}

/** Runs one SDK call: a non-zero code or an HTTP error fails it, retryable on 429, 5xx, network errors and the codes above. */
export async function feishuAttempt(call: () => Promise<unknown>): Promise<AttemptResult> {
  try {
    const res = (await call()) as { code?: number; msg?: string };
    return res.code ? { ok: false, retryable: RETRYABLE_CODES.has(res.code), why: `code ${res.code}: ${res.msg ?? ""}` } : { ok: true };
  } catch (e) {
    const response = (e as { response?: { status?: number; data?: { code?: number } } }).response;
    const status = response?.status;
    const code = response?.data?.code;
    const retryable = status === undefined || status === 429 || status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
    return { ok: false, retryable, why: status ? `HTTP ${status}${code ? ` code ${code}` : ""}` : (e as Error).message };
  }
}
