import { readFile } from "node:fs/promises";
import { z } from "zod";
import { InputError } from "../errors.js";
import { embedderForIndex, type EmbedderSpec } from "../index/embeddings/index.js";
import { buildSearchStructures, registerDomainWords } from "../index/ingest.js";
import { buildPassages, type Passage } from "../index/passages.js";
import { parseRecords } from "../minutes/parse.js";
import { FORMAT_VERSION, type IndexData } from "../index/store.js";
import { PARSER_VERSION } from "../minutes/version.js";
import { type Minutes, noMeeting } from "../minutes/schema.js";
import { rankFigures, runAblation, type AblationRow, type RankedQuestion, type RankFigures } from "./ablation.js";
import type { Lexicon } from "../index/lexicon.js";
import { Retriever, weightsFor, type RetrievalMode, type RetrievalWeights } from "./retriever.js";

const PassageLine = z.object({ id: z.union([z.string(), z.number()]).transform(String), text: z.string().min(1), title: z.string().optional() });
const QueryLine = z
  .object({
    qid: z.union([z.string(), z.number()]).transform(String),
    question: z.string().min(1),
    gold_passage_id: z.union([z.string(), z.number()]).transform(String).optional(),
    gold_passage_ids: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  })
  .refine((q) => q.gold_passage_id !== undefined || (q.gold_passage_ids?.length ?? 0) > 0, "needs gold_passage_id or gold_passage_ids");

/** Reads a JSONL file, validating each line; errors name the file and line. */
export async function readJsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new InputError("input_invalid", `${file}: cannot read the file`, { subject: file });
  }
  const out: T[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new InputError("input_invalid", `${file}:${i + 1}: not valid JSON`, { subject: `${file}:${i + 1}` });
    }
    const r = schema.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new InputError("input_invalid", `${file}:${i + 1}: ${issue.path.join(".") || "line"} — ${issue.message}`, { subject: `${file}:${i + 1}` });
    }
    out.push(r.data);
  });
  if (out.length === 0) throw new InputError("input_invalid", `${file}: no lines`, { subject: file });
  return out;
}

/** R@1, R@5, R@20, MRR@20 of one method. */
export type RetrievalFigures = RankFigures;

/**
 * Builds an in-memory index over a generic retrieval set: each passage is one
 * document whose title (when given) is heading context, as an agenda item
 * title is for a minutes passage.
 */
export async function buildRetrievalSetIndex(
  passages: { id: string; text: string; title?: string }[],
  spec: EmbedderSpec,
  lexicon: Lexicon,
): Promise<IndexData> {
  const minutes: Minutes[] = [];
  const list: Passage[] = [];
  for (const p of passages) {
    const title = p.title ?? "";
    const m = {
      id: p.id,
      reading: "meeting",
      readingWhy: [],
      shape: "report",
      title,
      kind: "",
      issuer: null,
      number: null,
      year: null,
      issuedOn: null,
      compiledBy: null,
      compiledOn: null,
      meeting: noMeeting(),
      visibility: "public",
      summary: "",
      summarySpan: { start: 0, end: 0 },
      headerSpan: { start: 0, end: 0 },
      items: [
        {
          ordinal: 1,
          label: "",
          title,
          documents: [],
          reportingUnit: null,
          decision: null,
          decisions: [],
          followUp: null,
          responsibleUnits: [],
          deadlines: [],
          amounts: [],
          sections: [],
          text: p.text,
          start: 0,
          end: p.text.length,
        },
      ],
      attendance: null,
      document: null,
      text: p.text,
      seams: [],
      source: { path: p.id, sha256: "", encoding: "utf-8", format: "text", ocr: false },
    } satisfies Minutes;
    minutes.push(m);
    list.push({
      id: p.id,
      minutesId: p.id,
      number: null,
      title,
      meetingDate: null,
      itemOrdinal: 1,
      itemLabel: "",
      itemTitle: title,
      kind: "other",
      section: "",
      pointLabel: null,
      visibility: "public",
      start: 0,
      end: p.text.length,
      context: title,
    });
  }
  return indexRecords(minutes, list, spec, lexicon);
}

/**
 * Indexes each passage of a set as the product reads a plain-text file: its
 * title on the first line, then the text, through the parser (a text, a
 * document or, should it read as one, a meeting) and the passage builder.
 */
