import { llmEnabled, type Config } from "../config.js";
import { checkFolders } from "../config-folders.js";
import { embedderForIndex } from "../index/embeddings/index.js";
import { embedderSpec, ensureIndex } from "../index/ensure.js";
import type { IngestProgress } from "../index/progress.js";
import { tidyIndex } from "../index/generations.js";
import { loadIndex, type IndexData } from "../index/store.js";
import { silentLogger, type Logger } from "../log.js";
import { loadLexicon } from "../index/lexicon.js";
import { contentWords, Retriever, visible, weightsFor } from "../retrieval/retriever.js";
import { citePassage, verifyCitation } from "./citations.js";
import { neutralizeMarkers, neutralizeSourceMarkers } from "./markers.js";
import { hasPlantedInstruction } from "./planted-instruction.js";
import { withoutPlantedInstructions } from "./screen.js";
import { normalizeQuestion } from "../text/question.js";
import { ExtractiveAnswerer } from "./extractive.js";
import type { LlmAnswerer } from "./llm.js";
import { registerIndexWords } from "../index/words.js";
import { itemCount } from "../index/docstore.js";
import {
  PUBLIC_ACCESS,
  type Access,
  type Answer,
  type AskOptions,
  type Engine,
  type IndexStatus,
  type MinutesSummary,
  type SearchHit,
  type SearchOptions,
} from "./types.js";

export interface OpenEngineOptions {
  config: Config;
  log?: Logger;
  /** Told how a build of a missing or stale index goes (the entry point renders it: a bar, log lines). */
  onProgress?: (p: IngestProgress) => void;
  /** Build the index when missing or stale (default true). */
  ensureIndex?: boolean;
}

function closeIndex(index: IndexData): void {
  if (index.release) index.release();
  else index.vectors.close();
}

/** The question-answering engine over an index on disk; `reload()` re-ingests and swaps it in. */
export class MinutesEngine implements Engine {
  private constructor(
    private state: { retriever: Retriever; extractive: ExtractiveAnswerer },
    private readonly llm: LlmAnswerer | null,
    private readonly config: Config,
    private readonly log: Logger,
  ) {}

  static async open(opts: OpenEngineOptions): Promise<MinutesEngine> {
    const log = opts.log ?? silentLogger;
    checkFolders(opts.config);
    if (opts.ensureIndex !== false) {
      const s = await ensureIndex(opts.config, opts.onProgress);
      if (s) log.info("index built", { documents: s.documents, passages: s.passages, failed: s.failed.length, ms: Math.round(s.ms) });
      for (const f of s?.failed ?? []) log.warn("minutes file skipped", { path: f.path, code: f.code, reason: f.message });
    }
    // A killed ingest's leftovers and generations no reader holds (skipped while an ingest runs).
    await tidyIndex(opts.config.INDEX_DIR);
    const state = await MinutesEngine.load(opts.config, log);
    // The LLM client is loaded only when an LLM is configured.
    const llm = llmEnabled(opts.config) ? new (await import("./llm.js")).LlmAnswerer(opts.config, log) : null;
    return new MinutesEngine(state, llm, opts.config, log);
  }

  private static async load(config: Config, log: Logger) {
    const spec = embedderSpec(config);
    const lexicon = await loadLexicon(config.LEXICON_DIR);
    const index = await loadIndex(config.INDEX_DIR);
    const embedder = embedderForIndex(spec, index.manifest.embedder, index.embedderState);
    index.vectors.embeddings = embedder.embeddings;
    // The words recorded at ingest: no minutes text is read to load the index.
    registerIndexWords(index, lexicon);
    const weights = weightsFor(embedder.info.provider);
    const retriever = new Retriever(index, embedder.embeddings, lexicon, weights);
    // Semantic vectors search the graph on every question: load it now, in the background.
    if (weights.annCandidates) index.vectors.load().catch((err: unknown) => log.error("vector index failed to load", { error: String(err) }));
    return { retriever, extractive: new ExtractiveAnswerer(retriever) };
  }

  get retriever(): Retriever {
    return this.state.retriever;
  }

  /** Drops any citation whose quote is not the exact source text (defence in depth). */
  private verified(a: Answer): Answer {
    const citations = a.citations.filter((c) => verifyCitation(this.state.retriever.byId.get(c.minutesId), c));
    if (citations.length !== a.citations.length) this.log.error("citation failed verification", { question: a.question });
    if (a.found && citations.length === 0) return { ...a, found: false, citations: [], answer: this.state.extractive.notFoundText(a.question, PUBLIC_ACCESS) };
    return { ...a, citations };
  }

  /** The extractive answer, without source look-alike markers or lines quoting a planted instruction (it is also what the LLM starts from). */
  private async extractiveAnswer(q: string, access: Access, history: AskOptions["history"]): Promise<Answer> {
    const raw = await this.state.extractive.answer(q, { access, history });
    // «[9]» quoted from the minutes must never read as a citation.
    const a = { ...raw, answer: neutralizeSourceMarkers(raw.answer) };
    const screened = withoutPlantedInstructions(a);
    if (screened === a) return a;
    this.log.warn("answer lines quoting a planted instruction were left out", { question: q });
    return screened ?? { ...a, found: false, citations: [], focus: null, answer: this.state.extractive.notFoundText(q, access) };
  }

