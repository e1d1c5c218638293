import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { createApp, LIMITS } from "../../src/web/app.js";
import { startWebServer, type WebServer } from "../../src/web/server.js";
import { memoryLogger, openTestEngine } from "./helpers.js";

let t: Awaited<ReturnType<typeof openTestEngine>>;
let server: WebServer;
let logLines: string[];

beforeAll(async () => {
  t = await openTestEngine();
  const mem = memoryLogger();
  logLines = mem.lines;
  const config = t.config({ WEB_RATE_LIMIT: "5" });
  server = await startWebServer(createApp(t.engine, config, { log: mem.log }), { host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

/** A raw request with a chunked body (no Content-Length). */
function chunkedPost(url: string, chunks: string[]): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
    });
    req.on("error", reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe("startWebServer", () => {
  it("listens on 127.0.0.1 with a free port and serves the page and the API", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.port).toBeGreaterThan(0);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("纪要问答");
    const res = await fetch(new URL("/api/ask", server.url), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: "交通规划强调了什么" }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.found).toBe(true);
    expect(body.citations.some((c: { item: { ordinal: number } | null }) => c.item?.ordinal === 7)).toBe(true);
    // The request log names the peer address.
    expect(logLines.some((l) => l.includes('"path":"/api/ask"') && l.includes('"ip":"127.0.0.1"'))).toBe(true);
  });

  it("413 for a chunked body over the limit, closing the connection it says it closes", async () => {
    const chunk = "x".repeat(16 * 1024);
    const chunks = ['{"question":"', ...Array.from({ length: LIMITS.bodyBytes / chunk.length + 1 }, () => chunk), '"}'];
    const res = await chunkedPost(new URL("/api/ask", server.url).href, chunks);
    expect(res.status).toBe(413);
    // The rest of the body is never read: the socket cannot carry another request.
    expect(res.connection).toBe("close");
  });

  it("rate-limits per client address with 429 and Retry-After", async () => {
    let last: Response | undefined;
    for (let i = 0; i < 10; i++) {
      last = await fetch(new URL("/api/minutes", server.url));
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("logs a client that drops mid-body as a client abort, not as a 500 internal error", async () => {
    const mem = memoryLogger();
    const own = await startWebServer(createApp(t.engine, t.config(), { log: mem.log }), { host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => {
      const req = httpRequest(new URL("/api/ask", own.url), { method: "POST", headers: { "Content-Type": "application/json", "Content-Length": "4000" } });
      req.on("error", () => resolve());
      req.write('{"question":"交通');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    for (let i = 0; i < 50 && !mem.lines.some((l) => l.includes("/api/ask")); i++) await new Promise((r) => setTimeout(r, 20));
    await own.close();
    const lines = mem.lines;
    const request = lines.map((l) => JSON.parse(l)).find((l) => l.path === "/api/ask");
    expect(request).toMatchObject({ msg: "http request", status: 499, level: "info" });
    expect(lines.join("\n")).not.toMatch(/internal_error|"level":"error"/);
  });

  it("reports a port in use as a configuration problem naming WEB_PORT", async () => {
    const app = createApp(t.engine, t.config(), { log: memoryLogger().log });
    const err = await startWebServer(app, { host: "127.0.0.1", port: server.port }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(/WEB_PORT/);
  });

  it("close() stops the server even with an open streaming request", async () => {
    const app = createApp(t.engine, t.config(), { log: memoryLogger().log });
    const s = await startWebServer(app, { host: "127.0.0.1", port: 0 });
    const res = await fetch(new URL("/api/ask/stream", s.url), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: "交通规划强调了什么" }),
    });
    expect(res.status).toBe(200);
    const t0 = Date.now();
    await s.close(200);
    expect(Date.now() - t0).toBeLessThan(2000);
    await expect(fetch(s.url)).rejects.toThrow();
  });
});
