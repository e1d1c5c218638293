/** The CLI's help, in Chinese and English, wrapped to the terminal's width, with examples. */
import { readFileSync } from "node:fs";
import { wrapText } from "../text/width.js";
import type { Command } from "./args.js";

/** Help lines fit this many columns when the terminal's width is unknown (a pipe). */
const DEFAULT_COLUMNS = 80;

/** The package's version, read from package.json (two levels above both src/cli and dist/cli). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

function widthOf(columns: number | undefined): number {
  return Math.max(40, Math.min(columns && columns > 0 ? columns : DEFAULT_COLUMNS, 120));
}

/** Each paragraph wrapped to `width`, continuation lines under its first text. */
function wrapped(lines: string[], width: number): string {
  return lines
    .flatMap((l) => {
      if (!l) return [""];
      const lead = /^ */.exec(l)![0].length;
      return wrapText(l, width, lead + (lead ? 2 : 0));
    })
    .join("\n");
}

/** The overview: what the tool is, each command with its summary in both languages, examples, options. */
export function usage(commands: Command[], columns?: number): string {
  const width = widthOf(columns);
  return wrapped(
    [
      `纪要问答 minutes-qa ${version()} — 用会议纪要原文回答问题，并注明出处。`,
      "Answers questions about meeting minutes with verbatim, cited excerpts.",
      "",
      "用法 Usage: minutes <命令 command> [选项 options]",
      "    (from a clone: npm run -s minutes -- <command> [options])",
      "",
      "命令 Commands:",
      ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summaryZh}`, `      ${c.summary}`]),
      "",
      "示例 Examples:",
      ...commands.flatMap((c) => c.examples.slice(0, 1).map((e) => `  ${e}`)),
      "",
      "选项 Options:",
      "  -h, --help      显示帮助 show help (也可 also: minutes <command> --help)",
      "  -V, --version   显示版本 show the version",
    ],
    width,
  );
}

/** One command's help: usage, summary in both languages, examples. */
export function commandHelp(cmd: Command, columns?: number): string {
  return wrapped(
    [`用法 Usage: minutes ${cmd.usage}`, "", cmd.summaryZh, cmd.summary, "", "示例 Examples:", ...cmd.examples.map((e) => `  ${e}`)],
    widthOf(columns),
  );
}
