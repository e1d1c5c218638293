/**
 * The HTTP API and the chat page (Hono). `createApp` only assembles middleware
 * (middleware/) and routes (routes/); `startWebServer` (server.ts) listens.
 * Internal minutes exist for the web only with the configured bearer token.
 */
import { createHash } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { Engine } from "../answer/types.js";
import type { Config } from "../config.js";
import { type FeedbackSink, jsonlFeedbackLog } from "../bot/feedback.js";
import type { Logger } from "../log.js";
import type { RateLimiter } from "../rate-limit/limiter.js";
import { CLIENT_CLOSED, clientGone, type WebEnv } from "./env.js";
import { ApiError, errorBody, toApiError } from "./errors.js";
import { resolveAccess } from "./middleware/access.js";
import { rateLimit, webRateLimiter } from "./middleware/rate-limit.js";
import { requestLog } from "./middleware/request-log.js";
import { askRoutes } from "./routes/ask.js";
import { configRoute } from "./routes/config.js";
import { feedbackRoute } from "./routes/feedback.js";
import { healthRoute } from "./routes/health.js";
import { ledgerRoutes } from "./routes/ledger.js";
import { markStore } from "../ledger/marks.js";
import { LedgerService } from "../ledger/service.js";
import { minutesRoutes } from "./routes/minutes.js";
import { overviewRoute } from "./routes/overview.js";
import { pageRoutes } from "./routes/page.js";
import { LIMITS } from "./schemas.js";

export { LIMITS } from "./schemas.js";
export { webRateLimiter } from "./middleware/rate-limit.js";
export type { WebEnv } from "./env.js";

export interface WebDeps {
  log: Logger;
  /** Handles Telegram webhook updates (grammy's webhookCallback with the "std/http" adapter). */
  webhook?: (req: Request) => Promise<Response>;
  /** Path of the webhook; defaults to `webhookPath(config)`. */
  webhookPath?: string;
  /** The per-IP limiter (default: WEB_RATE_LIMIT a minute, in memory; main.ts passes one sharing REDIS_URL). */
  rateLimiter?: RateLimiter;
  /** Where 👍/👎 from the page go (default: FEEDBACK_LOG, the bot's JSONL file). */
  feedback?: FeedbackSink;
  /** The 督办台账 (default: over `engine`, marks in LEDGER_MARKS; main.ts passes the one the chats and the digest share). */
  ledger?: LedgerService;
}

/**
 * Where Telegram posts updates: the path of WEBHOOK_URL (the bot registers that URL with setWebhook
 * and grammY checks the X-Telegram-Bot-Api-Secret-Token header). Without WEBHOOK_URL,
 * /telegram/<WEBHOOK_SECRET or a hash of the bot token>.
 */
export function webhookPath(config: Pick<Config, "WEBHOOK_URL" | "WEBHOOK_SECRET" | "TELEGRAM_BOT_TOKEN">): string {
  if (config.WEBHOOK_URL) return new URL(config.WEBHOOK_URL).pathname;
  const secret =
    config.WEBHOOK_SECRET ??
    createHash("sha256")
      .update(`minutes-qa:${config.TELEGRAM_BOT_TOKEN ?? ""}`)
      .digest("hex")
      .slice(0, 32);
  return `/telegram/${secret}`;
}

/** The page loads only its own files; nothing may frame it. */
const SECURE_HEADERS = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: "DENY",
  // TLS, where there is any, ends in front of this server: HSTS is the proxy's to send.
  strictTransportSecurity: false,
});

/** The web app: request log, security headers, webhook, then /api (rate limit, access, body limit) and the page. */
export function createApp(engine: Engine, config: Config, deps: WebDeps): Hono<WebEnv> {
  const log = deps.log.child({ component: "web" });
  const app = new Hono<WebEnv>();
  const hookPath = deps.webhook ? (deps.webhookPath ?? webhookPath(config)) : null;
  const tooLarge = (message: string, field?: string) => new ApiError(413, "payload_too_large", message, field).getResponse();

  app.use("*", requestLog(log, hookPath));
  app.use("*", SECURE_HEADERS);

  app.onError((err, c) => {
    // The client went away (mid-body or mid-answer): nothing failed here, and nobody reads a reply.
    if (!(err instanceof HTTPException) && clientGone(c, err)) return new Response(null, { status: CLIENT_CLOSED });
    if (err instanceof HTTPException && !(err instanceof ApiError)) return err.getResponse();
    const e = toApiError(err);
    if (e.status >= 500) log.error("request failed", { path: c.req.path, code: e.code, err: err instanceof Error ? err : String(err) });
    const res = e.getResponse();
    // Headers middleware set before the error (Retry-After, WWW-Authenticate, security headers) stay.
    c.res.headers.forEach((v, k) => {
      if (k !== "content-type" && k !== "content-length") res.headers.set(k, v);
    });
    return res;
  });

  app.notFound((c) => {
    if (c.req.path.startsWith("/api/")) return c.json(errorBody(new ApiError(404, "not_found", `no route ${c.req.method} ${c.req.path}`)), 404);
    return c.text("404 Not Found", 404);
  });

  // Telegram webhook (no per-IP limit: all updates come from Telegram's servers).
  if (deps.webhook && hookPath) {
    const webhook = deps.webhook;
    app.post(hookPath, bodyLimit({ maxSize: LIMITS.webhookBytes, onError: () => tooLarge("update too large") }), (c) => webhook(c.req.raw));
  }

  app.use("/api/*", rateLimit(deps.rateLimiter ?? webRateLimiter(config), config));
  app.use("/api/*", resolveAccess(config.WEB_API_TOKEN));
  app.use("/api/*", bodyLimit({ maxSize: LIMITS.bodyBytes, onError: () => tooLarge(`body must be at most ${LIMITS.bodyBytes} bytes`, "body") }));

  askRoutes(app, engine, log);
  minutesRoutes(app, engine);
  ledgerRoutes(app, deps.ledger ?? new LedgerService({ engine, marks: markStore(config) }));
  healthRoute(app, engine, config);
  configRoute(app);
  overviewRoute(app, engine);
  feedbackRoute(app, engine, deps.feedback ?? jsonlFeedbackLog(config.FEEDBACK_LOG));
  pageRoutes(app);
  return app;
}
