import type { CallbackManagerForRetrieverRun } from "@langchain/core/callbacks/manager";
import { Document } from "@langchain/core/documents";
import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import type { Visibility } from "../minutes/schema.js";
import { normalizeQuestion } from "../text/question.js";
import { contentWords, Retriever, type RankedPassage } from "./retriever.js";
import { PUBLIC_ACCESS, type Access, type SearchOptions } from "./types.js";

/** What a LangChain chain needs to cite a passage: where in which minutes it stands. */
export interface MinutesDocumentMetadata {
  minutesId: string;
  passageId: string;
  title: string;
  /** The minutes number («第1号»), null when it has none. */
  number: number | null;
  /** ISO date of the meeting, null when the record does not say. */
  meetingDate: string | null;
  /** The agenda item (议题) the passage belongs to, null outside the items. */
  item: { ordinal: number; label: string; title: string } | null;
  /** «会议强调», «会议决定», …. */
  section: string;
  pointLabel: string | null;
  /** UTF-16 offsets of pageContent in the minutes' text: `text.slice(start, end) === pageContent`. */
  start: number;
  end: number;
  visibility: Visibility;
  /** The fused ranking score, and how much of the question the passage covers (0–1). */
  score: number;
  coverage: number;
}

/** Anything holding the current retriever: the engine does, and swaps it on reload. */
export interface RetrieverSource {
  readonly retriever: Retriever;
}

export interface MinutesRetrieverInput extends BaseRetrieverInput {
  /** A retriever, or what holds the current one (`engine`), so a reload is seen. */
  retriever: Retriever | RetrieverSource;
  /** Who asks; public minutes only unless said otherwise. */
  access?: Access;
  /** Passages per query (default 5). */
  k?: number;
  /** The search filters of `engine.search` (a minutes, its number, a date range, a unit). */
  filters?: Omit<SearchOptions, "k" | "offset" | "access">;
}

/**
 * LangChain's retriever over our hybrid retrieval: `.invoke(question)` gives
 * Documents whose pageContent is the passage exactly as the minutes write it
 * and whose metadata says where it stands, for chains that quote and cite.
 * The ranking, the visibility rule and the noise filter are engine.search's.
 */
export class MinutesRetriever extends BaseRetriever<MinutesDocumentMetadata> {
  lc_namespace = ["minutes-qa", "retrievers"];
  private readonly source: Retriever | RetrieverSource;
  readonly access: Access;
  readonly k: number;
  readonly filters: Omit<SearchOptions, "k" | "offset" | "access">;

  constructor(fields: MinutesRetrieverInput) {
    super(fields);
    this.source = fields.retriever;
    this.access = fields.access ?? PUBLIC_ACCESS;
    this.k = fields.k ?? 5;
    this.filters = fields.filters ?? {};
  }

  async _getRelevantDocuments(query: string, _runManager?: CallbackManagerForRetrieverRun): Promise<Document<MinutesDocumentMetadata>[]> {
    const retriever = this.source instanceof Retriever ? this.source : this.source.retriever;
    const aq = retriever.analyze(normalizeQuestion(query));
    const ranked = await retriever.retrieveAnalyzed(aq, { ...this.filters, k: this.k, access: this.access });
    // A passage that shares none of the query's content words is noise, not a result.
    const hits = contentWords(aq).length ? ranked.filter((h) => h.coverage > 0) : ranked;
    return hits.map(passageDocument);
  }
}

function passageDocument({ minutes: m, passage: p, score, coverage }: RankedPassage): Document<MinutesDocumentMetadata> {
  const item = p.itemOrdinal ? m.items[p.itemOrdinal - 1] : null;
  return new Document({
    pageContent: m.text.slice(p.start, p.end),
    id: p.id,
    metadata: {
      minutesId: m.id,
      passageId: p.id,
      title: m.title,
      number: m.number,
      meetingDate: m.meeting.date,
      item: item ? { ordinal: item.ordinal, label: item.label, title: item.title } : null,
      section: p.section,
      pointLabel: p.pointLabel,
      start: p.start,
      end: p.end,
      visibility: m.visibility,
      score: Math.round(score * 1000) / 1000,
      coverage: Math.round(coverage * 1000) / 1000,
    },
  });
}
