/** Keeps the bot token out of errors: grammY network errors can carry the method URL, which contains it. */
import { GrammyError, HttpError, type Transformer } from "grammy";
import { createRedactor, redactError as redactPlainError } from "../redact.js";

/** Rewrites an error's message (and an HttpError's inner error) with secrets masked. */
export function redactError(e: unknown, secrets: readonly string[]): unknown {
  const redact = createRedactor(secrets);
  if (e instanceof HttpError) {
    const inner = e.error instanceof Error ? new Error(redact(e.error.message)) : redact(String(e.error));
    const out = new HttpError(redact(e.message), inner);
    out.stack = redact(e.stack ?? out.message);
    return out;
  }
  return redactPlainError(e, redact);
}

/** An API transformer (install it last, so it wraps the others) that redacts failed calls. */
export function redactingTransformer(secrets: readonly string[]): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (e) {
      throw redactError(e, secrets);
    }
  };
}

/** Loggable fields of an error, secrets masked. */
export function errorFields(e: unknown, secrets: readonly string[]): Record<string, unknown> {
  const redact = createRedactor(secrets);
  if (e instanceof GrammyError) {
    return { error: "GrammyError", method: e.method, code: e.error_code, description: redact(e.description) };
  }
  if (e instanceof HttpError) {
    const inner = e.error instanceof Error ? e.error.message : String(e.error);
    return { error: "HttpError", message: redact(e.message), cause: redact(inner) };
  }
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { error: e.name, message: redact(e.message), ...(typeof code === "string" ? { code } : {}) };
  }
  return { error: redact(String(e)) };
}
