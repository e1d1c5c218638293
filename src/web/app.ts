/**
 * The HTTP API and the chat page (Hono). `createApp` only builds the routes; `startWebServer`
 * (server.ts) listens. Internal minutes exist for the web only with the configured bearer token.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { FULL_ACCESS, PUBLIC_ACCESS, type Access, type Answer, type Engine, type Intent, type Turn } from "../answer/types.js";
import { answerJson } from "../answer/json.js";
import { answerMarkdown } from "../export/markdown.js";
import { llmEnabled, type Config } from "../config.js";
import { MinutesQaError } from "../errors.js";
import type { Logger } from "../log.js";
import { userMessage } from "../messages.js";
import { createRateLimiter, type RateLimiter } from "../rate-limit/limiter.js";
import type { RedisConnection } from "../redis/connection.js";
import type { Minutes } from "../minutes/schema.js";

/** Limits of the HTTP API (also documented to clients through error messages). */
export const LIMITS = {
  /** Largest accepted JSON body of /api requests, in bytes. */
  bodyBytes: 64 * 1024,
  /** Largest accepted Telegram webhook update, in bytes. */
  webhookBytes: 1024 * 1024,
  questionChars: 500,
  historyTurns: 10,
  historyAnswerChars: 4000,
  searchQueryChars: 500,
  searchMaxK: 50,
  searchDefaultK: 10,
  idChars: 200,
} as const;

export interface WebDeps {
  log: Logger;
  /** Handles Telegram webhook updates (grammy's webhookCallback with the "std/http" adapter). */
  webhook?: (req: Request) => Promise<Response>;
  /** Path of the webhook; defaults to `webhookPath(config)`. */
  webhookPath?: string;
  /** The per-IP limiter (default: WEB_RATE_LIMIT a minute, in memory; main.ts passes one sharing REDIS_URL). */
  rateLimiter?: RateLimiter;
}

/** Node bindings set by @hono/node-server; absent under `app.request()`. */
type Bindings = { incoming?: { socket?: { remoteAddress?: string } } };
type Variables = { access: Access; auth: "token" | "none" };
export type WebEnv = { Bindings: Bindings; Variables: Variables };

const INTENTS = ["emphasis", "decision", "unit", "followup", "meta", "attendance", "list", "locate", "topic"] as const satisfies readonly Intent[];

/**
 * Where Telegram posts updates: the path of WEBHOOK_URL (the bot registers that URL with setWebhook
 * and grammY checks the X-Telegram-Bot-Api-Secret-Token header). Without WEBHOOK_URL,
 * /telegram/<WEBHOOK_SECRET or a hash of the bot token>.
 */
export function webhookPath(config: Pick<Config, "WEBHOOK_URL" | "WEBHOOK_SECRET" | "TELEGRAM_BOT_TOKEN">): string {
  if (config.WEBHOOK_URL) return new URL(config.WEBHOOK_URL).pathname;
  const secret = config.WEBHOOK_SECRET ?? createHash("sha256").update(`minutes-qa:${config.TELEGRAM_BOT_TOKEN ?? ""}`).digest("hex").slice(0, 32);
  return `/telegram/${secret}`;
}

// ---------------------------------------------------------------- validation

