import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { answerJson } from "../../src/answer/json.js";
import { LIMITS as SHARED_LIMITS } from "../../src/limits.js";
import { createApp, LIMITS, webhookPath, webRateLimiter } from "../../src/web/app.js";
import { ROOT } from "../helpers/paths.js";
import { memoryLogger, openTestEngine } from "./helpers.js";

const TOKEN = "test-web-token-7f3a9c";
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const JSON_HEADERS = { "Content-Type": "application/json" };

let t: Awaited<ReturnType<typeof openTestEngine>>;

beforeAll(async () => {
  t = await openTestEngine();
});
afterAll(async () => {
  await t?.cleanup();
});

/** A fresh app (fresh rate limiter) over the shared real engine. */
function app(env: Record<string, string> = {}, deps: Partial<Parameters<typeof createApp>[2]> = {}) {
  const mem = memoryLogger();
  const a = createApp(t.engine, t.config({ WEB_API_TOKEN: TOKEN, WEB_RATE_LIMIT: "1000", ...env }), { log: mem.log, ...deps });
  return Object.assign(a, { logLines: mem.lines });
}

function post(a: ReturnType<typeof app>, path: string, body: unknown, headers: Record<string, string> = {}) {
  return a.request(path, { method: "POST", headers: { ...JSON_HEADERS, ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
}

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string; field?: string } };
  return body.error;
}

describe("POST /api/ask", () => {
  it("answers «交通规划强调了什么» with item 七 cited, as `minutes ask --json` would", async () => {
    const a = app();
    const res = await post(a, "/api/ask", { question: "交通规划强调了什么" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.found).toBe(true);
    expect(body.question).toBe("交通规划强调了什么");
    expect(body.mode).toBe("extractive");
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.citations.some((c: any) => c.item?.ordinal === 7 && c.item.label === "七")).toBe(true);
    // Same object as the CLI's JSON, plus `focus` for follow-ups.
    const direct = await t.engine.ask("交通规划强调了什么");
    expect(body).toEqual({ ...JSON.parse(JSON.stringify(answerJson(direct))), focus: direct.focus, record: direct.record ?? null });
    for (const c of body.citations) {
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining(["n", "minutesId", "title", "number", "meetingDate", "item", "section", "quote", "start", "end", "score"]),
      );
      const m = t.engine.getMinutes(c.minutesId)!;
      expect(m.text.slice(c.start, c.end)).toBe(c.quote);
      expect(body.answer).toContain(`[${c.n}]`);
    }
  });

  it("uses history for follow-ups: «那住房规划呢？» after the traffic question cites item 八", async () => {
    const a = app();
    const first = await (await post(a, "/api/ask", { question: "交通规划强调了什么" })).json();
    const res = await post(a, "/api/ask", {
      question: "那住房规划呢？",
      history: [{ question: first.question, intent: first.intent, focus: first.focus, answer: first.answer }],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.found).toBe(true);
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.citations.every((c: any) => c.item?.ordinal === 8)).toBe(true);
  });

  it("answers who chaired the meeting with a header quote", async () => {
    const body = await (await post(app(), "/api/ask", { question: "这次会议是谁主持的？" })).json();
    expect(body.found).toBe(true);
    expect(body.citations[0].quote).toContain("胡卫江");
  });

  it.each([
    ["missing question", {}, "question", /question is required/],
    ["empty question", { question: "   " }, "question", /question must not be empty/],
    ["question of invisible characters only", { question: "\u200b\u200c\u200d\u2060\ufeff" }, "question", /question must not be empty/],
    ["too long question", { question: "问".repeat(LIMITS.questionChars + 1) }, "question", /question must be at most 500 characters/],
    ["question of the wrong type", { question: 42 }, "question", /question must be a string/],
    ["history that is not an array", { question: "交通", history: "earlier" }, "history", /history must be an array/],
    ["history turn without question", { question: "交通", history: [{ answer: "x" }] }, "history.0.question", /history\.0\.question is required/],
    [
      "history focus with a string ordinal",
      { question: "交通", history: [{ question: "a", focus: { minutesId: "x", ordinal: "7" } }] },
      "history.0.focus.ordinal",
      /must be a number/,
    ],
    ["history with an unknown intent", { question: "交通", history: [{ question: "a", intent: "gossip" }] }, "history.0.intent", /must be one of/],
    [
      "too many history turns",
      { question: "交通", history: Array.from({ length: LIMITS.historyTurns + 1 }, () => ({ question: "a" })) },
      "history",
      new RegExp(`at most ${LIMITS.historyTurns} turns`),
    ],
    ["an unknown field", { question: "交通", stream: true }, "stream", /unknown field stream/],
  ])("400 for %s, naming the field", async (_name, body, field, message) => {
    const res = await post(app(), "/api/ask", body);
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe("input_invalid");
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
  });

  it("400 for a body that is not JSON, or not an object", async () => {
    for (const raw of ["{question:", "", "[]", '"交通"', "null"]) {
      const res = await post(app(), "/api/ask", raw);
      expect(res.status, raw).toBe(400);
      const err = await errorOf(res);
      expect(err.field).toBe("body");
    }
  });

  it("415 when the body is not declared as JSON", async () => {
    const res = await app().request("/api/ask", { method: "POST", headers: { "Content-Type": "text/plain" }, body: JSON.stringify({ question: "交通" }) });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).message).toMatch(/application\/json/);
  });

  it("413 for a body over the size limit", async () => {
    const big = JSON.stringify({ question: "交通", history: [{ question: "a", answer: "x".repeat(LIMITS.bodyBytes) }] });
    const res = await post(app(), "/api/ask", big, { "Content-Length": String(Buffer.byteLength(big)) });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("payload_too_large");
    // Without Content-Length the body is counted as it streams.
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res2 = await app().request("/api/ask", { method: "POST", headers: JSON_HEADERS, body: stream, duplex: "half" } as RequestInit);
    expect(res2.status).toBe(413);
  });
});

