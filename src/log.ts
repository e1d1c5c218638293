/**
 * Structured logging: one JSON object per line on stderr (servers, log collectors), or a pretty one-liner
 * per record for a person at a terminal; secrets are redacted (src/redact.ts) either way.
 */
import { createRedactor, type Redactor } from "./redact.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** "json": one JSON object per line; "pretty": «12:00:01 WARN msg key=value …» for a terminal. */
export type LogFormat = "json" | "pretty";

/** «12:00:01 WARN  web chat listening url=http://…»: the record's time, level, message and fields on one line. */
function prettyLine(rec: Record<string, unknown>): string {
  const { time, level, msg, ...fields } = rec;
  const rest = Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === "string" ? (/\s/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v)}`)
    .join(" ");
  return `${String(time).slice(11, 19)} ${String(level).toUpperCase().padEnd(5)} ${String(msg)}${rest ? ` ${rest}` : ""}`;
}

/**
 * A logger writing one JSON line per record. `redact` (or a redactor made from
 * `secrets`, e.g. `secretsOf(config)`) masks every string of the record before it
 * is encoded, and the encoded line once more, so a secret that JSON would
 * escape is caught as well as one that spans fields.
 */
export function createLogger(
  opts: {
    level?: LogLevel;
    format?: LogFormat;
    secrets?: (string | undefined)[];
    redact?: Redactor;
    write?: (line: string) => void;
    base?: Record<string, unknown>;
  } = {},
): Logger {
  const min = ORDER[opts.level ?? "info"];
  const redact = opts.redact ?? createRedactor(opts.secrets);
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const make = (base: Record<string, unknown>): Logger => {
    const emit = (level: Exclude<LogLevel, "silent">, msg: string, fields?: Record<string, unknown>) => {
      if (ORDER[level] < min) return;
      const rec = { time: new Date().toISOString(), level, msg, ...base, ...fields };
      const json = JSON.stringify(rec, (_k, v: unknown) =>
        typeof v === "string" ? redact(v) : v instanceof Error ? { name: v.name, message: redact(v.message) } : v,
      );
      write(redact(opts.format === "pretty" ? prettyLine(JSON.parse(json) as Record<string, unknown>) : json));
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
