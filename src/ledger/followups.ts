/**
 * Later records reporting on a task: a meeting that «听取了…落实情况的汇报»
 * on the same document or subject as an earlier task marks it done, and the
 * row's timeline shows both citations.
 */
import { citeSpan } from "../answer/citations.js";
import type { Minutes } from "../minutes/schema.js";
import type { LedgerSource, LedgerTask } from "./types.js";

/** «听取了市交运局关于《…》落实情况的汇报»: a report on how a task was carried out, within one sentence. A report on how a field of work «进展» is not one. */
const PROGRESS_REPORT = /听取(?:并审议)?了?[^。；\n]{0,80}?(?:落实|办理|完成|办结)情况/g;

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
        .replace(/(?:的)?(?:落实|办理|完成|办结)情况$/, "");
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

/**
 * Links each task to the later reports on it: a report naming one of the task's documents, or whose
 * subject (four characters or more) is in the title of the task's agenda item. Documents are looked up
 * by name, subjects compared once per agenda item, so 1,000 records link in milliseconds.
 */
export function linkReports(tasks: readonly LedgerTask[], reports: readonly ProgressReport[]): Map<string, ProgressReport[]> {
  const byDocument = new Map<string, ProgressReport[]>();
  const bySubject: { subject: string; report: ProgressReport }[] = [];
  for (const r of reports) {
    for (const d of r.documents) byDocument.set(bare(d), [...(byDocument.get(bare(d)) ?? []), r]);
    const subject = bare(r.subject);
    if (!r.documents.length && subject.length >= 4) bySubject.push({ subject, report: r });
  }
  const itemMatches = new Map<string, ProgressReport[]>();
  const out = new Map<string, ProgressReport[]>();
  for (const t of tasks) {
    const itemKey = `${t.minutesId}\n${t.itemOrdinal}`;
    let bySubjectHere = itemMatches.get(itemKey);
    if (!bySubjectHere) {
      const title = bare(t.itemTitle);
      bySubjectHere = bySubject.filter((s) => title.includes(s.subject)).map((s) => s.report);
      itemMatches.set(itemKey, bySubjectHere);
    }
    const found = new Set([...t.documents.flatMap((d) => byDocument.get(bare(d)) ?? []), ...bySubjectHere]);
    const later = [...found].filter((r) => r.minutesId !== t.minutesId && t.meeting.date && r.meetingDate && r.meetingDate > t.meeting.date);
    if (later.length) out.set(t.id, later);
  }
  return out;
}
