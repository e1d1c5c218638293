/**
 * Feishu's long connection (使用长连接接收事件/回调): the SDK's WSClient asks
 * FEISHU_BASE_URL/callback/ws/endpoint for a WebSocket URL with the app's
 * credentials, holds the connection (pings, reconnects) and hands each event
 * and card callback to the dispatcher, acknowledging it with the dispatcher's
 * return. Nothing listens on this side, so no public URL is needed.
 */
import * as lark from "@larksuiteoapi/node-sdk";
import type { Config } from "../config.js";
import { ConfigError } from "../errors.js";
import type { Logger } from "../log.js";
import type { SdkLogger } from "./client.js";

/** How long the first connection may take before start-up fails. */
const CONNECT_TIMEOUT_MS = 15_000;

/** Connects and resolves once the first WebSocket handshake succeeded; `close()` stops the client and its reconnects. */
export async function connectWsEvents(dispatcher: lark.EventDispatcher, config: Config, log: Logger, logger: SdkLogger): Promise<{ close(): void }> {
  let ready = false;
  let settle: { resolve(): void; reject(e: Error): void } | undefined;
  const connected = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const client = new lark.WSClient({
    appId: config.FEISHU_APP_ID ?? "",
    appSecret: config.FEISHU_APP_SECRET ?? "",
    domain: config.FEISHU_BASE_URL,
    logger,
    loggerLevel: lark.LoggerLevel.error,
    handshakeTimeoutMs: CONNECT_TIMEOUT_MS,
    onReady: () => {
      ready = true;
      settle?.resolve();
    },
    onError: (e) => {
      if (!ready) settle?.reject(e);
      else log.error("feishu long connection given up", { error: e.message });
    },
    onReconnecting: () => log.warn("feishu long connection lost, reconnecting"),
    onReconnected: () => log.info("feishu long connection restored"),
  });
  const timer = setTimeout(() => settle?.reject(new Error(`no connection within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
  try {
    await client.start({ eventDispatcher: dispatcher });
    await connected;
  } catch (e) {
    client.close({ force: true });
    // Almost always the settings: an unreachable FEISHU_BASE_URL, a wrong App ID or secret, or long connection not chosen in the console.
    const message = `no long connection through ${config.FEISHU_BASE_URL} (${(e as Error).message}); check FEISHU_APP_ID / FEISHU_APP_SECRET and that the console uses 长连接`;
    throw new ConfigError("config_invalid", message, { subject: "FEISHU_BASE_URL", details: { issues: [{ variable: "FEISHU_BASE_URL", message }] }, cause: e });
  } finally {
    clearTimeout(timer);
  }
  return { close: () => client.close({ force: true }) };
}
