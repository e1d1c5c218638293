/**
 * The tasks of one record: every clause of an agenda item that records a
 * decision, gives a named unit a task or sets a deadline becomes a row,
 * cited by offsets into `Minutes.text`. A unit or deadline on a row is always
 * in its quote; an item that names no unit leaves the unit empty.
 */
import { createHash } from "node:crypto";
import { citeSpan } from "../answer/citations.js";
import type { Item, Minutes } from "../minutes/schema.js";
import { deadlineDate, deadlinesIn } from "./deadline.js";
import type { LedgerTask, TaskKind } from "./types.js";
import { cooperatingUnits, leaderIn, leadMentions } from "./units.js";

/** A decision verb where a decision is recorded, not «其余通过申报…». */
const DECISION = /(?:^|会议|[，：]|审议|讨论|研究)(原则)?(?:同意|通过|批准|决定)/;
/** Reports of the meeting («会议听取了…汇报») decide and assign nothing. */
const SKIPPED_SECTIONS = new Set(["report"]);
/** The clause lead «会议强调，» / «会议要求：» and a point label «（一）», «1.», «（1）» are not the task's words. */
const LEAD =
  /^(?:[^，：。；]{0,12}?(?:明确|强调|要求|指出|决定如下|议定如下|提出)[，：:]\s*)?(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]{1,2}、)?\s*/;

interface Clause {
  start: number;
  end: number;
}

/** Splits [start, end) at 。；！？ and line breaks, and before a point label that follows a clause. */
function clausesOf(text: string, start: number, end: number): Clause[] {
  const out: Clause[] = [];
  let from = start;
  const push = (to: number) => {
    let s = from;
    let e = to;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /[\s。；;！？]/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
    from = to;
  };
  for (let i = start; i < end; i++) {
    if (/[。；;！？\n]/.test(text[i])) push(i + 1);
    else if (
      i > from &&
      /[（(]/.test(text[i]) &&
      /^[（(][一二三四五六七八九十\d]{1,3}[）)]/.test(text.slice(i, i + 5)) &&
      /[：:，]\s*$/.test(text.slice(from, i))
    )
      push(i);
  }
  push(end);
  return out;
}

/** Drops the clause lead and point label from a clause's start. */
function trimLead(text: string, c: Clause): Clause {
  const lead = LEAD.exec(text.slice(c.start, c.end))?.[0].length ?? 0;
  return lead < c.end - c.start ? { start: c.start + lead, end: c.end } : c;
}

/** A clause giving two units their own tasks («由区财政局负责资金拨付，区卫生健康局牵头于9月底前…») is two rows, split at the comma before the second. */
function splitAssignments(text: string, c: Clause): Clause[] {
  const s = text.slice(c.start, c.end);
  const leads = leadMentions(s);
  const cuts: number[] = [];
  for (let i = 1; i < leads.length; i++) {
    if (leads[i].unit === leads[i - 1].unit) continue;
    const comma = s.lastIndexOf("，", leads[i].at);
    if (comma > (cuts.at(-1) ?? 0) && comma > leads[i - 1].at) cuts.push(comma);
  }
  if (!cuts.length) return [c];
  const bounds = [0, ...cuts.map((x) => x + 1), s.length + 1];
  return bounds.slice(0, -1).map((b, i) => ({ start: c.start + b, end: c.start + bounds[i + 1] - 1 }));
}

function kindOf(clause: string, via: "请" | "由" | "subject" | null): TaskKind | null {
  if (via === "请") return "请…牵头";
  if (via === "由") return "由…负责";
  const d = DECISION.exec(clause);
  if (d) return d[1] ? "原则同意" : "决定/通过";
  return via ? "部署/要求" : null;
}

/** The text the row id hashes: whitespace and punctuation do not change a task. */
const normalized = (s: string) => s.replace(/[\s，。；：、“”"'（）()]/g, "");

/** Row id: the record's identity and the task's words; stable across re-ingest while both are. */
export function taskId(m: Pick<Minutes, "id">, quote: string): string {
  return createHash("sha256")
    .update(`${m.id}\n${normalized(quote)}`)
    .digest("hex")
    .slice(0, 16);
}

/** The spans an item's tasks are read from: its clauses (reports left out), else its text after the heading. */
function itemSpans(m: Minutes, item: Item): Clause[] {
  if (item.sections.length) return item.sections.filter((s) => !SKIPPED_SECTIONS.has(s.kind)).map((s) => ({ start: s.start, end: s.end }));
  const nl = m.text.indexOf("\n", item.start);
  return [{ start: nl > item.start && nl < item.end ? nl + 1 : item.start, end: item.end }];
}

/** Every task of a record, in the order written. */
export function extractTasks(m: Minutes): LedgerTask[] {
  const out: LedgerTask[] = [];
  const seen = new Set<string>();
  for (const item of m.items) {
    for (const span of itemSpans(m, item)) {
      for (const raw of clausesOf(m.text, span.start, span.end)) {
        for (const c of splitAssignments(m.text, trimLead(m.text, raw))) {
          const quote = m.text.slice(c.start, c.end);
          const lead = leadMentions(quote)[0] ?? null;
          const deadline = deadlinesIn(quote)[0]?.text ?? null;
          const kind = kindOf(quote, lead?.via ?? null) ?? (deadline ? "部署/要求" : null);
          if (!kind) continue;
          const id = taskId(m, quote);
          if (seen.has(id)) continue;
          seen.add(id);
          const cited = citeSpan(m, c.start, c.end, { item, section: "", sectionKind: "item" });
          out.push({
            id,
            kind,
            leadUnit: lead?.unit ?? null,
            cooperatingUnits: cooperatingUnits(quote, lead?.unit ?? null),
            leader: leaderIn(quote),
            deadlineText: deadline,
            dueDate: deadline ? deadlineDate(deadline, m.meeting.date) : null,
            minutesId: m.id,
            itemOrdinal: item.ordinal,
            itemLabel: item.label,
            itemTitle: item.title,
            documents: item.documents,
            start: cited.start,
            end: cited.end,
            quote: cited.quote,
            reference: cited.reference,
            meeting: { title: m.title, body: m.meeting.body, number: m.number, date: m.meeting.date },
            visibility: m.visibility,
          });
        }
      }
    }
  }
  return out;
}
