import type { MiddlewareHandler } from "hono";
import type { Logger } from "../../log.js";
import { clientIp, type WebEnv } from "../env.js";

/** Request log: method, path (a webhook path, which may embed a secret, by name only), status, duration. Never headers or bodies. */
export function requestLog(log: Logger, hookPath: string | null): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    const path = hookPath && c.req.path === hookPath ? "(telegram webhook)" : c.req.path;
    const fields = { method: c.req.method, path, status: c.res.status, ms: Math.round(performance.now() - t0), ip: clientIp(c), auth: c.get("auth") ?? "none" };
    if (c.res.status >= 500) log.error("http request", fields);
    else if (path === "/healthz") log.debug("http request", fields);
    else log.info("http request", fields);
  };
}
