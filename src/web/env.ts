/** The Hono environment of the web app, and what it knows of the client. */
import type { Context } from "hono";
import type { Access } from "../answer/types.js";

/** Node bindings set by @hono/node-server; absent under `app.request()`. */
type Bindings = { incoming?: { socket?: { remoteAddress?: string } } };
type Variables = { access: Access; auth: "token" | "none" };
export type WebEnv = { Bindings: Bindings; Variables: Variables };

/** The peer address of the TCP connection; forwarded headers are not trusted. */
export function clientIp(c: Context<WebEnv>): string {
  const addr = c.env?.incoming?.socket?.remoteAddress;
  if (!addr) return "unknown";
  return addr.startsWith("::ffff:") ? addr.slice(7) : addr;
}

/** Logged for a request whose client went away before the reply (nginx's «client closed request»). */
export const CLIENT_CLOSED = 499;

/** True when `err` only says that the client closed the connection. */
export function clientGone(c: Context<WebEnv>, err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return c.req.raw.signal.aborted || code === "ECONNRESET" || code === "ECONNABORTED" || (err instanceof Error && err.message === "aborted");
}
