/** API errors: an HTTPException with a code and the field at fault, and the JSON body clients read. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";
import { MinutesQaError } from "../errors.js";
import { userMessage } from "../messages.js";

type ApiStatus = 400 | 401 | 404 | 413 | 415 | 429 | 500 | 502 | 503;

/** An error the API answers with `{ error: { code, message, field? } }` and its status. */
export class ApiError extends HTTPException {
  constructor(
    readonly status: ApiStatus,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(status, { message });
  }

  /** The JSON reply (HTTPException's getResponse, with the body clients read). */
  override getResponse(): Response {
    // A 413 leaves the rest of the body unread: the socket cannot carry another request, so say it closes.
    return Response.json(errorBody(this), { status: this.status, ...(this.status === 413 ? { headers: { Connection: "close" } } : {}) });
  }
}

/** The error object of an API reply. */
export function errorBody(e: ApiError) {
  return { error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
}

/** «history.0.question must not be empty» — the message names the field and where it sits. */
export function describeIssue(err: z.core.$ZodError): { field: string; message: string } {
  const issue = err.issues[0]!;
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const field = path ? `${path}.${issue.keys[0]}` : issue.keys[0]!;
    return { field, message: `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(", ")}` };
  }
  const field = path || "body";
  return { field, message: `${field} ${issue.message}` };
}

/** The hook of @hono/zod-validator: an invalid body or query is a 400 naming the field. */
export function rejectInvalid(result: { success: true } | { success: false; error: z.core.$ZodError }, _c: Context): void {
  if (result.success) return;
  const { field, message } = describeIssue(result.error);
  throw new ApiError(400, "input_invalid", message, field);
}

/** Any error as the API answers it; our own errors keep their meaning, anything else is a 500. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof MinutesQaError) {
    switch (err.code) {
      case "input_invalid":
      case "usage":
        return new ApiError(400, "input_invalid", err.message, err.subject);
      case "not_found":
        return new ApiError(404, "not_found", userMessage(err));
      case "index_missing":
      case "index_corrupt":
      case "embedder_mismatch":
        return new ApiError(503, err.code, userMessage(err));
      case "embedder_unavailable":
      case "llm_unavailable":
        return new ApiError(502, err.code, userMessage(err));
      default:
        break;
    }
  }
  return new ApiError(500, "internal_error", userMessage(err));
}
