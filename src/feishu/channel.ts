/**
 * The Feishu/Lark (飞书) channel: one handler (src/feishu/handler.ts: messages
 * answered through the conversation core as cards, 原文 buttons) on one of two
 * transports, FEISHU_MODE: `ws`, the long connection (no public URL), or
 * `http`, the event endpoint Feishu posts to.
 */
import type { ChannelDeps } from "../chat/respond.js";
import { sdkLogger } from "./client.js";
import { createFeishuHandler } from "./handler.js";
import { listenHttpEvents } from "./http-events.js";
import { connectWsEvents } from "./ws-events.js";

export type FeishuDeps = ChannelDeps;

export interface FeishuChannel {
  mode: "ws" | "http";
  /** http mode: where Feishu posts events (the request URL to enter in the console); null over the long connection. */
  url: string | null;
  /** Resolves when every answer started so far has been sent. */
  idle(): Promise<void>;
  /** Stops receiving events (closes the endpoint or the long connection), then waits for pending answers. */
  close(): Promise<void>;
}

/** Starts receiving Feishu events the configured way. */
export async function startFeishu(deps: FeishuDeps): Promise<FeishuChannel> {
  const { config } = deps;
  const log = deps.log.child({ component: "feishu" });
  const { dispatcher, botOpenId, pending } = await createFeishuHandler(deps, log);
  const idle = () => pending.idle();
  if (config.FEISHU_MODE === "http") {
    const endpoint = await listenHttpEvents(dispatcher, config, pending, log);
    log.info("feishu event endpoint listening", { url: endpoint.url, botOpenId });
    return { mode: "http", url: endpoint.url, idle, close: endpoint.close };
  }
  const ws = await connectWsEvents(dispatcher, config, log, sdkLogger(log));
  log.info("feishu long connection ready", { api: config.FEISHU_BASE_URL, botOpenId });
  return {
    mode: "ws",
    url: null,
    idle,
    close: async () => {
      ws.close();
      await pending.idle();
    },
  };
}
