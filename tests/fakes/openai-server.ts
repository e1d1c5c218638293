/**
 * A fake OpenAI-compatible API on 127.0.0.1 (chat completions incl. SSE
 * streaming, embeddings incl. base64 encoding, models), so production code runs
 * its real OpenAI / LangChain clients against it.
 *
 * See tests/fakes/README.md for usage.
 */
import http from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export interface FakeOpenAIOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Default embedding size (a request's `dimensions` wins). Default 64. */
  dimensions?: number;
  /** Ids listed by GET /v1/models. */
  models?: string[];
  /** Characters per streamed content chunk when a reply has no `chunks`. Default 8. */
  chunkSize?: number;
  /**
   * Reject `strict: true` JSON schemas (response_format or function tools) that
   * real OpenAI rejects: every object needs `additionalProperties: false` and
   * every property listed in `required`. Default true.
   */
  validateStrictSchemas?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path without query string, e.g. "/v1/chat/completions". */
  path: string;
  /** Parsed JSON body (or the raw text when it is not JSON; undefined when empty). */
  body: Json | string | undefined;
  headers: http.IncomingHttpHeaders;
  at: number;
}

export interface ChatMessage {
  role: string;
  content: string | Array<{ type: string; text?: string; [k: string]: unknown }> | null;
  [k: string]: unknown;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** e.g. {type:"json_schema", json_schema:{name, schema, strict?}} from withStructuredOutput. */
  response_format?: Json;
  tools?: Json[];
  tool_choice?: unknown;
  stream: boolean;
  /** Text of the last user message (text parts joined). */
  lastUserText: string;
  /** Text of the system/developer messages joined with "\n". */
  systemText: string;
  /** The full request body. */
  body: Json;
  headers: http.IncomingHttpHeaders;
}

export interface ToolCallSpec {
  name: string;
  /** Object (JSON-encoded for you) or an already-encoded string. */
  arguments: unknown;
  id?: string;
}

interface ReplyOptions {
  /** Wait this long before answering (to test client timeouts). */
  delayMs?: number;
  /** Override finish_reason (e.g. "length"). */
  finishReason?: string;
  /** Streaming only: exact content pieces to send. */
  chunks?: string[];
  /** Streaming only: pause between chunks. */
  chunkDelayMs?: number;
  /** Streaming only: destroy the connection after this many content chunks. */
  abortAfterChunks?: number;
  usage?: { prompt_tokens: number; completion_tokens: number };
}
export type ChatReply = ReplyOptions &
  (
    | { content: string }
    | { json: unknown }
    | { toolCall: ToolCallSpec }
    | { toolCalls: ToolCallSpec[] }
    | { status: number; body?: unknown; headers?: Record<string, string> }
    | { raw: string }
  );
export type ChatHandler = (req: ChatRequest) => ChatReply | Promise<ChatReply>;

export interface FakeOpenAI {
  /** "http://127.0.0.1:PORT/v1": pass as OpenAI/LangChain `baseURL`. */
  readonly baseURL: string;
  readonly apiKey: string | undefined;
  readonly requests: RecordedRequest[];
  /** Requests whose path ends with `suffix`, e.g. requestsTo("/embeddings"). */
  requestsTo(suffix: string): RecordedRequest[];
  /** Parsed chat requests seen so far. */
  readonly chatRequests: ChatRequest[];
  /** Replace the chat behaviour (default: answer "未找到"). */
  onChat(handler: ChatHandler): void;
  /** One-shot replies served (in order) before the handler is consulted. */
  enqueueChat(...replies: ChatReply[]): void;
  /** Fail the next `n` embedding requests with `status` (default 500). */
  failEmbeddings(n: number, status?: number): void;
  close(): Promise<void>;
}

const DEFAULT_REPLY: ChatReply = { content: "未找到" };

function errorBody(status: number, message?: string): Json {
  const table: Record<number, [string, string, string | null]> = {
    400: ["Invalid request.", "invalid_request_error", null],
    401: ["Incorrect API key provided.", "invalid_request_error", "invalid_api_key"],
    403: ["You are not allowed to sample from this model", "invalid_request_error", null],
    404: ["The model does not exist or you do not have access to it.", "invalid_request_error", "model_not_found"],
    429: ["Rate limit reached for requests. Please try again in 20ms.", "requests", "rate_limit_exceeded"],
    500: ["The server had an error while processing your request. Sorry about that!", "server_error", null],
    503: ["The engine is currently overloaded, please try again later.", "server_error", null],
  };
  const [msg, type, code] = table[status] ?? [`HTTP ${status}`, "server_error", null];
  return { error: { message: message ?? msg, type, param: null, code } };
}

/** Rough token estimate, good enough for `usage`. */
const tokens = (s: string) => Math.max(1, Math.ceil([...s].length / 2));

