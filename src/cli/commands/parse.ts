import { readMinutesFile } from "../../minutes/read.js";
import type { Minutes } from "../../minutes/schema.js";
import { describeError } from "../../messages.js";
import type { Command } from "../args.js";

function outline(m: Minutes): string {
  const lines = [
    `${m.title} 第${m.number ?? "?"}号 (${m.id}) — ${m.visibility === "public" ? "公开" : "内部"}`,
    `  会议: ${m.meeting.date ?? "?"} ${m.meeting.period ?? ""} ${m.meeting.chair ?? "?"}${m.meeting.chairRole ?? ""}主持 ${m.meeting.name ?? ""}`,
    `  印发: ${m.issuedOn ?? "?"}  整理: ${m.compiledBy ?? "?"} ${m.compiledOn ?? ""}`,
    `  来源: ${m.source.path} [${m.source.format}, ${m.source.encoding}${m.source.ocr ? ", OCR" : ""}]`,
  ];
  for (const it of m.items) {
    lines.push(`  ${it.label || it.ordinal}、${it.title}`);
    if (it.reportingUnit) lines.push(`      汇报: ${it.reportingUnit}`);
    if (it.decision) lines.push(`      决定: ${it.decision}`);
    if (it.followUp) lines.push(`      会后: ${it.followUp}`);
    const kinds = it.sections.map((s) => `${s.lead ?? s.kind}${s.points.length ? `(${s.points.length})` : ""}`);
    lines.push(`      条款: ${kinds.join(" / ")}`);
  }
  if (m.attendance) {
    lines.push(`  出席 ${m.attendance.present.length} 人, 列席 ${m.attendance.attending.length} 人${m.attendance.other.length ? `, 其他: ${m.attendance.other.join("；")}` : ""}`);
  }
  return lines.join("\n");
}

export const parseCommand: Command = {
  name: "parse",
  summary: "parse minutes files and print their structure",
  usage: "parse <file...> [--json]",
  options: { json: { type: "boolean" } },
  async run({ positionals, values }, io) {
    if (positionals.length === 0) {
      io.err("parse: name at least one file, e.g. minutes parse data/minutes/taicang-2022-01.txt");
      return 2;
    }
    const parsed: Minutes[] = [];
    let failed = 0;
    for (const file of positionals) {
      try {
        parsed.push(await readMinutesFile(file));
      } catch (err) {
        failed++;
        io.err(`error: ${describeError(err)}`);
      }
    }
    if (values.json) io.out(JSON.stringify(positionals.length === 1 ? parsed[0] ?? null : parsed, null, 2));
    else io.out(parsed.map(outline).join("\n\n"));
    return failed ? 1 : 0;
  },
};
