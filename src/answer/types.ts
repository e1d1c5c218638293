import type { Item, Minutes, SectionKind, Visibility } from "../minutes/schema.js";
import type { INTENTS } from "../limits.js";
import type { Access, SearchOptions } from "../retrieval/types.js";
import type { RecordLinks } from "./record-links.js";

// Defined by retrieval (the layer below), re-exported for the interfaces that talk to the engine.
export { FULL_ACCESS, PUBLIC_ACCESS, type Access, type SearchOptions } from "../retrieval/types.js";

/** A reference to one agenda item of one minutes document. */
export interface ItemRef {
  minutesId: string;
  ordinal: number;
}

/** What a formal reference names about the cited record besides its title, number and date. */
export interface CitedRecord {
  /** The issuing authority, e.g. 太仓市人民政府; its place name qualifies a body written as «县政府». */
  issuer: string | null;
  /** The convening body as the text names it, e.g. 县政府, 市住建局. */
  body: string | null;
  /** The term as written, e.g. 十七届. */
  term: string | null;
  /** The kind of meeting, e.g. 常务会议. */
  kind: string | null;
  /** 第N次 of the meeting, when stated. */
  session: number | null;
  /** The meeting's name as written, e.g. 市政府第1次常务会议. */
  name: string | null;
  /** The record's shape; "report" for a news-style report of a meeting (no document number). */
  shape: string | null;
  /** The text was read from a scan by OCR, so a quote may carry recognition errors. */
  ocr: boolean;
  /** The year of the document number («〔2022〕1号»), for a record with a number. */
  numberYear?: number | null;
}

/** Citation data; interfaces render it (Telegram HTML, web, plain text). */
export interface Citation {
  /** 1-based marker number used as [n] in the answer text. */
  n: number;
  minutesId: string;
  /** Minutes title, e.g. 太仓市人民政府常务会议纪要. */
  title: string;
  number: number | null;
  meetingDate: string | null;
  item: { ordinal: number; label: string; title: string } | null;
  /** Section name for display, e.g. 会议强调, 出席, 会议概况. */
  section: string;
  sectionKind: SectionKind | "header" | "attendance" | "item" | "article" | "paragraph";
  pointLabel: string | null;
  /** Exact substring of the minutes' normalized text: `text.slice(start, end) === quote`. */
  quote: string;
  start: number;
  end: number;
  score: number;
  visibility: Visibility;
  /** Page number (1-based) in the source file, when it had pages. */
  page?: number | null;
  record: CitedRecord;
  /** The formal reference staff paste into documents (see src/answer/reference.ts); the quote exact and whole. */
  reference: string;
}

/** Question classes the answerer recognises (listed in src/limits.ts). */
export type Intent = (typeof INTENTS)[number];

export interface Answer {
  question: string;
  mode: "extractive" | "llm";
  intent: Intent;
  found: boolean;
  /** Answer text with [n] markers referring to `citations`. Plain text (no markup). */
  answer: string;
  citations: Citation[];
  /** The agenda item the answer is about, for follow-up questions. */
  focus: ItemRef | null;
  /** The record the answer is about (also when no single item is: chair, attendance, lists), for follow-up questions. */
  record?: string | null;
  /** A short notice, e.g. that the LLM failed and the extractive answer is shown. */
  notice?: string;
  /** How well the cited text supports the question (0–1): rarity-weighted coverage of its content; what the refusal threshold is compared with. */
  support?: number;
}

/** One earlier turn of a conversation. */
export interface Turn {
  question: string;
  intent?: Intent;
  focus?: ItemRef | null;
  /** The record the answer was about. */
  record?: string | null;
  answer?: string;
}

export interface AskOptions {
  history?: Turn[];
  access?: Access;
  /** Abort the work (e.g. the client went away). */
  signal?: AbortSignal;
}

/** One ranked passage with its exact quote. */
export interface SearchHit extends Omit<Citation, "n"> {
  passageId: string;
}

export interface MinutesSummary {
  id: string;
  title: string;
  kind: string;
  number: number | null;
  meetingDate: string | null;
  issuedOn: string | null;
  itemCount: number;
  visibility: Visibility;
  /** How the file was read: a meeting record, a document or plain text (the browser lists documents beside minutes). */
  reading: Minutes["reading"];
}

/** A failed ingest (or generation load): the error's code, the file system's (ENOSPC, EIO…) when it was one, when, and the message naming the folder or file. */
export interface IngestErrorReport {
  code: string;
  errno?: string;
  at: string;
  message: string;
}

export interface IndexStatus {
  documents: number;
  passages: number;
  indexedAt: string | null;
  embedder: { provider: string; model: string; dimension: number };
  /** The generation served (null: the flat layout of earlier versions). */
  generation: string | null;
  /** The last ingest that failed, while the last good generation is served; null after a successful one. */
  lastIngestError: IngestErrorReport | null;
}

/** The question-answering engine every interface (CLI, bot, web) talks to. */
export interface Engine {
  ask(question: string, opts?: AskOptions): Promise<Answer>;
  /**
   * Streams answer text as it is produced (LLM mode); ends with the final verified answer.
   * In extractive mode it yields the final answer at once.
   */
  askStream(question: string, opts?: AskOptions): AsyncIterable<{ delta: string } | { final: Answer }>;
  search(query: string, opts?: SearchOptions): Promise<SearchHit[]>;
  listMinutes(access?: Access): MinutesSummary[];
  getMinutes(id: string, access?: Access): Minutes | null;
  /** Finds minutes by their number (第N号); the newest year first when several match. */
  findByNumber(number: number, access?: Access): Minutes | null;
  getItem(minutesId: string, ordinal: number, access?: Access): { minutes: Minutes; item: Item } | null;
  /** The documents a meeting's items passed, or the meeting decisions that passed a document, as far as `access` may see them. */
  links(id: string, access?: Access): RecordLinks;
  status(): IndexStatus;
  /** Serves the generation the index folder's `CURRENT` names, when another; true when it switched. */
  switchGeneration(): Promise<boolean>;
  /** Re-ingests the minutes folder and swaps the index in. */
  reload(): Promise<{ added: number; changed: number; removed: number; failed: number }>;
}