const contentText = (c: ChatMessage["content"]): string =>
  typeof c === "string" ? c : Array.isArray(c) ? c.map((p) => (typeof p.text === "string" ? p.text : "")).join("") : "";

/**
 * The fake embedding: hashed character unigrams and bigrams (signed feature
 * hashing), L2-normalised. Deterministic; texts sharing characters/bigrams get
 * high cosine similarity. Exported so tests can compute expected vectors.
 */
export function fakeEmbedding(text: string, dimensions = 64): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const chars = [...text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim()];
  const add = (feature: string, weight: number) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < feature.length; i++) {
      h ^= feature.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    v[h % dimensions]! += (h & 0x80000000 ? -1 : 1) * weight;
  };
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== " ") add(`u:${chars[i]}`, 0.5);
    if (i + 1 < chars.length) add(`b:${chars[i]}${chars[i + 1]}`, 1);
  }
  let norm = Math.hypot(...v);
  if (norm === 0) {
    v[0] = 1;
    norm = 1;
  }
  return v.map((x) => x / norm);
}

/**
 * OpenAI's structured-outputs rule for strict schemas; returns the error message
 * OpenAI would send, or undefined when the schema is acceptable.
 */
export function strictSchemaError(schema: unknown, label: string): string | undefined {
  const walk = (node: unknown, ctx: string[]): string | undefined => {
    if (!node || typeof node !== "object") return undefined;
    if (Array.isArray(node)) {
      for (const [i, x] of node.entries()) {
        const e = walk(x, [...ctx, String(i)]);
        if (e) return e;
      }
      return undefined;
    }
    const n = node as Json;
    const where = `In context=(${ctx.map((c) => `'${c}'`).join(", ")})`;
    if (n.type === "object" || (n.properties && typeof n.properties === "object")) {
      if (n.additionalProperties !== false) {
        return `Invalid schema for ${label}: ${where}, 'additionalProperties' is required to be supplied and to be false.`;
      }
      const keys = Object.keys((n.properties as Json | undefined) ?? {});
      const required = Array.isArray(n.required) ? (n.required as string[]) : [];
      const missing = keys.filter((k) => !required.includes(k));
      if (missing.length) {
        return `Invalid schema for ${label}: ${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
      }
      for (const k of keys) {
        const e = walk((n.properties as Json)[k], [...ctx, "properties", k]);
        if (e) return e;
      }
    }
    for (const key of ["items", "anyOf", "allOf", "$defs", "definitions"]) {
      if (!(key in n)) continue;
      const child = n[key] as unknown;
      if (key === "$defs" || key === "definitions") {
        for (const [name, def] of Object.entries((child as Json) ?? {})) {
          const e = walk(def, [...ctx, key, name]);
          if (e) return e;
        }
      } else {
        const e = walk(child, [...ctx, key]);
        if (e) return e;
      }
    }
    return undefined;
  };
  return walk(schema, []);
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb) || 1);
}

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const chatRequests: ChatRequest[] = [];
  const queued: ChatReply[] = [];
  let handler: ChatHandler = () => DEFAULT_REPLY;
  let embeddingFailures: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const models = opts.models ?? ["fake-model", "text-embedding-3-small"];
  const created = Math.floor(Date.now() / 1000);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  const alive = (res: http.ServerResponse) => !res.destroyed && !res.writableEnded;
  const sendJson = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (!alive(res)) return;
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(text)),
      "x-request-id": `req_${randomBytes(12).toString("hex")}`,
      "openai-processing-ms": "1",
      ...headers,
    });
    res.end(text);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void handle(req, res, Buffer.concat(chunks).toString("utf8")).catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, errorBody(500, `fake OpenAI handler failed: ${String((e as Error)?.message ?? e)}`));
        else res.destroy();
      });
    });
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, raw: string) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname.replace(/\/+$/, "");
    let body: Json | string | undefined;
    if (raw !== "") {
      try {
        body = JSON.parse(raw) as Json;
      } catch {
        body = raw;
      }
    }
    requests.push({ method: req.method ?? "GET", path, body, headers: req.headers, at: Date.now() });

    if (opts.apiKey !== undefined) {
      const auth = req.headers.authorization;
      if (!auth) {
        return sendJson(
          res,
          401,
          errorBody(
            401,
            "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          ),
        );
      }
      if (auth !== `Bearer ${opts.apiKey}`) {
        return sendJson(res, 401, errorBody(401, `Incorrect API key provided: ${auth.replace(/^Bearer\s+/i, "").slice(0, 3)}***.`));
      }
    }
    const route = `${req.method} ${path}`;
    if (route === "GET /v1/models") {
      return sendJson(res, 200, { object: "list", data: models.map((id) => ({ id, object: "model", created, owned_by: "openai" })) });
    }
    const model = /^GET \/v1\/models\/(.+)$/.exec(route);
    if (model) {
      const id = decodeURIComponent(model[1]!);
      if (!models.includes(id)) return sendJson(res, 404, errorBody(404, `The model '${id}' does not exist`));
      return sendJson(res, 200, { id, object: "model", created, owned_by: "openai" });
    }
    if (route === "POST /v1/embeddings") return embeddings(res, body);
    if (route === "POST /v1/chat/completions") return chat(req, res, body);
    return sendJson(res, 404, errorBody(404, `Invalid URL (${req.method} ${path})`));
  };

  // ---------- embeddings ----------
  const embeddings = (res: http.ServerResponse, body: Json | string | undefined) => {
    if (embeddingFailures.length) {
      const status = embeddingFailures.shift()!;
      return sendJson(res, status, errorBody(status), status === 429 ? { "retry-after": "0" } : {});
    }
    if (!body || typeof body !== "object") return sendJson(res, 400, errorBody(400, "We could not parse the JSON body of your request."));
    if (typeof body.model !== "string" || body.model === "") return sendJson(res, 400, errorBody(400, "you must provide a model parameter"));
    const input: unknown = body.input;
    let texts: string[];
    if (typeof input === "string") texts = [input];
    else if (Array.isArray(input) && input.every((x) => typeof x === "string")) texts = input as string[];
    else if (Array.isArray(input) && input.every((x) => typeof x === "number")) texts = [(input as number[]).join(" ")];
    else if (Array.isArray(input) && input.every((x) => Array.isArray(x))) texts = (input as number[][]).map((t) => t.join(" "));
    else return sendJson(res, 400, errorBody(400, "'input' is a required property"));
    if (texts.length === 0 || texts.length > 2048 || texts.some((t) => t === "")) {
      return sendJson(res, 400, errorBody(400, "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference."));
    }
    const dims = Number(body.dimensions ?? opts.dimensions ?? 64);
    const base64 = body.encoding_format === "base64";
    const data = texts.map((t, index) => {
      const vec = fakeEmbedding(t, dims);
      const embedding = base64 ? Buffer.from(new Float32Array(vec).buffer).toString("base64") : vec;
      return { object: "embedding", index, embedding };
    });
    const used = texts.reduce((n, t) => n + tokens(t), 0);
    return sendJson(res, 200, { object: "list", data, model: body.model, usage: { prompt_tokens: used, total_tokens: used } });
  };

  // ---------- chat ----------
  const chat = async (req: http.IncomingMessage, res: http.ServerResponse, body: Json | string | undefined) => {
    if (!body || typeof body !== "object") return sendJson(res, 400, errorBody(400, "We could not parse the JSON body of your request."));
    if (typeof body.model !== "string" || body.model === "") return sendJson(res, 400, errorBody(400, "you must provide a model parameter"));
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return sendJson(res, 400, errorBody(400, "[] is too short - 'messages'"));
    }
    if (opts.validateStrictSchemas ?? true) {
      const rf = body.response_format as Json | undefined;
      let problem: string | undefined;
      let param = "response_format";
      if (rf?.type === "json_schema" && rf.json_schema?.strict === true) {
        problem = strictSchemaError(rf.json_schema.schema, `response_format '${String(rf.json_schema.name)}'`);
      }
      for (const [i, tool] of (Array.isArray(body.tools) ? (body.tools as Json[]) : []).entries()) {
        if (problem) break;
        if (tool?.function?.strict === true) {
          problem = strictSchemaError(tool.function.parameters, `function '${String(tool.function.name)}'`);
          param = `tools[${i}].function.parameters`;
        }
      }
      if (problem) {
        return sendJson(res, 400, {
          error: { message: problem, type: "invalid_request_error", param, code: param === "response_format" ? null : "invalid_function_parameters" },
        });
      }
    }
    const messages = body.messages as ChatMessage[];
    const request: ChatRequest = {
      model: body.model,
      messages,
      ...(body.response_format !== undefined ? { response_format: body.response_format as Json } : {}),
      ...(body.tools !== undefined ? { tools: body.tools as Json[] } : {}),
      ...(body.tool_choice !== undefined ? { tool_choice: body.tool_choice as unknown } : {}),
      stream: body.stream === true,
      lastUserText: contentText([...messages].reverse().find((m) => m.role === "user")?.content ?? ""),
      systemText: messages
        .filter((m) => m.role === "system" || m.role === "developer")
        .map((m) => contentText(m.content))
        .join("\n"),
      body,
      headers: req.headers,
    };
    chatRequests.push(request);
    const reply = queued.length ? queued.shift()! : await handler(request);
    if (reply.delayMs) await sleep(reply.delayMs);
    if (!alive(res)) return;

    if ("status" in reply) return sendJson(res, reply.status, reply.body ?? errorBody(reply.status), reply.headers);
    if ("raw" in reply) {
      if (!alive(res)) return;
      res.writeHead(200, { "content-type": request.stream ? "text/event-stream" : "application/json" });
      res.end(reply.raw);
      return;
    }

    const id = `chatcmpl-${randomBytes(12).toString("hex")}`;
    const createdAt = Math.floor(Date.now() / 1000);
    const toolSpecs = "toolCall" in reply ? [reply.toolCall] : "toolCalls" in reply ? reply.toolCalls : undefined;
    const content = "content" in reply ? reply.content : "json" in reply ? JSON.stringify(reply.json) : null;
    const toolCalls = toolSpecs?.map((t) => ({
      id: t.id ?? `call_${randomBytes(12).toString("base64url")}`,
      type: "function" as const,
      function: { name: t.name, arguments: typeof t.arguments === "string" ? t.arguments : JSON.stringify(t.arguments ?? {}) },
    }));
    // OpenAI reports "stop" (not "tool_calls") when tool_choice forces a named function.
    const forced = typeof request.tool_choice === "object" && request.tool_choice !== null;
    const finish = reply.finishReason ?? (toolCalls && !forced ? "tool_calls" : "stop");
    const promptTokens = reply.usage?.prompt_tokens ?? messages.reduce((n, m) => n + tokens(contentText(m.content)) + 4, 0);
    const completionTokens = reply.usage?.completion_tokens ?? tokens((content ?? "") + (toolCalls?.map((t) => t.function.arguments).join("") ?? ""));
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
    const base = { id, created: createdAt, model: request.model, system_fingerprint: "fp_fake" };

    if (!request.stream) {
      return sendJson(res, 200, {
        ...base,
        object: "chat.completion",
        choices: [
          {
            index: 0,
            message: { role: "assistant", content, refusal: null, ...(toolCalls ? { tool_calls: toolCalls } : {}), annotations: [] },
            logprobs: null,
            finish_reason: finish,
          },
        ],
        usage,
        service_tier: "default",
      });
    }

    // ---- SSE streaming ----
    const includeUsage = (body.stream_options as Json | undefined)?.include_usage === true;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "x-request-id": `req_${randomBytes(12).toString("hex")}`,
    });
    const emit = (choices: Json[], extra: Json = {}) => {
      if (!alive(res)) return false;
      res.write(
        `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", service_tier: "default", choices, ...(includeUsage ? { usage: null } : {}), ...extra })}\n\n`,
      );
      return true;
    };
    const delta = (d: Json, finishReason: string | null = null) => ({ index: 0, delta: d, logprobs: null, finish_reason: finishReason });

    emit([delta({ role: "assistant", content: toolCalls ? null : "", refusal: null })]);
    let sent = 0;
    const pause = async () => {
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
    };
    if (content !== null && content !== "") {
      const size = Math.max(1, opts.chunkSize ?? 8);
      const cps = [...content];
      const pieces = reply.chunks ?? Array.from({ length: Math.ceil(cps.length / size) }, (_, i) => cps.slice(i * size, (i + 1) * size).join(""));
      for (const piece of pieces) {
        if (reply.abortAfterChunks !== undefined && sent >= reply.abortAfterChunks) {
          res.destroy();
          return;
        }
        await pause();
        if (!emit([delta({ content: piece })])) return;
        sent++;
      }
    }
    for (const [index, t] of (toolCalls ?? []).entries()) {
      emit([delta({ tool_calls: [{ index, id: t.id, type: "function", function: { name: t.function.name, arguments: "" } }] })]);
      const args = t.function.arguments;
      for (let i = 0; i < args.length; i += 16) {
        await pause();
        if (!emit([delta({ tool_calls: [{ index, function: { arguments: args.slice(i, i + 16) } }] })])) return;
      }
    }
    if (reply.abortAfterChunks !== undefined && sent >= reply.abortAfterChunks && content) {
      res.destroy();
      return;
    }
    emit([delta({}, finish)]);
    if (includeUsage && alive(res)) {
      res.write(`data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", service_tier: "default", choices: [], usage })}\n\n`);
    }
    if (alive(res)) res.end("data: [DONE]\n\n");
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey: opts.apiKey,
    requests,
    requestsTo: (suffix) => requests.filter((r) => r.path.endsWith(suffix)),
    chatRequests,
    onChat(h) {
      handler = h;
    },
    enqueueChat(...replies) {
      queued.push(...replies);
    },
    failEmbeddings(n, status = 500) {
      embeddingFailures = embeddingFailures.concat(new Array<number>(n).fill(status));
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
