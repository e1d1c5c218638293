import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { WebEnv } from "../env.js";

/** The chat page's folder, next to this module in src/ and in dist/. */
const PUBLIC_DIR = fileURLToPath(new URL("../public", import.meta.url));
const PAGE_FILES = new Set(["/", "/index.html", "/app.js", "/app.css", "/ledger.js", "/ledger.css"]);

/** The chat page: index.html, app.js and app.css (and the 督办台账 tab's ledger.js and ledger.css), revalidated on each load. */
export function pageRoutes(app: Hono<WebEnv>): void {
  const files = serveStatic<WebEnv>({ root: PUBLIC_DIR, onFound: (_path, c) => c.header("Cache-Control", "no-cache") });
  app.get("*", (c, next) => (PAGE_FILES.has(c.req.path) ? files(c, next) : next()));
}
