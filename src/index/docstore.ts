/**
 * How parsed minutes are kept in an index: per document a small eager record
 * (title, number, dates, visibility, item titles, domain words) and, stored
 * apart, the normalized text and the item structure. Every text field of the
 * structure (item, clause and point texts, the summary) is a slice of the
 * document text, so only spans are stored; a Minutes object loaded from an
 * index reads its text and structure from disk the first time they are used.
 */
import { closeSync, openSync, readSync } from "node:fs";
import type { DocumentStructure } from "../minutes/document.js";
import type { Attendance, Item, Minutes, Section } from "../minutes/schema.js";
import { placesOf } from "./places.js";

/** The eager part of a stored minutes document. */
export interface DocMeta {
  id: string;
  /** Absent in stores written before readings; read as "meeting". */
  reading?: Minutes["reading"];
  readingWhy?: string[];
  /** Absent in stores written before record shapes; read as "formal". */
  shape?: Minutes["shape"];
  title: string;
  kind: string;
  issuer: string | null;
  number: number | null;
  year: number | null;
  issuedOn: string | null;
  compiledBy: string | null;
  compiledOn: string | null;
  meeting: Minutes["meeting"];
  visibility: Minutes["visibility"];
  summarySpan: Minutes["summarySpan"];
  headerSpan: Minutes["headerSpan"];
  source: Minutes["source"];
  /** Label and title of each agenda item (passage headings need them without loading the structure). */
  items: [string, string][];
  /** Attendance, small and read across all minutes (who attended what), so kept with the record. */
  attendance: Attendance | null;
  /** Words this document adds to the tokenizer (document titles, units). */
  words: string[];
  /** Where removed text stood in the text (absent in older stores: none). */
  seams?: number[];
  /** Byte offset and length of the text in the segment's texts file, and of the structure in its structs file. */
  textAt: [number, number];
  structAt: [number, number];
  /** Number of passages of the document in its segment. */
  passages: number;
}

/** A document ready to store: its meta (offsets filled in when written), UTF-8 text and structure JSON. */
export interface SerializedDoc {
  meta: Omit<DocMeta, "textAt" | "structAt" | "passages">;
  text: string;
  struct: string;
}

/** Fields added after the first stores are optional here, so older indexes still load. */
type StoredSection = Omit<Section, "text" | "points" | "speaker" | "speakerRole"> &
  Partial<Pick<Section, "speaker" | "speakerRole">> & { points: { label: string; start: number; end: number; text?: string }[]; text?: string };
type StoredItem = Omit<Item, "text" | "sections" | "decisions" | "deadlines" | "amounts"> &
  Partial<Pick<Item, "decisions" | "deadlines" | "amounts">> & { sections: StoredSection[]; text?: string };
interface StoredStruct {
  items: StoredItem[];
  /** Stores written before attendance moved to the record. */
  attendance?: Attendance | null;
  /** Present only when the summary is not the slice at summarySpan. */
  summary?: string;
  /** A document reading's structure (absent for meetings, text and older stores). */
  document?: DocumentStructure;
}

/** Words a public document adds to the segmentation dictionary (see registerDomainWords). */
export function domainWordsOf(m: Minutes): string[] {
  // The dictionary is shared by every caller: words only an internal record holds would change
  // how public text and questions are cut. Internal records still match through bigrams.
  if (m.visibility !== "public") return [];
  const w = new Set<string>();
  for (const it of m.items) {
    it.documents.forEach((d) => d.length <= 20 && w.add(d));
    if (it.reportingUnit) w.add(it.reportingUnit);
    it.responsibleUnits.forEach((u) => w.add(u));
  }
  m.attendance?.attending.forEach((a) => w.add(a.unit));
  // «璜源纾困政策» was cut «璜源纾|困»: a meeting's or document's own place is a word (an article's are left as cut).
  if (m.reading !== "text") placesOf(m).forEach((p) => w.add(p));
  return [...w];
}

/** Splits a Minutes object into meta, text and structure; texts that are slices of the document text become spans. */
export function serializeDoc(m: Minutes): SerializedDoc {
  const t = m.text;
  const slice = <T extends { text: string; start: number; end: number }>(x: T): Omit<T, "text"> & { text?: string } => {
    const { text, ...rest } = x;
    return t.slice(x.start, x.end) === text ? rest : { ...rest, text };
  };
  const struct: StoredStruct = {
    items: m.items.map((it) => {
      const base = slice(it) as Omit<Item, "text"> & { text?: string };
      return {
        ...base,
        sections: it.sections.map((s) => ({ ...(slice(s) as Omit<Section, "text"> & { text?: string }), points: s.points.map((p) => slice(p)) })),
      } as StoredItem;
    }),
    ...(t.slice(m.summarySpan.start, m.summarySpan.end) === m.summary ? {} : { summary: m.summary }),
    ...(m.document ? { document: m.document } : {}),
  };
  return {
    meta: {
      id: m.id,
      reading: m.reading,
      readingWhy: m.readingWhy,
      shape: m.shape,
      title: m.title,
      kind: m.kind,
      issuer: m.issuer,
      number: m.number,
      year: m.year,
      issuedOn: m.issuedOn,
      compiledBy: m.compiledBy,
      compiledOn: m.compiledOn,
      meeting: m.meeting,
      visibility: m.visibility,
      summarySpan: m.summarySpan,
      headerSpan: m.headerSpan,
      source: m.source,
      items: m.items.map((it) => [it.label, it.title]),
      attendance: m.attendance,
      words: domainWordsOf(m),
      seams: m.seams,
    },
    text: m.text,
    struct: JSON.stringify(struct),
  };
}

