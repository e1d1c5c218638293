import { MinutesQaError } from "../errors.js";
import { describeError } from "../messages.js";
import { parseCommandArgs, type CliIo, type Command } from "./args.js";
import { askCommand, chatCommand } from "./commands/ask.js";
import { evalCommand } from "./commands/eval.js";
import { ingestCommand } from "./commands/ingest.js";
import { ledgerCommand } from "./commands/ledger.js";
import { parseCommand } from "./commands/parse.js";
import { searchCommand } from "./commands/search.js";

/** Every CLI command, in the order the help lists them. */
export const COMMANDS: Command[] = [parseCommand, ingestCommand, searchCommand, askCommand, chatCommand, evalCommand, ledgerCommand];

export function usage(commands: Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    "纪要问答 minutes-qa — answers questions about meeting minutes with cited excerpts",
    "",
    "Usage: minutes <command> [options]      (npm run -s minutes -- <command> [options])",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    "",
    "Options: -h, --help   show help (also: minutes <command> --help)",
  ].join("\n");
}

/**
 * Runs the CLI and returns its exit code: 0 success, 1 a user error (one clear
 * line, no stack trace), 2 a usage error (usage is printed).
 */
export async function runCli(argv: string[], io: CliIo, commands: Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage(commands));
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.err(`unknown command «${name}»\n\n${usage(commands)}`);
    return 2;
  }
  try {
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help) {
      io.out(`Usage: minutes ${cmd.usage}\n\n${cmd.summary}`);
      return 0;
    }
    return await cmd.run(args, io);
  } catch (err) {
    if (err instanceof MinutesQaError && err.code === "usage") {
      io.err(`${cmd.name}: ${err.message}\n\nUsage: minutes ${cmd.usage}`);
      return 2;
    }
    io.err(`error: ${describeError(err)}`);
    if (io.env.DEBUG && err instanceof Error && err.stack) io.err(err.stack);
    return 1;
  }
}
