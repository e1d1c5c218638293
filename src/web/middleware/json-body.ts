import type { MiddlewareHandler } from "hono";
import type { WebEnv } from "../env.js";
import { ApiError } from "../errors.js";

/**
 * A JSON object body, or a 415/400 naming `body` — before @hono/zod-validator,
 * whose own replies would not say what is wrong. Hono caches the parsed body for the validator.
 */
export const jsonObjectBody: MiddlewareHandler<WebEnv> = async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new ApiError(415, "unsupported_media_type", "body must be JSON (Content-Type: application/json)", "body");
  const text = await c.req.text();
  if (!text.trim()) throw new ApiError(400, "input_invalid", "body is empty; expected a JSON object", "body");
  let data: unknown;
  try {
    data = await c.req.json();
  } catch {
    throw new ApiError(400, "input_invalid", "body is not valid JSON", "body");
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new ApiError(400, "input_invalid", "body must be a JSON object", "body");
  await next();
};