describe("POST /api/ask/stream", () => {
  it("streams server-sent events ending with the final answer", async () => {
    const res = await post(app(), "/api/ask/stream", { question: "交通规划强调了什么" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const text = await res.text();
    const final = /event: final\ndata: (.*)\n/.exec(text);
    expect(final).not.toBeNull();
    const answer = JSON.parse(final![1]!);
    expect(answer.found).toBe(true);
    expect(answer.citations.some((c: any) => c.item?.label === "七")).toBe(true);
  });

  it("validates like /api/ask", async () => {
    const res = await post(app(), "/api/ask/stream", { question: "" });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe("question");
  });
});

describe("GET /api/search", () => {
  it("returns ranked excerpts with citations", async () => {
    const res = await app().request(`/api/search?q=${encodeURIComponent("轨道交通网络")}&k=3`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.query).toBe("轨道交通网络");
    expect(body.hits.length).toBeGreaterThan(0);
    expect(body.hits.length).toBeLessThanOrEqual(3);
    expect(body.hits.map((h: any) => h.n)).toEqual(body.hits.map((_: unknown, i: number) => i + 1));
    const top = body.hits[0];
    expect(top.item.ordinal).toBe(7);
    expect(t.engine.getMinutes(top.minutesId)!.text.slice(top.start, top.end)).toBe(top.quote);
  });

  it("defaults k to 10", async () => {
    const body = await (await app().request(`/api/search?q=${encodeURIComponent("规划")}`)).json();
    expect(body.k).toBe(LIMITS.searchDefaultK);
    expect(body.hits.length).toBeLessThanOrEqual(LIMITS.searchDefaultK);
  });

  it.each([
    ["no q", "/api/search", "q", /q is required/],
    ["empty q", "/api/search?q=%20", "q", /q must not be empty/],
    ["q of zero-width characters only", "/api/search?q=%E2%80%8B%E2%80%8B", "q", /q must not be empty/],
    ["too long q", `/api/search?q=${"交".repeat(501)}`, "q", /at most 500/],
    ["k = 0", "/api/search?q=x&k=0", "k", /k must be an integer from 1 to 50/],
    ["k too big", "/api/search?q=x&k=51", "k", /k must be an integer from 1 to 50/],
    ["k not a number", "/api/search?q=x&k=ten", "k", /k must be an integer/],
    ["k fractional", "/api/search?q=x&k=1.5", "k", /k must be an integer/],
    ["k negative", "/api/search?q=x&k=-1", "k", /k must be an integer/],
  ])("400 for %s", async (_name, url, field, message) => {
    const res = await app().request(url.replace(/交+/, (s) => encodeURIComponent(s)));
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
  });
});

describe("minutes browser routes", () => {
  it("GET /api/minutes lists public minutes with their item counts and readings", async () => {
    const body = await (await app().request("/api/minutes")).json();
    expect(body.minutes).toEqual([
      {
        id: t.publicId,
        title: "太仓市人民政府常务会议纪要",
        kind: "常务会议纪要",
        number: 1,
        meetingDate: "2022-01-21",
        issuedOn: "2022-01-28",
        itemCount: 9,
        visibility: "public",
        reading: "meeting",
        links: { passed: [], passedBy: [] },
      },
    ]);
  });

  it("GET /api/minutes/:id returns the parsed structure without server paths", async () => {
    const res = await app().request(`/api/minutes/${t.publicId}`);
    expect(res.status).toBe(200);
    const m = await res.json();
    expect(m.id).toBe(t.publicId);
    expect(m.items).toHaveLength(9);
    expect(m.items[6].title).toContain("交通运输发展规划");
    expect(m.meeting.chair).toContain("胡卫江");
    expect(m.source.path).toBeUndefined();
    expect(m.source.file).toBe("taicang-2022-01.txt");
    expect(JSON.stringify(m)).not.toContain(t.root);
  });

  it("GET /api/minutes/:id is bounded: items a page at a time (offset, limit), the text up to a limit, with the totals", async () => {
    const first = await (await app().request(`/api/minutes/${t.publicId}?limit=2`)).json();
    expect(first.items.map((i: { ordinal: number }) => i.ordinal)).toEqual([1, 2]);
    expect(first.page).toMatchObject({ offset: 0, limit: 2, itemCount: 9, nextOffset: 2, textTruncated: false });
    expect(first.page.textChars).toBe(first.text.length);
    const last = await (await app().request(`/api/minutes/${t.publicId}?offset=8&limit=5`)).json();
    expect(last.items.map((i: { ordinal: number }) => i.ordinal)).toEqual([9]);
    expect(last.page.nextOffset).toBeNull();
    const all = await (await app().request(`/api/minutes/${t.publicId}`)).json();
    expect(all.page).toMatchObject({ limit: LIMITS.minutesItemsDefault, nextOffset: null });
    for (const bad of ["limit=0", `limit=${LIMITS.minutesItemsMax + 1}`, "offset=-1", "limit=ten"]) {
      const res = await app().request(`/api/minutes/${t.publicId}?${bad}`);
      expect(res.status, bad).toBe(400);
    }
  });

  it("GET /api/minutes/:id/items/:ordinal returns the item text and its start offset", async () => {
    const res = await app().request(`/api/minutes/${t.publicId}/items/7`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.minutesId).toBe(t.publicId);
    expect(body.item.label).toBe("七");
    expect(body.prev).toBe(6);
    expect(body.next).toBe(8);
    const m = t.engine.getMinutes(t.publicId)!;
    expect(m.text.slice(body.item.start, body.item.end)).toBe(body.item.text);
    // A citation's quote sits at (citation.start - item.start) in the item text.
    const answer = await t.engine.ask("交通规划强调了什么");
    const c = answer.citations.find((x) => x.item?.ordinal === 7)!;
    expect(body.item.text.slice(c.start - body.item.start, c.end - body.item.start)).toBe(c.quote);
  });

  it.each([
    ["ordinal 0", "0"],
    ["a word", "seven"],
    ["a negative number", "-1"],
    ["a fraction", "1.5"],
  ])("400 for an item ordinal that is %s", async (_n, ordinal) => {
    const res = await app().request(`/api/minutes/${t.publicId}/items/${ordinal}`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe("ordinal");
  });

  it("404 for an unknown minutes id or item", async () => {
    const a = app();
    for (const path of ["/api/minutes/nope", "/api/minutes/nope/items/1", `/api/minutes/${t.publicId}/items/99`, `/api/minutes/${"x".repeat(300)}`]) {
      const res = await a.request(path);
      expect(res.status, path).toBe(404);
      expect((await errorOf(res)).code).toBe("not_found");
    }
  });

  it("404 JSON for unknown API routes", async () => {
    const res = await app().request("/api/nothing");
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("not_found");
  });
});

describe("internal minutes", () => {
  it("do not exist without the token: 404 exactly like an unknown id", async () => {
    const a = app();
    const internal = await a.request(`/api/minutes/${t.internalId}`);
    const unknown = await a.request("/api/minutes/does-not-exist-404");
    expect(internal.status).toBe(404);
    expect(unknown.status).toBe(404);
    const e1 = await errorOf(internal);
    const e2 = await errorOf(unknown);
    expect(e1.code).toBe(e2.code);
    expect(e1.message.replace(t.internalId, "ID")).toBe(e2.message.replace("does-not-exist-404", "ID"));
    expect((await a.request(`/api/minutes/${t.internalId}/items/1`)).status).toBe(404);
    const list = await (await a.request("/api/minutes")).json();
    expect(list.minutes.map((m: any) => m.id)).not.toContain(t.internalId);
  });

  it("never appear in search or answers without the token", async () => {
    const a = app();
    const search = await (await a.request(`/api/search?q=${encodeURIComponent("燃气安全 可燃气体报警装置")}&k=50`)).json();
    expect(search.hits.every((h: any) => h.minutesId !== t.internalId)).toBe(true);
    const answer = await (await post(a, "/api/ask", { question: "城镇燃气安全专项整治强调了什么" })).json();
    expect(JSON.stringify(answer)).not.toContain(t.internalId);
    expect(JSON.stringify(answer)).not.toContain("枫林");
    // A history turn pointing at internal minutes does not open them either.
    const follow = await (
      await post(a, "/api/ask", {
        question: "它由谁负责？",
        history: [{ question: "燃气安全整治", intent: "emphasis", focus: { minutesId: t.internalId, ordinal: 4 } }],
      })
    ).json();
    expect(JSON.stringify(follow)).not.toContain(t.internalId);
  });

  it("are served with the bearer token", async () => {
    const a = app();
    const res = await a.request(`/api/minutes/${t.internalId}`, { headers: AUTH });
    expect(res.status).toBe(200);
    expect((await res.json()).visibility).toBe("internal");
    expect((await a.request(`/api/minutes/${t.internalId}/items/4`, { headers: AUTH })).status).toBe(200);
    const list = await (await a.request("/api/minutes", { headers: AUTH })).json();
    expect(list.minutes.map((m: any) => m.id).sort()).toEqual([t.internalId, t.publicId].sort());
    const search = await (await a.request(`/api/search?q=${encodeURIComponent("可燃气体报警装置")}`, { headers: AUTH })).json();
    expect(search.hits.some((h: any) => h.minutesId === t.internalId)).toBe(true);
    const answer = await (await post(a, "/api/ask", { question: "城镇燃气安全专项整治强调了什么" }, AUTH)).json();
    expect(answer.found).toBe(true);
    expect(answer.citations.some((c: any) => c.minutesId === t.internalId)).toBe(true);
  });

  it("401 for a wrong token; the token is never logged", async () => {
    const a = app();
    const res = await a.request("/api/minutes", { headers: { Authorization: "Bearer wrong-token-123" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/Bearer/);
    await a.request("/api/minutes", { headers: AUTH });
    const logs = a.logLines.join("\n");
    expect(logs).toContain('"msg":"http request"');
    expect(logs).toContain('"auth":"token"');
    expect(logs).not.toContain(TOKEN);
    expect(logs).not.toContain("wrong-token-123");
  });

  it("stay hidden when no token is configured, whatever the caller sends", async () => {
    const a = app({ WEB_API_TOKEN: "" });
    const res = await a.request(`/api/minutes/${t.internalId}`, { headers: AUTH });
    expect(res.status).toBe(404);
  });
});

describe("GET /healthz", () => {
  it("reports the index status; counts cover public minutes without the token", async () => {
    const a = app();
    const pub = await (await a.request("/healthz")).json();
    expect(pub).toMatchObject({ status: "ok", mode: "extractive", documents: 1 });
    expect(typeof pub.indexedAt).toBe("string");
    const full = await (await a.request("/healthz", { headers: AUTH })).json();
    expect(full).toMatchObject({ status: "ok", documents: 2 });
    expect(full.passages).toBeGreaterThan(0);
  });

  it("is never cached: the answer depends on the token (Cache-Control: no-store, Vary: Authorization)", async () => {
    const a = app();
    for (const headers of [AUTH, {}]) {
      const res = await a.request("/healthz", { headers });
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("vary")).toBe("Authorization");
    }
  });

  it("is not rate limited", async () => {
    const a = app({ WEB_RATE_LIMIT: "1" });
    for (let i = 0; i < 5; i++) expect((await a.request("/healthz")).status).toBe(200);
  });
});

describe("rate limit", () => {
  afterEach(() => vi.useRealTimers());

  it("429 with Retry-After after WEB_RATE_LIMIT requests a minute, then recovers", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    const a = app({ WEB_RATE_LIMIT: "3" });
    for (let i = 0; i < 3; i++) expect((await a.request("/api/minutes")).status).toBe(200);
    const res = await a.request("/api/minutes");
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect((await errorOf(res)).code).toBe("rate_limited");
    // Bad requests count too.
    expect((await post(a, "/api/ask", {})).status).toBe(429);
    vi.advanceTimersByTime(retry * 1000);
    expect((await a.request("/api/minutes")).status).toBe(200);
  });

  it("keeps one bucket per client", async () => {
    const r = webRateLimiter({ WEB_RATE_LIMIT: 2 });
    expect((await r.take("a")).ok).toBe(true);
    expect((await r.take("a")).ok).toBe(true);
    expect((await r.take("a")).ok).toBe(false);
    expect((await r.take("b")).ok).toBe(true);
  });
});

describe("the page", () => {
  it("serves index.html, app.js and app.css locally, with a strict CSP and no external resources", async () => {
    const a = app();
    const html = await a.request("/");
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toMatch(/text\/html/);
    expect(html.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
    const page = await html.text();
    expect(page).toContain('lang="zh-CN"');
    expect(page).toContain("交通规划强调了什么");
    for (const [path, type] of [
      ["/app.js", /javascript/],
      ["/app.css", /text\/css/],
    ] as const) {
      const res = await a.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(type);
    }
    for (const f of ["index.html", "app.js", "app.css"]) {
      const src = readFileSync(`${ROOT}/src/web/public/${f}`, "utf8");
      expect(src, f).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
      expect(src, f).not.toMatch(/@import|url\(\s*["']?https?:/);
    }
    // Dynamic text is never assigned as HTML.
    expect(readFileSync(`${ROOT}/src/web/public/app.js`, "utf8")).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it("GET /api/config gives the page the limits the API enforces, and the page keeps no copy of them", async () => {
    const a = app();
    const res = await a.request("/api/config");
    expect(res.status).toBe(200);
    const config = (await res.json()) as { questionChars: number; historyTurns: number; historyAnswerChars: number; keptAnswerChars: number };
    expect(config).toEqual({
      questionChars: SHARED_LIMITS.questionChars,
      historyTurns: SHARED_LIMITS.historyTurns,
      historyAnswerChars: LIMITS.historyAnswerChars,
      keptAnswerChars: SHARED_LIMITS.keptAnswerChars,
    });
    // The longest question and history the page may send are accepted; one more is refused.
    const turn = { question: "交通规划强调了什么", answer: "x".repeat(config.historyAnswerChars) };
    expect((await post(a, "/api/ask", { question: "问".repeat(config.questionChars) })).status).toBe(200);
    expect((await post(a, "/api/ask", { question: "问".repeat(config.questionChars + 1) })).status).toBe(400);
    expect((await post(a, "/api/ask", { question: "那住房规划呢？", history: Array.from({ length: config.historyTurns }, () => turn) })).status).toBe(200);
    expect((await post(a, "/api/ask", { question: "那住房规划呢？", history: Array.from({ length: config.historyTurns + 1 }, () => turn) })).status).toBe(400);
    for (const f of ["index.html", "app.js"]) {
      const src = readFileSync(`${ROOT}/src/web/public/${f}`, "utf8");
      // The question length as a literal (500 also is an HTTP status in app.js).
      expect(src, f).not.toMatch(new RegExp(`(length\\s*>\\s*|最多\\s*|MAX\\w*\\s*=\\s*)${config.questionChars}\\b`));
      expect(src, f).not.toMatch(/maxlength="\d/);
    }
  });

  it("app.js passes the type checker (// @ts-check with JSDoc types)", () => {
    const page = `${ROOT}/src/web/public/app.js`;
    expect(readFileSync(page, "utf8").startsWith("// @ts-check\n")).toBe(true);
    const run = () => execFileSync(`${ROOT}/node_modules/.bin/tsc`, ["--noEmit", "--allowJs", "--checkJs", page], { cwd: ROOT, encoding: "utf8" });
    expect(run).not.toThrow();
  }, 60_000);

  it("404 for other paths", async () => {
    expect((await app().request("/secret.txt")).status).toBe(404);
    expect((await app().request("/../package.json")).status).toBe(404);
    expect((await app().request("/%2e%2e/package.json")).status).toBe(404);
  });

  it("security headers on every reply, errors included: nosniff, no referrer, no framing, the CSP; no HSTS from a plain-HTTP server", async () => {
    const a = app({ WEB_RATE_LIMIT: "1" });
    await a.request("/api/minutes");
    for (const res of [await a.request("/"), await a.request("/api/minutes"), await a.request("/nowhere")]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    const limited = await a.request("/api/minutes");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(limited.headers.get("content-type")).toMatch(/application\/json/);
  });
});

describe("Telegram webhook mount", () => {
  const secret = "hook_Secret-123";
  const webhook = (seen: string[]) => async (req: Request) => {
    seen.push(await req.text());
    return new Response("ok");
  };

  it("passes POST <path of WEBHOOK_URL> to deps.webhook, without rate limit, and keeps the path out of logs", async () => {
    const seen: string[] = [];
    const a = app({ WEBHOOK_URL: `https://bot.example.org/tg/${secret}`, WEBHOOK_SECRET: "header-secret", WEB_RATE_LIMIT: "1" }, { webhook: webhook(seen) });
    for (let i = 0; i < 3; i++) {
      const res = await a.request(`/tg/${secret}`, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ update_id: i }) });
      expect(res.status).toBe(200);
    }
    expect(seen).toEqual(['{"update_id":0}', '{"update_id":1}', '{"update_id":2}']);
    expect((await a.request("/tg/wrong", { method: "POST", body: "{}" })).status).toBe(404);
    const logs = a.logLines.join("\n");
    expect(logs).not.toContain(secret);
    expect(logs).toContain("(telegram webhook)");
  });

  it("defaults to /telegram/<WEBHOOK_SECRET> without WEBHOOK_URL", async () => {
    expect(webhookPath({ WEBHOOK_URL: undefined, WEBHOOK_SECRET: secret, TELEGRAM_BOT_TOKEN: undefined })).toBe(`/telegram/${secret}`);
    expect(webhookPath({ WEBHOOK_URL: "https://x.example/hook/abc", WEBHOOK_SECRET: secret, TELEGRAM_BOT_TOKEN: undefined })).toBe("/hook/abc");
    const seen: string[] = [];
    const a = app({ WEBHOOK_SECRET: secret }, { webhook: webhook(seen) });
    expect((await a.request(`/telegram/${secret}`, { method: "POST", body: "{}" })).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it("413 for an oversized update", async () => {
    const a = app({ WEBHOOK_SECRET: secret }, { webhook: webhook([]) });
    const res = await a.request(`/telegram/${secret}`, {
      method: "POST",
      headers: { "Content-Length": String(LIMITS.webhookBytes + 1) },
      body: "x".repeat(LIMITS.webhookBytes + 1),
    });
    expect(res.status).toBe(413);
  });

  it("is absent without a webhook handler", async () => {
    const res = await app({ WEBHOOK_SECRET: secret }).request(`/telegram/${secret}`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
  });
});
