import { MinutesQaError } from "../errors.js";
import { describeError } from "../messages.js";
import { parseCommandArgs, type CliIo, type Command } from "./args.js";
import { askCommand } from "./commands/ask.js";
import { chatCommand } from "./commands/chat.js";
import { evalCommand } from "./commands/eval.js";
import { ingestCommand } from "./commands/ingest.js";
import { ledgerCommand } from "./commands/ledger.js";
import { parseCommand } from "./commands/parse.js";
import { searchCommand } from "./commands/search.js";
import { feedbackCommand } from "./commands/feedback.js";
import { commandHelp, usage, version } from "./help.js";

export { usage } from "./help.js";

/** Every CLI command, in the order the help lists them. */
export const COMMANDS: Command[] = [parseCommand, ingestCommand, searchCommand, askCommand, chatCommand, evalCommand, feedbackCommand, ledgerCommand];

/**
 * Runs the CLI and returns its exit code: 0 success, 1 a user error (one clear
 * line, no stack trace), 2 a usage error (usage is printed).
 */
export async function runCli(argv: string[], io: CliIo, commands: Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage(commands, io.columns));
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-V") {
    io.out(version());
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.err(`unknown command «${name}» (未知命令)\n\n${usage(commands, io.columns)}`);
    return 2;
  }
  try {
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help) {
      io.out(commandHelp(cmd, io.columns));
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
