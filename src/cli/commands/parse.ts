import { RecordLinkIndex, type RecordLinks } from "../../answer/record-links.js";
import { LINK_TEXT } from "../../answer/texts.js";
import { FULL_ACCESS } from "../../answer/types.js";
import { loadConfig } from "../../config.js";
import { readRecordsFile } from "../../minutes/read.js";
import { numberToChinese } from "../../minutes/numerals.js";
import type { Minutes } from "../../minutes/schema.js";
import { describeError } from "../../messages.js";
import { minutesName } from "../../text/source-line.js";
import { printable } from "../../text/printable.js";
import type { CliIo, Command } from "../args.js";
import { recordsToLink } from "../link-records.js";

const SHAPE_NAMES: Record<Minutes["shape"], string> = {
  formal: "纪要",
  untitled: "纪要正文（无标题）",
  agreed: "议定事项",
  report: "会议报道",
  fields: "会议记录（表头字段）",
  document: "文件",
  text: "文本",
};
const READING_NAMES: Record<Minutes["reading"], string> = { meeting: "会议记录", document: "文件", text: "纯文本" };
const DATE_SOURCES: Record<NonNullable<Minutes["meeting"]["dateSource"]>, string> = {
  text: "正文",
  issued: "印发日期",
  metadata: "页面发布日期",
  document: "文中文件",
  filename: "文件名",
};

const itemPlace = (label: string, ordinal: number) => `第${label || numberToChinese(ordinal)}项`;
const NO_LINKS: RecordLinks = { passed: [], passedBy: [] };

/** The links of the parsed records among the archive's (the operator's CLI sees internal records); null when they could not be read. */
async function linksOf(parsed: Minutes[], io: CliIo): Promise<RecordLinkIndex | null> {
  if (!parsed.some((m) => m.reading !== "text")) return null;
  try {
    return RecordLinkIndex.build(await recordsToLink(loadConfig(io.env), parsed));
  } catch (err) {
    io.err(`warning: ${printable(LINK_TEXT.unread(describeError(err)))}`);
    return null;
  }
}

function outline(m: Minutes, links: RecordLinks, index: RecordLinkIndex | null): string {
  const lines = [
    `${m.title}${m.number !== null ? ` 第${m.number}号` : ""} (${m.id}) — ${m.visibility === "public" ? "公开" : "内部"} · ${SHAPE_NAMES[m.shape]}${m.source.parts ? ` · 第${m.source.part}/${m.source.parts}篇` : ""}`,
    `  会议: ${m.meeting.date ?? m.meeting.dateText ?? "?"}${m.meeting.date && m.meeting.dateSource !== "text" ? `（年份来自${DATE_SOURCES[m.meeting.dateSource!]}）` : ""} ${m.meeting.period ?? ""} ${m.meeting.chair ?? "?"}${m.meeting.chairRole ?? ""}主持 ${m.meeting.name ?? ""}`,
    `  印发: ${m.issuedOn ?? "?"}  整理: ${m.compiledBy ?? "?"} ${m.compiledOn ?? ""}`,
    `  来源: ${m.source.path} [${m.source.format}, ${m.source.encoding}${m.source.ocr ? ", OCR" : ""}]`,
    `  读作: ${READING_NAMES[m.reading]} — ${m.readingWhy.join("；")}`,
  ];
  for (const l of links.passedBy)
    lines.push(
      `  ${LINK_TEXT.passedBy(minutesName({ title: l.minutesTitle, number: l.number }), l.meetingDate, itemPlace(l.itemLabel, l.itemOrdinal), l.decision)}`,
    );
  for (const it of m.items) {
    lines.push(`  ${it.label || it.ordinal}、${it.title}`);
    if (it.reportingUnit) lines.push(`      汇报: ${it.reportingUnit}`);
    for (const d of it.decisions.length ? it.decisions : it.decision ? [it.decision] : []) lines.push(`      决定: ${d}`);
    if (it.responsibleUnits.length) lines.push(`      责任单位: ${it.responsibleUnits.join("、")}`);
    if (it.deadlines.length) lines.push(`      时限: ${it.deadlines.join("、")}`);
    if (it.amounts.length) lines.push(`      金额: ${it.amounts.join("、")}`);
    if (it.followUp) lines.push(`      会后: ${it.followUp}`);
    for (const d of links.passed.filter((l) => l.itemOrdinal === it.ordinal))
      lines.push(`      ${LINK_TEXT.passed(itemPlace(it.label, it.ordinal), d.title, index?.record(d.documentId)?.source.path ?? d.documentId)}`);
    const kinds = it.sections.map((s) => `${s.lead ?? s.kind}${s.points.length ? `(${s.points.length})` : ""}`);
    lines.push(`      条款: ${kinds.join(" / ")}`);
  }
  if (m.attendance) {
    lines.push(
      `  出席 ${m.attendance.present.length} 人, 列席 ${m.attendance.attending.length} 人${m.attendance.other.length ? `, 其他: ${m.attendance.other.join("；")}` : ""}`,
    );
  }
  // A file name or a title may carry control characters: shown escaped, they cannot forge or repaint lines.
  return lines.map(printable).join("\n");
}

export const parseCommand: Command = {
  name: "parse",
  summary: "parse minutes files and print their structure",
  summaryZh: "解析纪要文件并显示其结构（一个文件含多次会议时逐条显示）",
  examples: ["minutes parse data/minutes/taicang-2022-01.txt --json"],
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
        parsed.push(...(await readRecordsFile(file)));
      } catch (err) {
        failed++;
        io.err(`error: ${printable(describeError(err))}`);
      }
    }
    const index = await linksOf(parsed, io);
    const linked = parsed.map((m) => ({ m, links: index?.of(m.id, FULL_ACCESS) ?? NO_LINKS }));
    // One file of one meeting prints that record; several files or meetings print a list.
    const json = linked.map(({ m, links }) => ({ ...m, links }));
    if (values.json) io.out(JSON.stringify(json.length === 1 && positionals.length === 1 ? json[0] : json, null, 2));
    else io.out(linked.map(({ m, links }) => outline(m, links, index)).join("\n\n"));
    return failed ? 1 : 0;
  },
};
