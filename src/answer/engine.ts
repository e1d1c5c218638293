import { llmEnabled, type Config } from "../config.js";
import { checkFolders } from "../config-folders.js";
import { embedderForIndex } from "../index/embeddings/index.js";
import { embedderSpec, ensureIndex, type IngestDeps } from "../index/ensure.js";
import type { IngestProgress } from "../index/progress.js";
import { currentGeneration, tidyIndex } from "../index/generations.js";
import { loadIndex, readManifest, type IndexData } from "../index/store.js";
import { errnoCode, MinutesQaError } from "../errors.js";
import { describeError } from "../messages.js";
import { silentLogger, type Logger } from "../log.js";
import { loadLexicon } from "../index/lexicon.js";
import { contentWords, Retriever, visible, weightsFor } from "../retrieval/retriever.js";
import { citePassage, verifyCitation } from "./citations.js";
import { neutralizeMarkers, neutralizeSourceMarkers } from "./markers.js";
import { hasPlantedInstruction } from "./planted-instruction.js";
import { withoutPlantedInstructions } from "./screen.js";
import { normalizeQuestion } from "../text/question.js";
import { ExtractiveAnswerer } from "./extractive.js";
import { RecordLinkIndex, type RecordLinks } from "./record-links.js";
import type { LlmAnswerer } from "./llm.js";
import { registerIndexWords } from "../index/words.js";
import { itemCount } from "../index/docstore.js";
import {
  PUBLIC_ACCESS,
  type Access,
  type Answer,
  type AskOptions,
  type Engine,
  type IngestErrorReport,
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
  /** The ingest's file-system dependencies (tests inject a full disk or an unreadable folder). */
  ingestDeps?: IngestDeps;
}

/** How long a retired generation stays open after its last call ended: a record handed out may still read its text. */
const RETIRE_GRACE_MS = 5_000;

/** A loaded generation and its answerers; `active` counts the calls reading it. */
interface Loaded {
  retriever: Retriever;
  extractive: ExtractiveAnswerer;
  generation: string | null;
  active: number;
  retired: boolean;
  /** The document–decision links of this generation, made on first use (it reads every record's text). */
  links: RecordLinkIndex | null;
}

function closeIndex(index: IndexData): void {
  if (index.release) index.release();
  else index.vectors.close();
}

/** A failed ingest or load as the status reports it. */
function indexErrorOf(err: unknown): IngestErrorReport {
  const errno = err instanceof MinutesQaError ? (err.details.errno as string | undefined) : errnoCode(err);
  return {
    code: err instanceof MinutesQaError ? err.code : "unexpected",
    ...(errno ? { errno } : {}),
    at: new Date().toISOString(),
    message: describeError(err),
  };
}

/**
 * The question-answering engine over an index on disk. `switchGeneration()`
 * serves the generation `CURRENT` names (another process's ingest);
 * `reload()` re-ingests first. A failed ingest leaves the last good
 * generation in service and is reported by `status().lastIngestError`.
 */
export class MinutesEngine implements Engine {
  private lastIngestError: IngestErrorReport | null = null;
  /** A generation that failed to load, not tried again until `CURRENT` names another. */
  private failedGeneration: string | null = null;

  private constructor(
    private state: Loaded,
    private readonly llm: LlmAnswerer | null,
    private readonly config: Config,
    private readonly log: Logger,
    private readonly ingestDeps: IngestDeps,
  ) {}

  static async open(opts: OpenEngineOptions): Promise<MinutesEngine> {
    const log = opts.log ?? silentLogger;
    checkFolders(opts.config);
    let ingestError: IngestErrorReport | null = null;
    if (opts.ensureIndex !== false) {
      try {
        const s = await ensureIndex(opts.config, opts.onProgress, opts.ingestDeps);
        if (s) log.info("index built", { documents: s.documents, passages: s.passages, failed: s.failed.length, ms: Math.round(s.ms) });
        for (const f of s?.failed ?? []) log.warn("minutes file skipped", { path: f.path, code: f.code, reason: f.message });
      } catch (err) {
        // Serve what is there: the last good generation, when there is one.
        if (!(await readManifest(opts.config.INDEX_DIR).catch(() => null))) throw err;
        ingestError = indexErrorOf(err);
        log.error("index update failed; serving the last good index", { indexDir: opts.config.INDEX_DIR, ...ingestError });
      }
    }
    // A killed ingest's leftovers and generations no reader holds (skipped while an ingest runs).
    await tidyIndex(opts.config.INDEX_DIR);
    const state = await MinutesEngine.load(opts.config, log);
    // The LLM client is loaded only when an LLM is configured.
    const llm = llmEnabled(opts.config) ? new (await import("./llm.js")).LlmAnswerer(opts.config, log) : null;
    const engine = new MinutesEngine(state, llm, opts.config, log, opts.ingestDeps ?? {});
    engine.lastIngestError = ingestError;
    return engine;
  }