export async function buildFileSetIndex(passages: { id: string; text: string; title?: string }[], spec: EmbedderSpec, lexicon: Lexicon): Promise<IndexData> {
  const minutes: Minutes[] = [];
  for (const p of passages) {
    const raw = p.title ? `${p.title}\n\n${p.text}` : p.text;
    const records = parseRecords(raw, { path: `${p.id}.txt`, sha256: "", encoding: "utf-8", format: "text", ocr: false });
    records.forEach((m, i) => minutes.push({ ...m, id: records.length > 1 ? `${p.id}#${i + 1}` : p.id, visibility: "public" }));
  }
  return indexRecords(minutes, minutes.flatMap(buildPassages), spec, lexicon);
}

async function indexRecords(minutes: Minutes[], list: Passage[], spec: EmbedderSpec, lexicon: Lexicon): Promise<IndexData> {
  registerDomainWords(minutes, lexicon);
  const { keyword, vectors, embedder } = await buildSearchStructures(minutes, list, spec);
  return {
    manifest: {
      formatVersion: FORMAT_VERSION,
      parserVersion: PARSER_VERSION,
      indexedAt: new Date().toISOString(),
      embedder: embedder.info,
      files: {},
      failed: {},
      counts: { documents: minutes.length, passages: list.length },
    },
    minutes,
    passages: list,
    keyword,
    vectors,
    embedderState: embedder.state,
  };
}

/** Reads a retrieval set, checks that each query names a passage of it, and indexes the passages in memory. */
export async function openRetrievalSet(
  passagesFile: string,
  queriesFile: string,
  spec: EmbedderSpec,
  lexicon: Lexicon,
  opts: { weights?: Partial<RetrievalWeights>; limit?: number },
) {
  const passages = await readJsonl(passagesFile, PassageLine);
  let queries = await readJsonl(queriesFile, QueryLine);
  if (opts.limit) queries = queries.slice(0, opts.limit);
  const index = await buildRetrievalSetIndex(passages, spec, lexicon);
  const ids = new Set(passages.map((p) => p.id));
  for (const q of queries) {
    const gold = q.gold_passage_ids ?? [q.gold_passage_id!];
    if (!gold.some((g) => ids.has(g)))
      throw new InputError("input_invalid", `${queriesFile}: query ${q.qid} names no passage of ${passagesFile}`, { subject: q.qid });
  }
  const retriever = new Retriever(index, embedderForIndex(spec, index.manifest.embedder, index.embedderState).embeddings, lexicon, {
    ...weightsFor(spec.provider),
    ...opts.weights,
  });
  const questions: RankedQuestion[] = queries.map((q) => {
    const gold = new Set(q.gold_passage_ids ?? [q.gold_passage_id!]);
    return { question: q.question, rank: (hits) => hits.findIndex((h) => gold.has(h.passage.id)) };
  });
  return { retriever, questions };
}

/** Evaluates a retrieval set (passages + queries JSONL) for each mode, side by side. */
export async function evaluateRetrievalSet(
  passagesFile: string,
  queriesFile: string,
  spec: EmbedderSpec,
  lexicon: Lexicon,
  opts: { modes?: RetrievalMode[]; weights?: Partial<RetrievalWeights>; limit?: number } = {},
): Promise<Record<RetrievalMode, RetrievalFigures>> {
  const { retriever, questions } = await openRetrievalSet(passagesFile, queriesFile, spec, lexicon, opts);
  // The keyword and vector modes are the hybrid's halves.
  const out = {} as Record<RetrievalMode, RetrievalFigures>;
  for (const mode of opts.modes ?? (["hybrid", "keyword", "vector"] as RetrievalMode[])) out[mode] = await rankFigures(retriever, questions, mode);
  return out;
}

/** The ablation table of a retrieval set: every variant of `ablationVariants` on the same queries. */
export async function ablateRetrievalSet(
  passagesFile: string,
  queriesFile: string,
  spec: EmbedderSpec,
  lexicon: Lexicon,
  opts: { weights?: Partial<RetrievalWeights>; limit?: number } = {},
): Promise<AblationRow[]> {
  const { retriever, questions } = await openRetrievalSet(passagesFile, queriesFile, spec, lexicon, opts);
  return runAblation(retriever, questions);
}
