/**
 * Later records reporting on a task: a meeting that «听取了…落实情况的汇报»
 * on the same document or subject as an earlier task marks it done, and the
 * row's timeline shows both citations.
 */
import { citeSpan } from "../answer/citations.js";
import type { Minutes } from "../minutes/schema.js";
import type { LedgerSource, LedgerTask } from "./types.js";

/** «听取了市交运局关于《…》落实情况的汇报», «听取…推进情况汇报». */
const PROGRESS_REPORT = /听取(?:并审议)?了?[^。；]{0,80}?(?:落实|推进|实施|执行|办理|完成|办结|进展)情况/g;

/** A later record's report on earlier work, cited. */
export interface ProgressReport extends LedgerSource {
  meetingDate: string | null;
  /** 《》 titles the report names. */
  documents: string[];
  /** The report's subject words (without units, verbs and 《》). */
  subject: string;
  visibility: Minutes["visibility"];
}

/** Every progress report of a record. */
export function progressReportsOf(m: Minutes): ProgressReport[] {
  const out: ProgressReport[] = [];
  for (const item of m.items) {
    const text = m.text.slice(item.start, item.end);
    const found = [...text.matchAll(PROGRESS_REPORT)];
    // The heading «一、听取…落实情况汇报» and the report sentence under it are one report: the sentence is cited.
    const heading = text.indexOf("\n");
    const body = found.filter((r) => heading < 0 || r.index > heading);
    for (const r of (body.length ? body : found).slice(0, 1)) {
      const start = item.start + r.index;
      const cited = citeSpan(m, start, start + r[0].length, { item, section: "", sectionKind: "item" });
      const documents = [...r[0].matchAll(/《([^《》]+)》/g)].map((d) => d[1]);
      const subject = r[0]
        .replace(/《[^《》]*》/g, "")
        .replace(/^听取(?:并审议)?了?/, "")
        .replace(/^.*?关于/, "")
        .replace(/(?:的)?(?:落实|推进|实施|执行|办理|完成|办结|进展)情况$/, "");
      out.push({
        minutesId: m.id,
        itemOrdinal: item.ordinal,
        itemLabel: item.label,
        itemTitle: item.title,
        documents,
        start: cited.start,
        end: cited.end,
        quote: cited.quote,
        reference: cited.reference,
        meetingDate: m.meeting.date,
        subject,
        visibility: m.visibility,
      });
    }
  }
  return out;
}

const bare = (s: string) => s.replace(/[\s《》“”"（）()、，]/g, "");

/** Whether `report` is on `task`: it names one of the task's documents, or its subject is in the task's item title or words. */
export function reportsOn(report: ProgressReport, task: LedgerTask): boolean {
  if (!task.meeting.date || !report.meetingDate || report.meetingDate <= task.meeting.date) return false;
  if (report.documents.some((d) => task.documents.some((t) => bare(t) === bare(d)))) return true;
  const subject = bare(report.subject);
  return subject.length >= 4 && (bare(task.itemTitle).includes(subject) || bare(task.quote).includes(subject));
}
