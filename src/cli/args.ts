import { parseArgs, type ParseArgsConfig } from "node:util";
import { InputError } from "../errors.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** A CLI command: its options, help text and what it does. */
export interface Command {
  name: string;
  /** What it does, in English and in Chinese (the help shows both). */
  summary: string;
  summaryZh: string;
  usage: string;
  /** Command lines to show in the help. */
  examples: string[];
  options: OptionSpec;
  run(args: { positionals: string[]; values: Record<string, unknown> }, io: CliIo): Promise<number>;
}

/** Where a command writes; tests pass buffers, the entry point passes the process streams. */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  stdin?: NodeJS.ReadableStream;
  /** Where `chat` writes its prompt and echo on a terminal (the entry point passes stdout). */
  stdout?: NodeJS.WritableStream;
  /** Terminal width for the help (stdout's columns), when known. */
  columns?: number;
}

/** Parses argv for one command; unknown options raise an InputError with code "usage". */
export function parseCommandArgs(cmd: Command, argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...cmd.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, unknown>, positionals };
  } catch (err) {
    throw new InputError("usage", (err as Error).message.replace(/\. To specify a positional.*$/s, ""), { subject: cmd.name });
  }
}

/** Reads a numeric option, naming it in the error when it is not a number in range. */
export function intOption(values: Record<string, unknown>, name: string, def: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError("usage", `--${name} must be a whole number from ${min} to ${max} (got «${String(raw)}»)`, { subject: `--${name}` });
  }
  return n;
}
