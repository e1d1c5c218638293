/**
 * The WeCom (企业微信) channel: one HTTP endpoint on
 * WECOM_CALLBACK_HOST:WECOM_CALLBACK_PORT serving the callbacks that are
 * configured — a self-built application's on WECOM_CALLBACK_PATH (see
 * app-callback.ts) and an AI bot's on WECOM_BOT_PATH (see ai-bot.ts).
 */
import { createServer, type Server } from "node:http";
import { listenCallback, PendingAnswers } from "../chat/callback-server.js";
import type { ChannelDeps } from "../chat/respond.js";
import { aiBotCallback } from "./ai-bot.js";
import { appCallback, type CallbackRoute } from "./app-callback.js";
import { replyText } from "./sealed.js";

export interface WeComChannel {
  /** The application's callback URL to enter in the admin console (through your reverse proxy); null without WECOM_CORP_ID. */
  appUrl: string | null;
  /** The AI bot's callback URL; null without WECOM_BOT_TOKEN. */
  botUrl: string | null;
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the callback endpoint for the application, the AI bot, or both. */
export async function startWeCom(deps: ChannelDeps): Promise<WeComChannel> {
  const { config } = deps;
  const log = deps.log.child({ component: "wecom" });
  const pending = new PendingAnswers();
  const routes = new Map<string, CallbackRoute>();
  if (config.WECOM_CORP_ID) routes.set(config.WECOM_CALLBACK_PATH, appCallback(deps, log, pending));
  if (config.WECOM_BOT_TOKEN) routes.set(config.WECOM_BOT_PATH, aiBotCallback(deps, log.child({ component: "wecom-bot" }), pending));
  if (!routes.size) throw new Error("set WECOM_CORP_ID (an application) or WECOM_BOT_TOKEN (an AI bot) to start WeCom");

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const route = routes.get(url.pathname);
    if (!route) return replyText(res, 404, "not found");
    route(req, res, url.searchParams).catch((e: unknown) => {
      log.error("callback failed", { error: (e as Error).message });
      if (!res.headersSent) replyText(res, 500, "internal error");
    });
  });
  const endpoint = await listenCallback(
    server,
    { host: config.WECOM_CALLBACK_HOST, port: config.WECOM_CALLBACK_PORT, path: "", variables: { host: "WECOM_CALLBACK_HOST", port: "WECOM_CALLBACK_PORT" } },
    pending,
  );
  const appUrl = config.WECOM_CORP_ID ? endpoint.url + config.WECOM_CALLBACK_PATH : null;
  const botUrl = config.WECOM_BOT_TOKEN ? endpoint.url + config.WECOM_BOT_PATH : null;
  if (appUrl) log.info("wecom callback listening", { url: appUrl });
  if (botUrl) log.info("wecom ai bot listening", { url: botUrl });
  return { appUrl, botUrl, idle: () => pending.idle(), close: endpoint.close };
}
