import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { FULL_ACCESS, PUBLIC_ACCESS } from "../../answer/types.js";
import { ApiError } from "../errors.js";
import type { WebEnv } from "../env.js";

function digest(s: string): Buffer {
  return createHash("sha256").update(s).digest();
}

function bearerToken(header: string | undefined): string | null {
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1]! : null;
}

/** Checks `Authorization: Bearer <WEB_API_TOKEN>` in constant time; no token configured means nobody holds one. */
export function bearerCheck(token: string | undefined): (authorization: string | undefined) => boolean {
  const expected = token ? digest(token) : null;
  return (authorization) => {
    const given = bearerToken(authorization);
    return Boolean(expected && given !== null && timingSafeEqual(digest(given), expected));
  };
}

/**
 * Who is asking: public access, or full access with the bearer token. A wrong
 * token is a 401 (a missing one is simply public: internal minutes do not exist for it).
 */
export function resolveAccess(token: string | undefined): MiddlewareHandler<WebEnv> {
  const valid = bearerCheck(token);
  return async (c, next) => {
    c.set("access", PUBLIC_ACCESS);
    c.set("auth", "none");
    const header = c.req.header("authorization");
    if (token && bearerToken(header) !== null) {
      if (!valid(header)) {
        c.header("WWW-Authenticate", 'Bearer error="invalid_token"');
        throw new ApiError(401, "unauthorized", "the bearer token is not valid");
      }
      c.set("access", FULL_ACCESS);
      c.set("auth", "token");
    }
    await next();
  };
}