  /** Loads the current generation; segments it shares with `previous` (the one served) are taken over, not read again. */
  private static async load(config: Config, log: Logger, previous: Loaded | null = null): Promise<Loaded> {
    const spec = embedderSpec(config);
    const lexicon = await loadLexicon(config.LEXICON_DIR);
    const index = await loadIndex(config.INDEX_DIR, null, previous?.retriever.index ?? null);
    const embedder = embedderForIndex(spec, index.manifest.embedder, index.embedderState);
    index.vectors.embeddings = embedder.embeddings;
    // The words recorded at ingest: no minutes text is read to load the index.
    registerIndexWords(index, lexicon);
    const weights = weightsFor(embedder.info.provider);
    const retriever = new Retriever(index, embedder.embeddings, lexicon, weights);
    // Semantic vectors search the graph on every question: load it now, in the background.
    if (weights.annCandidates) index.vectors.load().catch((err: unknown) => log.error("vector index failed to load", { error: String(err) }));
    const generation = index.generation ?? null;
    log.info(`index generation ${generation ?? "flat"} loaded: ${index.minutes.length} documents`, { generation, documents: index.minutes.length });
    return { retriever, extractive: new ExtractiveAnswerer(retriever), generation, active: 0, retired: false, links: null };
  }

  /** Holds the served generation for one call: a swap meanwhile closes it only after the call. */
  private enter(): Loaded {
    const st = this.state;
    st.active++;
    return st;
  }

  private leave(st: Loaded): void {
    st.active--;
    if (st.retired && st.active === 0) this.closeLater(st);
  }

  private closeLater(st: Loaded): void {
    setTimeout(() => closeIndex(st.retriever.index), RETIRE_GRACE_MS).unref();
  }

  private retire(st: Loaded): void {
    st.retired = true;
    if (st.active === 0) this.closeLater(st);
  }

  get retriever(): Retriever {
    return this.state.retriever;
  }

  /** Drops any citation whose quote is not the exact source text (defence in depth). */
  private verified(st: Loaded, a: Answer): Answer {
    const citations = a.citations.filter((c) => verifyCitation(st.retriever.byId.get(c.minutesId), c));
    if (citations.length !== a.citations.length) this.log.error("citation failed verification", { question: a.question });
    if (a.found && citations.length === 0) return { ...a, found: false, citations: [], answer: st.extractive.notFoundText(a.question, PUBLIC_ACCESS) };
    return { ...a, citations };
  }

  /** The extractive answer, without source look-alike markers or lines quoting a planted instruction (it is also what the LLM starts from). */
  private async extractiveAnswer(st: Loaded, q: string, access: Access, history: AskOptions["history"]): Promise<Answer> {
    const raw = await st.extractive.answer(q, { access, history });
    // «[9]» quoted from the minutes must never read as a citation.
    const a = { ...raw, answer: neutralizeSourceMarkers(raw.answer) };
    const screened = withoutPlantedInstructions(a);
    if (screened === a) return a;
    this.log.warn("answer lines quoting a planted instruction were left out", { question: q });
    return screened ?? { ...a, found: false, citations: [], focus: null, answer: st.extractive.notFoundText(q, access) };
  }

  async ask(question: string, opts: AskOptions = {}): Promise<Answer> {
    const st = this.enter();
    try {
      const q = normalizeQuestion(question);
      const access = opts.access ?? PUBLIC_ACCESS;
      const extractive = await this.extractiveAnswer(st, q, access, opts.history);
      if (!this.llm) return this.verified(st, extractive);
      return this.verified(st, await this.llm.answer(q, { access, history: opts.history, retriever: st.retriever, fallback: extractive, signal: opts.signal }));
    } finally {
      this.leave(st);
    }
  }

  async *askStream(question: string, opts: AskOptions = {}): AsyncIterable<{ delta: string } | { final: Answer }> {
    const st = this.enter();
    try {
      const q = normalizeQuestion(question);
      const access = opts.access ?? PUBLIC_ACCESS;
      const extractive = await this.extractiveAnswer(st, q, access, opts.history);
      if (!this.llm) {
        yield { final: this.verified(st, extractive) };
        return;
      }
      let final: Answer | null = null;
      for await (const ev of this.llm.stream(q, { access, history: opts.history, retriever: st.retriever, fallback: extractive, signal: opts.signal })) {
        if ("final" in ev) final = ev.final;
        else yield ev;
      }
      yield { final: this.verified(st, final ?? extractive) };
    } finally {
      this.leave(st);
    }
  }

