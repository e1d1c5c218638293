import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { errorFields, redactError } from "../src/bot/redact.js";
import { SECRET_VARIABLES } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { createRedactor, redactError as redactPlainError, secretsOf } from "../src/redact.js";

/** One distinct value per secret variable; REDIS_URL's password has an escaped «@» and a JSON-escaped quote sits in the web token. */
const REDIS_PASSWORD = "pa@ss-Zq9w";
const VALUES: Record<(typeof SECRET_VARIABLES)[number], string> = Object.fromEntries(
  SECRET_VARIABLES.map((k) => [
    k,
    k === "REDIS_URL"
      ? `redis://user:${encodeURIComponent(REDIS_PASSWORD)}@127.0.0.1:6379/0`
      : k === "WEB_API_TOKEN"
        ? 'web"tok\\en-7Hk2-Qa9'
        : `${k.toLowerCase()}-Xv81qPz`,
  ]),
) as never;
const CONFIG = VALUES;

/** Every form of each secret that must never be printed. */
const leaks = (k: (typeof SECRET_VARIABLES)[number]) => (k === "REDIS_URL" ? [VALUES[k], encodeURIComponent(REDIS_PASSWORD), REDIS_PASSWORD] : [VALUES[k]]);

function memoryLog() {
  const lines: string[] = [];
  return { log: createLogger({ level: "debug", secrets: secretsOf(CONFIG), write: (l) => lines.push(l) }), lines };
}

describe("secretsOf", () => {
  it("holds every secret variable's value and REDIS_URL's password, raw and decoded", () => {
    const secrets = secretsOf(CONFIG);
    for (const k of SECRET_VARIABLES) for (const v of leaks(k)) expect(secrets, k).toContain(v);
    expect(secretsOf({})).toEqual([]);
  });
});

describe.each(SECRET_VARIABLES)("%s", (k) => {
  it("is absent from a log line: message, fields, nested values and errors", () => {
    const { log, lines } = memoryLog();
    const v = VALUES[k];
    log.child({ component: `with ${v}` }).error(`request to ${v} failed`, { value: v, nested: { list: [`x${v}y`] }, err: new Error(`boom: ${v}`) });
    expect(lines).toHaveLength(1);
    for (const leak of leaks(k)) expect(lines[0]).not.toContain(leak);
    // JSON would escape a quote or backslash in the value; the escaped form must not leak either.
    for (const leak of leaks(k)) expect(lines[0]).not.toContain(JSON.stringify(leak).slice(1, -1));
    expect(JSON.parse(lines[0]).value).toBe("***");
  });

  it("is absent from error messages, stacks and the bot's loggable error fields", () => {
    const secrets = secretsOf(CONFIG);
    const v = VALUES[k];
    const plain = redactPlainError(new Error(`endpoint said: bad key ${v}`), createRedactor(secrets)) as Error;
    const http = redactError(new HttpError(`Network request for 'getMe' failed at ${v}`, new Error(`connect ECONNREFUSED ${v}`)), secrets) as HttpError;
    const fields = [
      errorFields(new GrammyError(`Call failed: ${v}`, { ok: false, error_code: 401, description: `Unauthorized ${v}` }, "getMe", {}), secrets),
      errorFields(new HttpError(`failed at ${v}`, new Error(v)), secrets),
      errorFields(new Error(v), secrets),
      errorFields(v, secrets),
    ];
    const shown = [plain.message, plain.stack, http.message, http.stack, String((http.error as Error).message), JSON.stringify(fields)].join("\n");
    for (const leak of leaks(k)) expect(shown).not.toContain(leak);
    expect(plain.message).toBe("endpoint said: bad key ***");
  });
});

describe("createRedactor", () => {
  const redact = createRedactor();

  it("masks secrets by their shape when nobody listed them: bot tokens and /bot paths, sk- keys, bearer tokens, URL passwords", () => {
    const token = "123456789:AAFakeFakeFakeFakeFake_xyz-123";
    expect(redact(`token ${token}`)).toBe("token ***");
    expect(redact("GET https://api.telegram.org/botSOMETHING/getMe")).toBe("GET https://api.telegram.org/bot***/getMe");
    expect(redact("key sk-abcdef123456")).toBe("key sk-***");
    expect(redact("Authorization: Bearer abc.def-123456")).toBe("Authorization: Bearer ***");
    expect(redact("connect redis://:hunter22@h:1/2 failed")).toBe("connect redis://:***@h:1/2 failed");
    expect(redact("rediss://admin:p@ss@host:6380 down")).toBe("rediss://admin:***@host:6380 down");
    expect(redact("https://user@host/x and mail@example.org")).toBe("https://user@host/x and mail@example.org");
  });

  it("masks a URL before the password inside it, and leaves values under four characters alone", () => {
    const r = createRedactor(["pw12", "redis://:pw12@h:1", "ab"]);
    expect(r("url redis://:pw12@h:1 and pw12 and ab")).toBe("url *** and *** and ab");
  });
});

describe("pretty format (a terminal)", () => {
  it("writes one readable line per record, fields as key=value, secrets still redacted", () => {
    const lines: string[] = [];
    const log = createLogger({ level: "info", format: "pretty", secrets: secretsOf(CONFIG), write: (l) => lines.push(l) });
    log.debug("hidden");
    log.warn("web chat listening", { url: "http://127.0.0.1:3000/", note: "two words", token: VALUES.TELEGRAM_BOT_TOKEN, n: 3 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}web chat listening url=http:\/\/127\.0\.0\.1:3000\/ note="two words" token=\S+ n=3$/);
    expect(lines[0]).not.toContain(VALUES.TELEGRAM_BOT_TOKEN);
  });
});
