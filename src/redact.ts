/**
 * The one redactor: every log line and every error message that may carry a
 * secret (the logger, the Telegram bot's error paths, the embeddings and LLM
 * endpoints, Redis) goes through `createRedactor(secretsOf(config))`.
 */
import { SECRET_VARIABLES, type Config } from "./config.js";

/** What a secret is replaced by. */
export const MASK = "***";

/** Text with every secret masked. */
export type Redactor = (text: string) => string;

/** Shorter values are not masked: they would blank out ordinary words and numbers. */
const MIN_SECRET_CHARS = 4;

/** Secrets by their shape, wherever they come from: a Telegram bot token (alone or in a /bot<token>/ path), an OpenAI-style key, a bearer token, a URL's password. */
const PATTERNS: [RegExp, string][] = [
  [/\b\d{5,}:[A-Za-z0-9_-]{20,}\b/g, MASK],
  [/\/bot[^/\s"]+/g, `/bot${MASK}`],
  [/(sk-|Bearer\s+)[A-Za-z0-9._~+/-]{6,}=*/g, `$1${MASK}`],
  // Up to the last «@» of the authority: an unencoded «@» in a password must not leave its tail.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/"]*:)[^\s/"]+@/gi, `$1${MASK}@`],
];

/** The secrets a URL holds: itself and its password, raw and percent-decoded (a server may echo either). */
export function urlSecrets(url: string): string[] {
  try {
    const pw = new URL(url).password;
    if (!pw) return [url];
    let decoded = pw;
    try {
      decoded = decodeURIComponent(pw);
    } catch {
      // a malformed escape: the raw form is all there is
    }
    return [url, pw, decoded];
  } catch {
    return [url];
  }
}

/** The secret values of a config: every variable of SECRET_VARIABLES that is set (API keys, bot and platform tokens, AES keys, the webhook secret), and the password in REDIS_URL. */
export function secretsOf(config: Partial<Pick<Config, (typeof SECRET_VARIABLES)[number]>>): string[] {
  const values = SECRET_VARIABLES.map((k) => config[k]).filter((v): v is string => typeof v === "string" && v.length > 0);
  return [...new Set(values.flatMap((v) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? urlSecrets(v) : [v])))];
}

/**
 * A redactor for these secrets: each value (of at least four characters) is
 * replaced by «***», longest first so a URL goes before the password inside
 * it; then token-shaped strings and URL passwords are masked whatever their source.
 */
export function createRedactor(secrets: Iterable<string | undefined> = []): Redactor {
  const values = [...new Set([...secrets].filter((s): s is string => typeof s === "string" && s.length >= MIN_SECRET_CHARS))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => {
    let out = text;
    for (const v of values) if (out.includes(v)) out = out.split(v).join(MASK);
    for (const [re, to] of PATTERNS) out = out.replace(re, to);
    return out;
  };
}

/** Masks the secrets of an error's message and stack in place (or returns a masked copy when they cannot be written); a string is masked, anything else is returned as it is. */
export function redactError(e: unknown, redact: Redactor): unknown {
  if (e instanceof Error) {
    try {
      e.message = redact(e.message);
      if (e.stack) e.stack = redact(e.stack);
    } catch {
      return new Error(redact(e.message));
    }
    return e;
  }
  return typeof e === "string" ? redact(e) : e;
}
