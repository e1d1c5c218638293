import type { Hono } from "hono";
import { PUBLIC_ACCESS, type Engine } from "../../answer/types.js";
import { llmEnabled, type Config } from "../../config.js";
import type { WebEnv } from "../env.js";
import { bearerCheck } from "../middleware/access.js";

/** /healthz: index status; counts cover internal minutes only for the bearer token. */
export function healthRoute(app: Hono<WebEnv>, engine: Engine, config: Config): void {
  const authorized = bearerCheck(config.WEB_API_TOKEN);
  app.get("/healthz", (c) => {
    // The body depends on the token: no cache may keep one caller's answer for another.
    c.header("Cache-Control", "no-store");
    c.header("Vary", "Authorization");
    const s = engine.status();
    const base = {
      status: "ok" as const,
      mode: llmEnabled(config) ? "llm" : "extractive",
      indexedAt: s.indexedAt,
      embedder: s.embedder,
      generation: s.generation,
    };
    const failure = s.lastIngestError;
    // Without the token, counts cover public minutes only (internal ones do not exist for the web), and a failed ingest shows
    // its code and time but not its message, which names server paths.
    if (authorized(c.req.header("authorization"))) return c.json({ ...base, documents: s.documents, passages: s.passages, lastIngestError: failure });
    const lastIngestError = failure ? { code: failure.code, ...(failure.errno ? { errno: failure.errno } : {}), at: failure.at } : null;
    return c.json({ ...base, documents: engine.listMinutes(PUBLIC_ACCESS).length, lastIngestError });
  });
}
