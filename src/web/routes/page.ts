import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { WebEnv } from "../env.js";

/** The chat page's folder, next to this module in src/ and in dist/. */
const PUBLIC_DIR = fileURLToPath(new URL("../public", import.meta.url));
/** The page and its own modules and styles by name: «/chat.js», «/app.css» (a flat folder, no other paths). */
const PAGE_FILE = /^\/(?:index\.html|[a-z][a-z0-9-]*\.(?:js|css))?$/;

/** The chat page: index.html and its modules and styles, revalidated on each load. */
export function pageRoutes(app: Hono<WebEnv>): void {
  const files = serveStatic<WebEnv>({ root: PUBLIC_DIR, onFound: (_path, c) => c.header("Cache-Control", "no-cache") });
  app.get("*", (c, next) => (PAGE_FILE.test(c.req.path) ? files(c, next) : next()));
}