  async search(query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const st = this.enter();
    try {
      const k = opts.k ?? 5;
      const offset = opts.offset ?? 0;
      const aq = st.retriever.analyze(normalizeQuestion(query));
      const all = await st.retriever.retrieveAnalyzed(aq, { ...opts, k: k + offset });
      // A passage that shares none of the query's content words is noise, not a result.
      const hits = contentWords(aq).length ? all.filter((h) => h.coverage > 0) : all;
      // Every surface shows these verbatim: a passage carrying a planted instruction is withheld, as from answers,
      // and «[9]» in the source is shown as «［9］», never as a citation.
      return hits
        .slice(offset)
        .map((h) => ({ ...citePassage(h.minutes, h.passage, h.coverage), passageId: h.passage.id }))
        .filter((c) => !hasPlantedInstruction(c.quote))
        .map((c) => ({ ...c, quote: neutralizeMarkers(c.quote), reference: neutralizeMarkers(c.reference) }));
    } finally {
      this.leave(st);
    }
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

  links(id: string, access: Access = PUBLIC_ACCESS): RecordLinks {
    const st = this.enter();
    try {
      st.links ??= RecordLinkIndex.build(st.retriever.index.minutes);
      return st.links.of(id, access);
    } finally {
      this.leave(st);
    }
  }

  status(): IndexStatus {
    const idx = this.state.retriever.index;
    return {
      documents: idx.minutes.length,
      passages: idx.passages.length,
      indexedAt: idx.manifest.indexedAt,
      embedder: idx.manifest.embedder,
      generation: this.state.generation,
      lastIngestError: this.lastIngestError,
    };
  }

  private switching: Promise<boolean> | null = null;

  /**
   * Serves the generation `CURRENT` names when it is not the one served (an
   * ingest of this or another process switched it): loads it, swaps it in,
   * and closes the old one once the calls reading it are done. Concurrent
   * calls share one run. Returns whether it switched; a generation that
   * fails to load is logged, reported by `status()` and not tried again.
   */
  switchGeneration(): Promise<boolean> {
    this.switching ??= this.doSwitch().finally(() => (this.switching = null));
    return this.switching;
  }

  private async doSwitch(): Promise<boolean> {
    let switched = false;
    // CURRENT may move again while a generation loads: follow it to the newest.
    for (let name = currentGeneration(this.config.INDEX_DIR); name && name !== this.state.generation && name !== this.failedGeneration; ) {
      let next: Loaded;
      try {
        next = await MinutesEngine.load(this.config, this.log, this.state);
      } catch (err) {
        this.failedGeneration = name;
        this.lastIngestError = indexErrorOf(err);
        this.log.error("index generation failed to load; serving the previous one", { generation: name, ...this.lastIngestError });
        return switched;
      }
      const old = this.state;
      this.state = next;
      this.retire(old);
      switched = true;
      name = currentGeneration(this.config.INDEX_DIR);
    }
    return switched;
  }

  private reloading: Promise<{ added: number; changed: number; removed: number; failed: number }> | null = null;

  /** Re-ingests (taking the index lock: it waits for an ingest of another process) and swaps the new generation in; concurrent calls share one run. */
  reload() {
    this.reloading ??= this.doReload().finally(() => (this.reloading = null));
    return this.reloading;
  }

  private async doReload() {
    const { ingest } = await import("../index/ingest.js");
    let s: Awaited<ReturnType<typeof ingest>>;
    try {
      s = await ingest({
        minutesDir: this.config.MINUTES_DIR,
        indexDir: this.config.INDEX_DIR,
        lexiconDir: this.config.LEXICON_DIR,
        embedder: embedderSpec(this.config),
        ...this.ingestDeps,
      });
    } catch (err) {
      this.lastIngestError = indexErrorOf(err);
      this.log.error("index update failed; serving the last good index", { indexDir: this.config.INDEX_DIR, ...this.lastIngestError });
      throw err;
    }
    this.lastIngestError = null;
    await this.switchGeneration();
    this.log.info("index reloaded", { added: s.added, changed: s.changed, removed: s.removed, failed: s.failed.length });
    for (const f of s.failed) this.log.warn("minutes file skipped", { path: f.path, code: f.code, reason: f.message });
    return { added: s.added, changed: s.changed, removed: s.removed, failed: s.failed.length };
  }

  async close(): Promise<void> {
    await this.switching?.catch(() => {});
    closeIndex(this.state.retriever.index);
  }
}

/** Opens the engine: makes sure the index is current, loads it, and wires the answerers. */
export function openEngine(opts: OpenEngineOptions): Promise<MinutesEngine> {
  return MinutesEngine.open(opts);
}
