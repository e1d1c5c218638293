import { loadConfig } from "../../config.js";
import { checkFolders } from "../../config-folders.js";
import { embedderSpec } from "../../index/ensure.js";
import { ingest } from "../../index/ingest.js";
import { describeFailure, ingestWaitingText, plainTextWarning } from "../../messages.js";
import type { Command } from "../args.js";
import { printable } from "../../text/printable.js";
import { progressReporter } from "../../progress/terminal.js";

export const ingestCommand: Command = {
  name: "ingest",
  summary: "index minutes files (default: MINUTES_DIR); incremental, atomic",
  summaryZh: "为纪要文件建立索引（默认 MINUTES_DIR）；增量、原子更新",
  examples: ["minutes ingest", "minutes ingest --rebuild"],
  usage: "ingest [paths...] [--index DIR] [--rebuild] [--no-wait] [--json]",
  options: { index: { type: "string" }, rebuild: { type: "boolean" }, "no-wait": { type: "boolean" }, json: { type: "boolean" } },
  async run({ positionals, values }, io) {
    const config = loadConfig(io.env);
    checkFolders(config);
    const indexDir = (values.index as string | undefined) ?? config.INDEX_DIR;
    const s = await ingest({
      minutesDir: config.MINUTES_DIR,
      indexDir,
      lexiconDir: config.LEXICON_DIR,
      embedder: embedderSpec(config),
      paths: positionals,
      rebuild: Boolean(values.rebuild),
      wait: !values["no-wait"],
      onWait: (holder) => io.err(printable(ingestWaitingText(indexDir, holder.pid))),
      onProgress: values.json ? undefined : progressReporter((s) => io.err(s), io.isTTY),
    });
    if (values.json) {
      io.out(JSON.stringify({ ...s, ms: Math.round(s.ms), indexDir }, null, 2));
    } else {
      for (const f of s.failed) io.err(`failed: ${printable(describeFailure(f))}`);
      for (const file of s.plainText ?? []) io.err(`warning: ${printable(plainTextWarning(file))}`);
      io.out(
        `${s.written ? "indexed" : "index is current"}: ${s.documents} minutes, ${s.passages} passages in ${printable(indexDir)} — ` +
          `${s.added} added, ${s.changed} changed, ${s.unchanged} unchanged, ${s.removed} removed, ${s.failed.length} failed (${(s.ms / 1000).toFixed(1)} s)`,
      );
    }
    return s.failed.length ? 1 : 0;
  },
};