  async ask(question: string, opts: AskOptions = {}): Promise<Answer> {
    const q = normalizeQuestion(question);
    const access = opts.access ?? PUBLIC_ACCESS;
    const extractive = await this.extractiveAnswer(q, access, opts.history);
    if (!this.llm) return this.verified(extractive);
    return this.verified(
      await this.llm.answer(q, { access, history: opts.history, retriever: this.state.retriever, fallback: extractive, signal: opts.signal }),
    );
  }

  async *askStream(question: string, opts: AskOptions = {}): AsyncIterable<{ delta: string } | { final: Answer }> {
    const q = normalizeQuestion(question);
    const access = opts.access ?? PUBLIC_ACCESS;
    const extractive = await this.extractiveAnswer(q, access, opts.history);
    if (!this.llm) {
      yield { final: this.verified(extractive) };
      return;
    }
    let final: Answer | null = null;
    for await (const ev of this.llm.stream(q, { access, history: opts.history, retriever: this.state.retriever, fallback: extractive, signal: opts.signal })) {
      if ("final" in ev) final = ev.final;
      else yield ev;
    }
    yield { final: this.verified(final ?? extractive) };
  }

  async search(query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const k = opts.k ?? 5;
    const offset = opts.offset ?? 0;
    const retriever = this.state.retriever;
    const aq = retriever.analyze(normalizeQuestion(query));
    const all = await retriever.retrieveAnalyzed(aq, { ...opts, k: k + offset });
    // A passage that shares none of the query's content words is noise, not a result.
    const hits = contentWords(aq).length ? all.filter((h) => h.coverage > 0) : all;
    // Every surface shows these verbatim: a passage carrying a planted instruction is withheld, as from answers,
    // and «[9]» in the source is shown as «［9］», never as a citation.
    return hits
      .slice(offset)
      .map((h) => ({ ...citePassage(h.minutes, h.passage, h.coverage), passageId: h.passage.id }))
      .filter((c) => !hasPlantedInstruction(c.quote))
      .map((c) => ({ ...c, quote: neutralizeMarkers(c.quote), reference: neutralizeMarkers(c.reference) }));
  }

  listMinutes(access: Access = PUBLIC_ACCESS): MinutesSummary[] {
    return this.state.retriever.index.minutes
      .filter((m) => visible(m, access))
      .map((m) => ({
        id: m.id,
        title: m.title,
        kind: m.kind,
        number: m.number,
        meetingDate: m.meeting.date,
        issuedOn: m.issuedOn,
        itemCount: itemCount(m),
        visibility: m.visibility,
        reading: m.reading,
      }));
  }

  getMinutes(id: string, access: Access = PUBLIC_ACCESS) {
    const m = this.state.retriever.byId.get(id);
    return m && visible(m, access) ? m : null;
  }

  findByNumber(number: number, access: Access = PUBLIC_ACCESS) {
    const all = this.state.retriever.index.minutes.filter((m) => m.number === number && visible(m, access));
    return all.sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0] ?? null;
  }

  getItem(minutesId: string, ordinal: number, access: Access = PUBLIC_ACCESS) {
    const m = this.getMinutes(minutesId, access);
    const item = m?.items.find((i) => i.ordinal === ordinal);
    return m && item ? { minutes: m, item } : null;
  }

  status(): IndexStatus {
    const idx = this.state.retriever.index;
    return { documents: idx.minutes.length, passages: idx.passages.length, indexedAt: idx.manifest.indexedAt, embedder: idx.manifest.embedder };
  }

  private reloading: Promise<{ added: number; changed: number; removed: number; failed: number }> | null = null;

  /** Re-ingests (taking the index lock: it waits for an ingest of another process) and swaps the new generation in; concurrent calls share one run. */
  reload() {
    this.reloading ??= this.doReload().finally(() => (this.reloading = null));
    return this.reloading;
  }

  private async doReload() {
    const { ingest } = await import("../index/ingest.js");
    const s = await ingest({
      minutesDir: this.config.MINUTES_DIR,
      indexDir: this.config.INDEX_DIR,
      lexiconDir: this.config.LEXICON_DIR,
      embedder: embedderSpec(this.config),
    });
    const old = this.state;
    this.state = await MinutesEngine.load(this.config, this.log);
    // Questions already running on the old generation may still read its files; then the next ingest may delete it.
    setTimeout(() => closeIndex(old.retriever.index), 60_000).unref();
    this.log.info("index reloaded", { added: s.added, changed: s.changed, removed: s.removed, failed: s.failed.length });
    return { added: s.added, changed: s.changed, removed: s.removed, failed: s.failed.length };
  }

  async close(): Promise<void> {
    closeIndex(this.state.retriever.index);
  }
}

/** Opens the engine: makes sure the index is current, loads it, and wires the answerers. */
export function openEngine(opts: OpenEngineOptions): Promise<MinutesEngine> {
  return MinutesEngine.open(opts);
}