function itemsOf(text: string, struct: StoredStruct): Item[] {
  return struct.items.map((it) => ({
    ordinal: it.ordinal,
    label: it.label,
    title: it.title,
    documents: it.documents,
    reportingUnit: it.reportingUnit,
    decision: it.decision,
    decisions: it.decisions ?? (it.decision ? [it.decision] : []),
    followUp: it.followUp,
    responsibleUnits: it.responsibleUnits,
    deadlines: it.deadlines ?? [],
    amounts: it.amounts ?? [],
    sections: it.sections.map((s) => ({
      kind: s.kind,
      lead: s.lead,
      speaker: s.speaker ?? (s.lead?.startsWith("会议") ? "会议" : null),
      speakerRole: s.speakerRole ?? null,
      text: s.text ?? text.slice(s.start, s.end),
      points: s.points.map((p) => ({ label: p.label, text: p.text ?? text.slice(p.start, p.end), start: p.start, end: p.end })),
      start: s.start,
      end: s.end,
    })),
    text: it.text ?? text.slice(it.start, it.end),
    start: it.start,
    end: it.end,
  }));
}

/** A complete Minutes object, in the key order parseMinutes produces. */
export function materializeMinutes(meta: SerializedDoc["meta"], text: string, structJson: string): Minutes {
  const struct = JSON.parse(structJson) as StoredStruct;
  return {
    id: meta.id,
    reading: meta.reading ?? "meeting",
    readingWhy: meta.readingWhy ?? [],
    shape: meta.shape ?? "formal",
    title: meta.title,
    kind: meta.kind,
    issuer: meta.issuer,
    number: meta.number,
    year: meta.year,
    issuedOn: meta.issuedOn,
    compiledBy: meta.compiledBy,
    compiledOn: meta.compiledOn,
    meeting: meta.meeting,
    visibility: meta.visibility,
    summary: struct.summary ?? text.slice(meta.summarySpan.start, meta.summarySpan.end),
    summarySpan: meta.summarySpan,
    headerSpan: meta.headerSpan,
    items: itemsOf(text, struct),
    attendance: meta.attendance !== undefined ? meta.attendance : (struct.attendance ?? null),
    document: struct.document ?? null,
    text,
    seams: meta.seams ?? [],
    source: meta.source,
  };
}

/**
 * Reads byte ranges of one segment's texts and structures files. Both are
 * opened at once: the reader reads the files of the generation it was made
 * for, whatever an ingest writes later.
 */
export class DocReader {
  private fds = new Map<string, number>();

  constructor(private readonly files: { texts: string; structs: string }) {
    try {
      for (const which of ["texts", "structs"] as const) this.fds.set(which, openSync(files[which], "r"));
    } catch (err) {
      this.close();
      throw err;
    }
  }

  private read(which: "texts" | "structs", [at, len]: [number, number]): string {
    const fd = this.fds.get(which);
    if (fd === undefined) throw new Error(`${this.files[which]}: the document reader is closed`);
    const buf = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const n = readSync(fd, buf, got, len - got, at + got);
      if (n === 0) throw new Error(`${this.files[which]}: unexpected end of file`);
      got += n;
    }
    return buf.toString("utf8");
  }

  text(meta: Pick<DocMeta, "textAt">): string {
    return this.read("texts", meta.textAt);
  }

  struct(meta: Pick<DocMeta, "structAt">): string {
    return this.read("structs", meta.structAt);
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}

const ITEM_COUNTS = new WeakMap<Minutes, number>();

/** Number of agenda items, without loading the structure of a lazily loaded document. */
export function itemCount(m: Minutes): number {
  return ITEM_COUNTS.get(m) ?? m.items.length;
}

/**
 * A Minutes object whose text, summary, items and attendance are read from
 * the index the first time any of them is used (then kept). Property order and
 * values are those of the parsed minutes, so spreading or serializing it gives
 * the same object.
 */
export function lazyMinutes(meta: DocMeta, reader: DocReader): Minutes {
  let loaded: Minutes | null = null;
  const load = (): Minutes => (loaded ??= materializeMinutes(meta, reader.text(meta), reader.struct(meta)));
  const m = {} as Minutes;
  const eager = (key: keyof Minutes, value: unknown) => Object.defineProperty(m, key, { value, writable: true, enumerable: true, configurable: true });
  const lazy = (key: "summary" | "items" | "attendance" | "document" | "text") =>
    Object.defineProperty(m, key, {
      enumerable: true,
      configurable: true,
      get() {
        const v = load()[key];
        Object.defineProperty(m, key, { value: v, writable: true, enumerable: true, configurable: true });
        return v;
      },
      set(v: unknown) {
        Object.defineProperty(m, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
    });
  eager("id", meta.id);
  eager("reading", meta.reading ?? "meeting");
  eager("readingWhy", meta.readingWhy ?? []);
  eager("shape", meta.shape ?? "formal");
  eager("title", meta.title);
  eager("kind", meta.kind);
  eager("issuer", meta.issuer);
  eager("number", meta.number);
  eager("year", meta.year);
  eager("issuedOn", meta.issuedOn);
  eager("compiledBy", meta.compiledBy);
  eager("compiledOn", meta.compiledOn);
  eager("meeting", meta.meeting);
  eager("visibility", meta.visibility);
  lazy("summary");
  eager("summarySpan", meta.summarySpan);
  eager("headerSpan", meta.headerSpan);
  lazy("items");
  if (meta.attendance !== undefined) eager("attendance", meta.attendance);
  else lazy("attendance");
  lazy("document");
  lazy("text");
  eager("seams", meta.seams ?? []);
  eager("source", meta.source);
  ITEM_COUNTS.set(m, meta.items.length);
  return m;
}
