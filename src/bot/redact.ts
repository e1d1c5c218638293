/** Keeps the bot token out of errors: grammY network errors can carry the method URL, which contains it. */
import { GrammyError, HttpError, type Transformer } from "grammy";
import { redactSecrets } from "../log.js";

/** Rewrites an error's message (and an HttpError's inner error) with secrets masked. */
export function redactError(e: unknown, secrets: string[]): unknown {
  if (e instanceof HttpError) {
    const inner = e.error instanceof Error ? new Error(redactSecrets(e.error.message, secrets)) : redactSecrets(String(e.error), secrets);
    const out = new HttpError(redactSecrets(e.message, secrets), inner);
    out.stack = redactSecrets(e.stack ?? out.message, secrets);
    return out;
  }
  if (e instanceof Error) {
    try {
      e.message = redactSecrets(e.message, secrets);
      if (e.stack) e.stack = redactSecrets(e.stack, secrets);
    } catch {
      return new Error(redactSecrets(e.message, secrets));
    }
    return e;
  }
  return typeof e === "string" ? redactSecrets(e, secrets) : e;
}

/** An API transformer (install it last, so it wraps the others) that redacts failed calls. */
export function redactingTransformer(secrets: string[]): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (e) {
      throw redactError(e, secrets);
    }
  };
}

/** Loggable fields of an error, secrets masked. */
export function errorFields(e: unknown, secrets: string[]): Record<string, unknown> {
  if (e instanceof GrammyError) {
    return { error: "GrammyError", method: e.method, code: e.error_code, description: redactSecrets(e.description, secrets) };
  }
  if (e instanceof HttpError) {
    const inner = e.error instanceof Error ? e.error.message : String(e.error);
    return { error: "HttpError", message: redactSecrets(e.message, secrets), cause: redactSecrets(inner, secrets) };
  }
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { error: e.name, message: redactSecrets(e.message, secrets), ...(typeof code === "string" ? { code } : {}) };
  }
  return { error: redactSecrets(String(e), secrets) };
}
