/**
 * The document–decision links of one set of records (an index generation, or
 * the files `minutes parse` reads), by record: for a meeting the documents
 * each item passed, for a document the meeting decisions that passed it.
 * Read through the caller's access: a link to a record the caller may not see
 * is left out, so a public document passed by an internal meeting names no
 * meeting to an anonymous caller.
 */
import { linkDocuments, type DocumentLink } from "../minutes/links.js";
import type { Minutes } from "../minutes/schema.js";
import { visible } from "../retrieval/retriever.js";
import type { Access } from "../retrieval/types.js";

/** A document an agenda item passed, as the meeting sees it. */
export interface PassedDocument {
  documentId: string;
  /** The document's title as the document record writes it. */
  title: string;
  itemOrdinal: number;
  /** The decision sentence as the minutes write it, and its span in the minutes text. */
  decision: string;
  start: number;
  end: number;
}

/** A meeting decision that passed a document, as the document sees it. */
export interface PassingDecision {
  minutesId: string;
  /** The minutes' title and number (第N号), as a reader names the record. */
  minutesTitle: string;
  number: number | null;
  /** The meeting as the text names it («市政府第1次常务会议»), when it does. */
  meetingName: string | null;
  meetingDate: string | null;
  itemOrdinal: number;
  /** The item's label («五») and title; the label is empty for an unnumbered item. */
  itemLabel: string;
  itemTitle: string;
  decision: string;
  start: number;
  end: number;
}

/** Both directions for one record; one of them is empty (a record is a meeting or a document). */
export interface RecordLinks {
  passed: PassedDocument[];
  passedBy: PassingDecision[];
}

/** The links of a set of records, computed once; `of()` reads them within an access. */
export class RecordLinkIndex {
  private readonly byId: ReadonlyMap<string, Minutes>;
  private readonly byRecord = new Map<string, DocumentLink[]>();

  constructor(records: readonly Minutes[], links: readonly DocumentLink[]) {
    this.byId = new Map(records.map((m) => [m.id, m]));
    for (const l of links) {
      for (const id of [l.minutesId, l.documentId]) {
        const list = this.byRecord.get(id) ?? [];
        list.push(l);
        this.byRecord.set(id, list);
      }
    }
  }

  /** Links every document of `records` to the decisions that name it; records read as plain text take no part. */
  static build(records: readonly Minutes[]): RecordLinkIndex {
    // A lazily loaded record reads its text and structure on first use: plain text has neither items nor a document to link.
    return new RecordLinkIndex(records, linkDocuments(records.filter((m) => m.reading !== "text")));
  }

  /** The links of record `id` that `access` may see (none when it may not see the record itself). */
  of(id: string, access: Access): RecordLinks {
    const self = this.byId.get(id);
    const out: RecordLinks = { passed: [], passedBy: [] };
    if (!self || !visible(self, access)) return out;
    for (const l of this.byRecord.get(id) ?? []) {
      const other = this.byId.get(l.minutesId === id ? l.documentId : l.minutesId);
      if (!other || !visible(other, access)) continue;
      const { decision, start, end, itemOrdinal } = l;
      if (l.minutesId === id) {
        out.passed.push({ documentId: l.documentId, title: l.title, itemOrdinal, decision, start, end });
        continue;
      }
      const item = other.items.find((i) => i.ordinal === itemOrdinal);
      out.passedBy.push({
        minutesId: other.id,
        minutesTitle: other.title,
        number: other.number,
        meetingName: other.meeting.name,
        meetingDate: l.meetingDate,
        itemOrdinal,
        itemLabel: item?.label ?? "",
        itemTitle: item?.title ?? "",
        decision,
        start,
        end,
      });
    }
    return out;
  }

  /** The record of an id among those linked, whatever its visibility (for the operator's CLI). */
  record(id: string): Minutes | undefined {
    return this.byId.get(id);
  }
}