// Messages are predicates; `describeIssue` puts the field path in front: «question is required».
const requiredString = (max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be a string") })
    .trim()
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` });

const TurnSchema = z
  .object(
    {
      question: requiredString(LIMITS.questionChars),
      intent: z.enum(INTENTS, { error: `must be one of ${INTENTS.join(", ")}` }).optional(),
      focus: z
        .object(
          {
            minutesId: requiredString(LIMITS.idChars),
            ordinal: z.number({ error: "must be a number" }).int({ error: "must be an integer" }).positive({ error: "must be positive" }),
          },
          { error: "must be an object {minutesId, ordinal} or null" },
        )
        .nullable()
        .optional(),
      answer: z.string({ error: "must be a string" }).max(LIMITS.historyAnswerChars, { error: `must be at most ${LIMITS.historyAnswerChars} characters` }).optional(),
    },
    { error: "must be an object {question, intent?, focus?, answer?}" },
  )
  .strict();

const AskSchema = z
  .object({
    question: requiredString(LIMITS.questionChars),
    history: z
      .array(TurnSchema, { error: "must be an array of turns" })
      .max(LIMITS.historyTurns, { error: `must have at most ${LIMITS.historyTurns} turns` })
      .optional(),
  })
  .strict();

/** An optional whole-number query parameter from `min` to `max`. */
const intParam = (min: number, max: number) => {
  const range = `must be an integer from ${min} to ${max}`;
  return z
    .string()
    .regex(new RegExp(`^\\d{1,${String(max).length}}$`), { error: range })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: range }).max(max, { error: range }))
    .optional();
};

const SearchSchema = z.object({
  q: requiredString(LIMITS.searchQueryChars),
  k: intParam(1, LIMITS.searchMaxK),
});

/** /api/answer.docx and /api/answer.md: optionally how long quotes in references may be; GET names the question as `q`. */
const ExportOptionsSchema = z.object({ quoteChars: intParam(8, 2000) });
const ExportQuerySchema = ExportOptionsSchema.extend({ q: requiredString(LIMITS.questionChars) });

/** «history.0.question must not be empty» — the message names the field and where it sits. */
function describeIssue(err: z.ZodError): { field: string; message: string } {
  const issue = err.issues[0]!;
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const field = path ? `${path}.${issue.keys[0]}` : issue.keys[0]!;
    return { field, message: `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(", ")}` };
  }
  const field = path || "body";
  return { field, message: `${field} ${issue.message}` };
}

class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 413 | 415 | 429 | 500 | 502 | 503,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const { field, message } = describeIssue(r.error);
  throw new ApiError(400, "input_invalid", message, field);
}

async function readJson(c: Context<WebEnv>): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new ApiError(415, "unsupported_media_type", "body must be JSON (Content-Type: application/json)", "body");
  const text = await c.req.text();
  if (!text.trim()) throw new ApiError(400, "input_invalid", "body is empty; expected a JSON object", "body");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError(400, "input_invalid", "body is not valid JSON", "body");
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new ApiError(400, "input_invalid", "body must be a JSON object", "body");
  return data;
}

// ---------------------------------------------------------------- rate limiting

/** WEB_RATE_LIMIT requests a minute per client address, shared through `redis` when given. */
export function webRateLimiter(config: Pick<Config, "WEB_RATE_LIMIT">, redis?: RedisConnection, log?: Logger): RateLimiter {
  return createRateLimiter({ points: config.WEB_RATE_LIMIT, durationMs: 60_000, prefix: "web", ...(redis ? { redis } : {}), ...(log ? { log } : {}) });
}

/** The peer address of the TCP connection; forwarded headers are not trusted. */
function clientIp(c: Context<WebEnv>): string {
  const addr = c.env?.incoming?.socket?.remoteAddress;
  if (!addr) return "unknown";
  return addr.startsWith("::ffff:") ? addr.slice(7) : addr;
}

// ---------------------------------------------------------------- access

function digest(s: string): Buffer {
  return createHash("sha256").update(s).digest();
}

function bearerToken(header: string | undefined): string | null {
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1]! : null;
}

/** Logged for a request whose client went away before the reply (nginx's «client closed request»). */
const CLIENT_CLOSED = 499;

/** True when `err` only says that the client closed the connection. */
function clientGone(c: Context<WebEnv>, err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return c.req.raw.signal.aborted || code === "ECONNRESET" || code === "ECONNABORTED" || (err instanceof Error && err.message === "aborted");
}

// ---------------------------------------------------------------- shaping responses

/** The parsed structure without the server's file path. */
function publicMinutes(m: Minutes) {
  const { path, ...source } = m.source;
  return { ...m, source: { ...source, file: basename(path) } };
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof MinutesQaError) {
    switch (err.code) {
      case "input_invalid":
      case "usage":
        return new ApiError(400, "input_invalid", err.message, err.subject);
      case "not_found":
        return new ApiError(404, "not_found", userMessage(err));
      case "index_missing":
      case "index_corrupt":
      case "embedder_mismatch":
        return new ApiError(503, err.code, userMessage(err));
      case "embedder_unavailable":
      case "llm_unavailable":
        return new ApiError(502, err.code, userMessage(err));
      default:
        break;
    }
  }
  return new ApiError(500, "internal_error", userMessage(err));
}

function errorBody(e: ApiError) {
  return { error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
}

const STATIC_FILES: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/index.html": { file: "index.html", type: "text/html; charset=utf-8" },
  "/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/app.css": { file: "app.css", type: "text/css; charset=utf-8" },
};

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** «attachment; filename="answer.docx"; filename*=UTF-8''纪要问答-…» (RFC 6266: an ASCII name, then the question's). */
function attachment(question: string, ext: string): string {
  const name = `纪要问答-${Array.from(question.replace(/[\\/:*?"<>|\s]+/g, "")).slice(0, 30).join("")}.${ext}`;
  return `attachment; filename="answer.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// ---------------------------------------------------------------- the app

export function createApp(engine: Engine, config: Config, deps: WebDeps): Hono<WebEnv> {
  const log = deps.log.child({ component: "web" });
  const app = new Hono<WebEnv>();
  const limiter = deps.rateLimiter ?? webRateLimiter(config);
  const tokenDigest = config.WEB_API_TOKEN ? digest(config.WEB_API_TOKEN) : null;
  const hookPath = deps.webhook ? (deps.webhookPath ?? webhookPath(config)) : null;
  const staticCache = new Map<string, Buffer>();

  // Request log: method, path (webhook secret masked), status, duration. Never headers or bodies.
  app.use("*", async (c, next) => {
    const t0 = performance.now();
    await next();
    // The webhook path may embed a secret: it is logged by name only.
    const path = hookPath && c.req.path === hookPath ? "(telegram webhook)" : c.req.path;
    const fields = { method: c.req.method, path, status: c.res.status, ms: Math.round(performance.now() - t0), ip: clientIp(c), auth: c.get("auth") ?? "none" };
    if (c.res.status >= 500) log.error("http request", fields);
    else if (path === "/healthz") log.debug("http request", fields);
    else log.info("http request", fields);
  });

  app.use("*", async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("X-Frame-Options", "DENY");
    if (c.res.headers.get("content-type")?.startsWith("text/html")) c.header("Content-Security-Policy", CSP);
  });

  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    // The client went away (mid-body or mid-answer): nothing failed here, and nobody reads a reply.
    if (clientGone(c, err)) return new Response(null, { status: CLIENT_CLOSED });
    const e = toApiError(err);
    if (e.status >= 500) log.error("request failed", { path: c.req.path, code: e.code, err: err instanceof Error ? err : String(err) });
    return c.json(errorBody(e), e.status);
  });

  app.notFound((c) => {
    if (c.req.path.startsWith("/api/")) return c.json(errorBody(new ApiError(404, "not_found", `no route ${c.req.method} ${c.req.path}`)), 404);
    return c.text("404 Not Found", 404);
  });

  // Telegram webhook (no per-IP limit: all updates come from Telegram's servers).
  if (deps.webhook && hookPath) {
    const webhook = deps.webhook;
    app.post(
      hookPath,
      bodyLimit({ maxSize: LIMITS.webhookBytes, onError: (c) => c.json(errorBody(new ApiError(413, "payload_too_large", "update too large")), 413) }),
      (c) => webhook(c.req.raw),
    );
  }

  // Who is asking, and how often.
  const resolveAccess: MiddlewareHandler<WebEnv> = async (c, next) => {
    c.set("access", PUBLIC_ACCESS);
    c.set("auth", "none");
    const token = bearerToken(c.req.header("authorization"));
    if (tokenDigest && token !== null) {
      if (!timingSafeEqual(digest(token), tokenDigest)) {
        c.header("WWW-Authenticate", 'Bearer error="invalid_token"');
        throw new ApiError(401, "unauthorized", "the bearer token is not valid");
      }
      c.set("access", FULL_ACCESS);
      c.set("auth", "token");
    }
    await next();
  };

  app.use("/api/*", async (c, next) => {
    const r = await limiter.take(clientIp(c));
    c.header("X-RateLimit-Limit", String(config.WEB_RATE_LIMIT));
    if (!r.ok) {
      c.header("Retry-After", String(r.retryAfterSeconds));
      throw new ApiError(429, "rate_limited", `too many requests; try again in ${r.retryAfterSeconds} s (limit ${config.WEB_RATE_LIMIT} per minute)`);
    }
    c.header("X-RateLimit-Remaining", String(r.remaining));
    c.header("Cache-Control", "no-store");
    c.header("Vary", "Authorization");
    await next();
  });
  app.use("/api/*", resolveAccess);
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: LIMITS.bodyBytes,
      onError: (c) => c.json(errorBody(new ApiError(413, "payload_too_large", `body must be at most ${LIMITS.bodyBytes} bytes`, "body")), 413),
    }),
  );

  /** Keeps only history focus the caller may see, so a turn cannot point the engine at hidden minutes. */
  const historyFor = (history: Turn[] | undefined, access: Access): Turn[] | undefined =>
    history?.map((t) => (t.focus && !engine.getMinutes(t.focus.minutesId, access) ? { ...t, focus: null } : t));

  /**
   * The JSON of `minutes ask --json`, plus `focus` (the item the answer is about) for the client to send
   * back in `history`. Defence in depth: a public caller never receives an internal citation.
   */
  const answerBody = (a: Answer, access: Access) => {
    if (!access.internal && a.citations.some((ci) => ci.visibility !== "public")) {
      log.error("engine returned an internal citation to a public caller", { question: a.question });
      throw new ApiError(500, "internal_error", userMessage(null));
    }
    return { ...answerJson(a), focus: a.focus };
  };

  app.post("/api/ask", async (c) => {
    const body = parseOrThrow(AskSchema, await readJson(c));
    const access = c.get("access");
    const answer = await engine.ask(body.question, { history: historyFor(body.history, access), access, signal: c.req.raw.signal });
    return c.json(answerBody(answer, access));
  });

  app.post("/api/ask/stream", async (c) => {
    const body = parseOrThrow(AskSchema, await readJson(c));
    const access = c.get("access");
    const abort = new AbortController();
    const onClientGone = () => abort.abort();
    c.req.raw.signal.addEventListener("abort", onClientGone, { once: true });
    return streamSSE(c, async (stream) => {
      stream.onAbort(onClientGone);
      try {
        for await (const ev of engine.askStream(body.question, { history: historyFor(body.history, access), access, signal: abort.signal })) {
          if (abort.signal.aborted) break;
          if ("delta" in ev) await stream.writeSSE({ event: "delta", data: JSON.stringify({ text: ev.delta }) });
          else await stream.writeSSE({ event: "final", data: JSON.stringify(answerBody(ev.final, access)) });
        }
      } catch (err) {
        const e = toApiError(err);
        if (e.status >= 500) log.error("stream failed", { code: e.code, err: err instanceof Error ? err : String(err) });
        if (!abort.signal.aborted) await stream.writeSSE({ event: "error", data: JSON.stringify(errorBody(e).error) });
      } finally {
        c.req.raw.signal.removeEventListener("abort", onClientGone);
      }
    });
  });

  app.get("/api/search", async (c) => {
    const { q, k } = parseOrThrow(SearchSchema, { q: c.req.query("q"), k: c.req.query("k") });
    const access = c.get("access");
    const want = k ?? LIMITS.searchDefaultK;
    const hits = (await engine.search(q, { k: want, access })).filter((h) => access.internal || h.visibility === "public");
    return c.json({ query: q, k: want, hits: hits.map((h, i) => ({ n: i + 1, ...h })) });
  });

  /**
   * An answer exported as a file: the same engine call and access rule as /api/ask. GET takes `?q=`;
   * POST takes the body of /api/ask, so a follow-up exports with the conversation it was asked in.
   */
  const exportAnswer = async (c: Context<WebEnv>) => {
    const access = c.get("access");
    const { quoteChars } = parseOrThrow(ExportOptionsSchema, { quoteChars: c.req.query("quoteChars") });
    const ask =
      c.req.method === "POST"
        ? parseOrThrow(AskSchema, await readJson(c))
        : { question: parseOrThrow(ExportQuerySchema, { q: c.req.query("q"), quoteChars: c.req.query("quoteChars") }).q, history: undefined };
    const answer = await engine.ask(ask.question, { history: historyFor(ask.history, access), access, signal: c.req.raw.signal });
    answerBody(answer, access);
    return { answer, opts: quoteChars === undefined ? {} : { maxQuoteChars: quoteChars } };
  };

  app.on(["GET", "POST"], "/api/answer.docx", async (c) => {
    const { answer, opts } = await exportAnswer(c);
    const { answerDocx } = await import("../export/docx.js");
    const buf = await answerDocx(answer, opts);
    return c.body(new Uint8Array(buf), 200, { "Content-Type": DOCX_TYPE, "Content-Disposition": attachment(answer.question, "docx") });
  });

  app.on(["GET", "POST"], "/api/answer.md", async (c) => {
    const { answer, opts } = await exportAnswer(c);
    return c.body(answerMarkdown(answer, opts), 200, { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": attachment(answer.question, "md") });
  });

  app.get("/api/minutes", (c) => {
    const list = engine.listMinutes(c.get("access")).map((m) => ({
      id: m.id,
      title: m.title,
      kind: m.kind,
      number: m.number,
      meetingDate: m.meetingDate,
      issuedOn: m.issuedOn,
      itemCount: m.itemCount,
      visibility: m.visibility,
    }));
    return c.json({ minutes: list });
  });

  const idParam = (c: Context<WebEnv>) => {
    const id = c.req.param("id") ?? "";
    return id.length > 0 && id.length <= LIMITS.idChars ? id : null;
  };
  const notFound = (what: string) => new ApiError(404, "not_found", what);

  app.get("/api/minutes/:id", (c) => {
    const id = idParam(c);
    const m = id ? engine.getMinutes(id, c.get("access")) : null;
    if (!m) throw notFound(`no minutes with id «${id ?? ""}»`);
    return c.json(publicMinutes(m));
  });

  app.get("/api/minutes/:id/items/:ordinal", (c) => {
    const id = idParam(c);
    const raw = c.req.param("ordinal");
    if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1) throw new ApiError(400, "input_invalid", "ordinal must be a positive integer (1 for 一、)", "ordinal");
    const ordinal = Number(raw);
    const access = c.get("access");
    const m = id ? engine.getMinutes(id, access) : null;
    if (!m) throw notFound(`no minutes with id «${id ?? ""}»`);
    const found = engine.getItem(m.id, ordinal, access);
    if (!found) throw notFound(`minutes «${m.id}» has no item ${ordinal}`);
    const { item } = found;
    const ordinals = m.items.map((i) => i.ordinal);
    const at = ordinals.indexOf(ordinal);
    return c.json({
      minutesId: m.id,
      title: m.title,
      number: m.number,
      year: m.year,
      meetingDate: m.meeting.date,
      visibility: m.visibility,
      /** `text` is `minutes.text.slice(start, end)`: a citation's quote is at `citation.start - start`. */
      item: { ...item, text: m.text.slice(item.start, item.end) },
      prev: at > 0 ? ordinals[at - 1] : null,
      next: at >= 0 && at < ordinals.length - 1 ? ordinals[at + 1] : null,
    });
  });

  app.get("/healthz", (c) => {
    const token = bearerToken(c.req.header("authorization"));
    const authorized = Boolean(tokenDigest && token !== null && timingSafeEqual(digest(token), tokenDigest));
    // The body depends on the token: no cache may keep one caller's answer for another.
    c.header("Cache-Control", "no-store");
    c.header("Vary", "Authorization");
    const s = engine.status();
    const base = { status: "ok" as const, mode: llmEnabled(config) ? "llm" : "extractive", indexedAt: s.indexedAt, embedder: s.embedder };
    // Without the token, counts cover public minutes only (internal ones do not exist for the web).
    if (authorized) return c.json({ ...base, documents: s.documents, passages: s.passages });
    return c.json({ ...base, documents: engine.listMinutes(PUBLIC_ACCESS).length });
  });

  app.get("*", async (c, next) => {
    const entry = STATIC_FILES[c.req.path];
    if (!entry) return next();
    let buf = staticCache.get(entry.file);
    if (!buf) {
      buf = await readFile(new URL(`./public/${entry.file}`, import.meta.url));
      staticCache.set(entry.file, buf);
    }
    return c.body(new Uint8Array(buf), 200, { "Content-Type": entry.type, "Cache-Control": "no-cache" });
  });

  return app;
}
