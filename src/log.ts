/** Structured logging: one JSON object per line on stderr; secrets are redacted. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Masks known secret values and token-shaped strings (bot tokens, API keys, bearer tokens). */
export function redactSecrets(s: string, secrets: (string | undefined)[] = []): string {
  let out = s;
  for (const v of secrets) if (v && v.length >= 4) out = out.split(v).join("***");
  return out
    .replace(/\b\d{5,}:[A-Za-z0-9_-]{20,}\b/g, "***")
    .replace(/\/bot[^/\s"]+/g, "/bot***")
    .replace(/(sk-|Bearer\s+)[A-Za-z0-9._-]{6,}/g, "$1***");
}

export function createLogger(opts: { level?: LogLevel; secrets?: (string | undefined)[]; write?: (line: string) => void; base?: Record<string, unknown> } = {}): Logger {
  const min = ORDER[opts.level ?? "info"];
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const make = (base: Record<string, unknown>): Logger => {
    const emit = (level: Exclude<LogLevel, "silent">, msg: string, fields?: Record<string, unknown>) => {
      if (ORDER[level] < min) return;
      const rec = { time: new Date().toISOString(), level, msg, ...base, ...fields };
      const json = JSON.stringify(rec, (_k, v) => (v instanceof Error ? { name: v.name, message: v.message } : v));
      write(redactSecrets(json, opts.secrets));
    };
    return {
      debug: (m, f) => emit("debug", m, f),
      info: (m, f) => emit("info", m, f),
      warn: (m, f) => emit("warn", m, f),
      error: (m, f) => emit("error", m, f),
      child: (f) => make({ ...base, ...f }),
    };
  };
  return make(opts.base ?? {});
}

/** A logger that drops everything (tests, CLI). */
export const silentLogger: Logger = createLogger({ level: "silent" });
