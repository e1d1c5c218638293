import { loadConfig } from "../../config.js";
import { InputError } from "../../errors.js";
import { evalCase, feedbackTable, readFeedback, sinceOption } from "../../feedback/review.js";
import type { Command } from "../args.js";

const FORMATS = ["table", "jsonl", "eval"] as const;

export const feedbackCommand: Command = {
  name: "feedback",
  summary: "list 👍/👎 feedback (FEEDBACK_LOG) for review, or export it as eval cases",
  summaryZh: "列出 👍/👎 反馈以供复核，或导出为评测用例",
  usage: "feedback [--since DATE] [--format table|jsonl|eval]",
  examples: ["minutes feedback --since 2026-12-01", "minutes feedback --format eval > cases.jsonl"],
  options: { since: { type: "string" }, format: { type: "string" } },
  async run({ values }, io) {
    const format = (values.format as string | undefined) ?? "table";
    if (!(FORMATS as readonly string[]).includes(format))
      throw new InputError("usage", `--format must be one of ${FORMATS.join(", ")} (got «${format}»)`, { subject: "--format" });
    const since = sinceOption(values.since);
    const config = loadConfig(io.env);
    const lines = await readFeedback(config.FEEDBACK_LOG, since);
    if (format === "jsonl") for (const f of lines) io.out(JSON.stringify(f));
    else if (format === "eval") for (const f of lines) io.out(JSON.stringify(evalCase(f)));
    else for (const line of feedbackTable(lines)) io.out(line);
    return 0;
  },
};
