import { z } from "zod";
import { DocumentSchema } from "./document.js";

/** Offsets are UTF-16 code-unit indexes into `Minutes.text` (JavaScript string indexes). */
const span = { start: z.number().int().nonnegative(), end: z.number().int().nonnegative() };

/** A numbered point inside a clause: （一）, 1., （1）. */
export const PointSchema = z.object({
  label: z.string(),
  text: z.string(),
  ...span,
});
export type Point = z.infer<typeof PointSchema>;

/**
 * The kind of a clause of an agenda item:
 * report // 会议听取, opinion // 会议认为, decision // 会议明确·同意·决定,
 * emphasis // 会议强调, instruction // 会议指出·要求.
 */
export const SectionKindSchema = z.enum(["report", "opinion", "decision", "emphasis", "instruction", "other"]);
export type SectionKind = z.infer<typeof SectionKindSchema>;

export const SectionSchema = z.object({
  kind: SectionKindSchema,
  /** The clause verb as written, e.g. «会议强调», «县长王立新强调». Null for text with no clause verb. */
  lead: z.string().nullable(),
  /** Who says it: «会议», or a person's name («王立新») for a statement by a person; null without a lead. */
  speaker: z.string().nullable(),
  /** The person's title as written beside the name («县长», «县委常委、副县长»), null for «会议». */
  speakerRole: z.string().nullable(),
  text: z.string(),
  points: z.array(PointSchema),
  ...span,
});
export type Section = z.infer<typeof SectionSchema>;

/** One agenda item 一、二、… of a meeting. */
export const ItemSchema = z.object({
  ordinal: z.number().int().positive(),
  label: z.string(),
  title: z.string(),
  /** Titles inside 《》 in the item heading and its report, without the brackets. */
  documents: z.array(z.string()),
  reportingUnit: z.string().nullable(),
  decision: z.string().nullable(),
  /** Every decision of the item: one per document passed when a sentence passes several. */
  decisions: z.array(z.string()),
  followUp: z.string().nullable(),
  responsibleUnits: z.array(z.string()),
  /** Deadlines as written: «8月底前», «2023年6月30日前», «年内». */
  deadlines: z.array(z.string()),
  /** Amounts of money as written: «50万元», «1.2亿元». */
  amounts: z.array(z.string()),
  sections: z.array(SectionSchema),
  text: z.string(),
  ...span,
});
export type Item = z.infer<typeof ItemSchema>;

export const AttendeeSchema = z.object({ unit: z.string(), name: z.string() });
export type Attendee = z.infer<typeof AttendeeSchema>;

/** 出席 (present), 列席 (attending) and other attendance lines. */
export const AttendanceSchema = z.object({
  present: z.array(z.string()),
  attending: z.array(AttendeeSchema),
  other: z.array(z.string()),
  ...span,
});
export type Attendance = z.infer<typeof AttendanceSchema>;

/** Where the meeting date's year came from; the year is never invented. */
export const DateSourceSchema = z.enum(["text", "issued", "metadata", "document", "filename"]);
export type DateSource = z.infer<typeof DateSourceSchema>;

export const MeetingSchema = z.object({
  date: z.string().nullable(),
  /** The date as the text writes it («3月12日上午»); kept when its year is unknown and `date` is null. */
  dateText: z.string().nullable(),
  dateSource: DateSourceSchema.nullable(),
  period: z.string().nullable(),
  chair: z.string().nullable(),
  chairRole: z.string().nullable(),
  session: z.number().int().nullable(),
  /** The term as written («十六届»), when the meeting names one. */
  term: z.string().nullable(),
  name: z.string().nullable(),
  /** The convening body as the text names it: «县政府», «市住建局», «县人大常委会». */
  body: z.string().nullable(),
  /** The kind of meeting: «常务会议», «局长办公会», «专题会议», «主任会议», «主席会议», «党组会议». */
  kind: z.string().nullable(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

/** The meeting of a record that states none: every field null but the date a document states. */
export function noMeeting(date: string | null = null): Meeting {
  return {
    date,
    dateText: null,
    dateSource: date ? "text" : null,
    period: null,
    chair: null,
    chairRole: null,
    session: null,
    term: null,
    name: null,
    body: null,
    kind: null,
  };
}

export const VisibilitySchema = z.enum(["public", "internal"]);
export type Visibility = z.infer<typeof VisibilitySchema>;

export const SourceSchema = z.object({
  path: z.string(),
  sha256: z.string(),
  encoding: z.string(),
  format: z.string(),
  ocr: z.boolean(),
  /** Start offset of each page in `text`, when the source had pages (PDF). */
  pageStarts: z.array(z.number().int()).optional(),
  /** Position of this record in a file holding several meetings (1-based), and how many it holds. */
  part: z.number().int().positive().optional(),
  parts: z.number().int().positive().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/**
 * Which shape the text was read in: a formal 纪要 with its title (formal),
 * a 纪要 body without its title (untitled), a list of 议定事项 (agreed), a
 * news-style report of the meeting (report), a 会议记录 that opens with a table
 * of fields (时间, 地点, 主席 …) instead of a sentence (fields); for a text that
 * records no meeting, a document (通知, 办法, 方案 …) or plain text.
 */
export const RecordShapeSchema = z.enum(["formal", "untitled", "agreed", "report", "fields", "document", "text"]);
export type RecordShape = z.infer<typeof RecordShapeSchema>;

/** How a file was read: the record of a meeting, a document with its own structure, or plain text. */
export const ReadingSchema = z.enum(["meeting", "document", "text"]);
export type Reading = z.infer<typeof ReadingSchema>;

export const MinutesSchema = z.object({
  id: z.string(),
  reading: ReadingSchema,
  /** The evidence for the reading: «opening: …主持召开…会议», «title ends with 纪要», or why no meeting was found. */
  readingWhy: z.array(z.string()),
  shape: RecordShapeSchema,
  title: z.string(),
  /** The kind from the title: 常务会议纪要, 办公会议纪要, 专题会议纪要 …; for a report, the meeting kind. */
  kind: z.string(),
  issuer: z.string().nullable(),
  number: z.number().int().nullable(),
  year: z.number().int().nullable(),
  issuedOn: z.string().nullable(),
  compiledBy: z.string().nullable(),
  compiledOn: z.string().nullable(),
  meeting: MeetingSchema,
  visibility: VisibilitySchema,
  summary: z.string(),
  summarySpan: z.object(span),
  headerSpan: z.object(span),
  items: z.array(ItemSchema),
  attendance: AttendanceSchema.nullable(),
  /** The structure of a document reading (headings and blocks); null for a meeting or plain text. */
  document: DocumentSchema.nullable(),
  text: z.string(),
  /** Offsets in `text` where removed text (page furniture, tags) stood between kept text: a quote never spans one. */
  seams: z.array(z.number().int().nonnegative()),
  source: SourceSchema,
});
export type Minutes = z.infer<typeof MinutesSchema>;
