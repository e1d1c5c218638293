import { writeFile } from "node:fs/promises";
import { openEngine } from "../../answer/engine.js";
import { loadConfig } from "../../config.js";
import { InputError } from "../../errors.js";
import { parseLedgerFilter } from "../../ledger/filter.js";
import { markStore } from "../../ledger/marks.js";
import { ledgerCsv, ledgerTable } from "../../ledger/render.js";
import { LedgerService } from "../../ledger/service.js";
import { ledgerXlsx } from "../../ledger/xlsx.js";
import { progressReporter } from "../../progress/terminal.js";
import { RedisConnection } from "../../redis/connection.js";
import { FULL_ACCESS, PUBLIC_ACCESS } from "../../retrieval/types.js";
import type { Command } from "../args.js";

const FORMATS = ["table", "csv", "xlsx", "json"] as const;

export const ledgerCommand: Command = {
  name: "ledger",
  summaryZh: "督办台账：每次会议的每项任务，含责任单位、时限和状态；ledger done ID --note … 标记办结",
  examples: ["minutes ledger --format table", "minutes ledger --unit 市住建局 --status 逾期", "minutes ledger --format xlsx --out 台账.xlsx --per-unit"],
  summary: "督办台账: every task of every meeting with its unit, deadline and status; `ledger done ID --note …` marks one done",
  usage:
    "ledger [--unit U] [--status S] [--due-before DATE] [--from DATE] [--to DATE] [--month YYYY-MM] [--q WORDS] [--format table|csv|xlsx|json] [--per-unit] [--out FILE] [--public] | ledger done ID --note TEXT [--by NAME]",
  options: {
    unit: { type: "string" },
    status: { type: "string" },
    "due-before": { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    month: { type: "string" },
    q: { type: "string" },
    format: { type: "string" },
    "per-unit": { type: "boolean" },
    out: { type: "string" },
    public: { type: "boolean" },
    note: { type: "string" },
    by: { type: "string" },
  },
  async run({ positionals, values }, io) {
    const v = values as Record<string, string | undefined>;
    const format = (v.format ?? "table") as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new InputError("usage", `--format must be ${FORMATS.join(" / ")} (got «${v.format}»)`, { subject: "--format" });
    if (format === "xlsx" && !v.out) throw new InputError("usage", "--format xlsx needs --out FILE.xlsx", { subject: "--out" });
    const [sub, id] = positionals;
    if (sub !== undefined && sub !== "done") throw new InputError("usage", `unknown ledger action «${sub}» (only: done)`, { subject: "ledger" });
    if (sub === "done" && (!id || !v.note?.trim()))
      throw new InputError("usage", "give the row id and a note: minutes ledger done ID --note «已印发»", { subject: "--note" });
    const filter = parseLedgerFilter(v);
    const config = loadConfig(io.env);
    const engine = await openEngine({ config, onProgress: progressReporter((s) => io.err(s), io.isTTY) });
    const redis = config.REDIS_URL ? new RedisConnection(config.REDIS_URL) : undefined;
    try {
      const ledger = new LedgerService({ engine, marks: markStore(config, redis) });
      // The CLI runs on the operator's machine: internal minutes unless --public.
      const access = values.public ? PUBLIC_ACCESS : FULL_ACCESS;
      if (sub === "done") {
        const row = await ledger.markDone(id!, v.by?.trim() || io.env.USER || "staff", v.note!.trim(), access);
        if (!row) throw new InputError("input_invalid", `no ledger row «${id}»`, { subject: "ID" });
        io.out(ledgerTable([row]));
        return 0;
      }
      const rows = await ledger.rows(filter, access);
      const text = format === "json" ? JSON.stringify({ rows }, null, 2) : format === "csv" ? ledgerCsv(rows) : format === "table" ? ledgerTable(rows) : null;
      if (text === null) await writeFile(v.out!, await ledgerXlsx(rows, { perUnit: Boolean(values["per-unit"]) }));
      else if (v.out) await writeFile(v.out, text, "utf8");
      else io.out(text);
      if (v.out) io.err(`${rows.length} rows written to ${v.out}`);
      return 0;
    } finally {
      await redis?.close();
      await engine.close();
    }
  },
};
