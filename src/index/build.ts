/**
 * The last step of an ingest: passages, keyword postings and vectors for the
 * planned documents, written as a new generation (writeIndexFolder: into a
 * temporary folder, then renamed into place). Either one segment for the
 * changes on top of the previous index, or the whole index anew.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Minutes } from "../minutes/schema.js";
import { Bm25Index } from "./bm25.js";
import { buildParallel, type BuiltSegments } from "./build-parallel.js";
import { materializeMinutes, type DocMeta, type SerializedDoc } from "./docstore.js";
import { embedderForIndex, embedderForIngest, localEmbedderFromCounts, type Embedder, type EmbedderSpec } from "./embeddings/index.js";
import { generationDir } from "./generations.js";
import { HnswIndex } from "./hnsw.js";
import type { Lexicon } from "./lexicon.js";
import type { ParsedFile } from "./parse-files.js";
import type { Passage } from "./passages.js";
import type { Plan } from "./plan.js";
import type { IngestProgress } from "./progress.js";
import type { Scan } from "./scan.js";
import { embedSegment, prepareSegment, segmentFiles, writeSegmentData, type PreparedSegment, type SegmentInfo } from "./segment.js";
import { readIndexDocs, writeIndexFolder, type KeywordIndexes, type Manifest, type SegmentRef, type WriteHooks } from "./store.js";
import { addUserWords } from "./tokenize.js";
import { workerCount, BuildWorkers } from "./worker-pool.js";
import { domainWords } from "./words.js";

/** What a build needs: the options, the scan and plan, the lexicon, and the manifest fields every build writes. */
export interface BuildInput {
  opts: { indexDir: string; embedder: EmbedderSpec; hooks?: WriteHooks; workers?: number };
  scan: Scan;
  plan: Plan;
  lexicon: Lexicon;
  progress: (p: IngestProgress) => void;
  /** Format, time, files and failures: taken before the build, so a file changed during it reads as changed next time. */
  common: Pick<Manifest, "formatVersion" | "parserVersion" | "indexedAt" | "files" | "failed">;
}

const byDate = (a: { meeting: { date: string | null }; id: string }, b: { meeting: { date: string | null }; id: string }) =>
  (a.meeting.date ?? "").localeCompare(b.meeting.date ?? "") || a.id.localeCompare(b.id);

function strip(meta: DocMeta): SerializedDoc["meta"] {
  const { textAt: _t, structAt: _s, passages: _p, ...rest } = meta;
  return rest;
}

/** Fits the embedder (local: from the segment's feature counts) and embeds the segment's passages. */
async function fitAndEmbed(
  prep: PreparedSegment,
  spec: EmbedderSpec,
  progress: (p: IngestProgress) => void,
): Promise<{ embedder: Embedder; vectors: HnswIndex }> {
  const total = prep.passages.length;
  const embedder = spec.provider === "local" ? localEmbedderFromCounts(total, prep.df!, spec.dimension ?? 512) : await embedderForIngest(spec, prep.texts);
  const vectors = new HnswIndex(embedder.embeddings, embedder.info.dimension);
  await embedSegment(prep, embedder.embeddings, vectors, {
    batch: spec.provider === "local" ? 2048 : 256,
    onBatch: (done) => progress({ phase: "embed", done, total }),
  });
  return { embedder, vectors };
}

/** Builds the keyword indexes, fits or connects the embedder and fills the vectors (in memory, one segment). */
export async function buildSearchStructures(
  minutes: Minutes[],
  passages: Passage[],
  spec: EmbedderSpec,
  progress: (p: IngestProgress) => void = () => {},
): Promise<{ keyword: KeywordIndexes; vectors: HnswIndex; embedder: Embedder }> {
  progress({ phase: "index", done: 0, total: passages.length });
  const prep = prepareSegment(minutes, { countFeatures: spec.provider === "local", passages });
  const keyword = {
    bigram: Bm25Index.fromSerialized(prep.keyword.bigram),
    word: Bm25Index.fromSerialized(prep.keyword.word),
    title: Bm25Index.fromSerialized(prep.keyword.title),
  };
  progress({ phase: "index", done: passages.length, total: passages.length });
  const { embedder, vectors } = await fitAndEmbed(prep, spec, progress);
  return { keyword, vectors, embedder };
}

/**
 * Adds one segment for the new and changed documents (embedded with the
 * index's embedder as recorded) and marks the superseded ones dead in their
 * segments; the previous segments' files are kept as they are. Returns the
 * passage count of the new index.
 */
export async function buildIncremental({ opts, scan, plan, lexicon, progress, common }: BuildInput): Promise<number> {
  const manifest = scan.manifest!;
  const prev = scan.previous!;
  const { kept, fresh, superseded, build, changes } = plan;
  const embedderFile = join(generationDir(opts.indexDir), "embedder.bin");
  const embedderState = existsSync(embedderFile) ? await readFile(embedderFile) : null;
  const embedder = embedderForIndex(opts.embedder, manifest.embedder, embedderState);
  // The tokenizer knows every current document's words, as a full build would.
  addUserWords(domainWords(lexicon, [...kept.map((k) => (k.kind === "prev" ? k.meta.words : k.doc.meta.words))]));
  const minutes = fresh.map((f) => f.minutes ?? materializeMinutes(f.doc.meta, f.doc.text, f.doc.struct)).sort(byDate);
  const deadBySeg = new Map<number, number[]>();
  for (const s of superseded) deadBySeg.set(s.seg, [...(deadBySeg.get(s.seg) ?? []), s.doc]);
  const segments: SegmentRef[] = prev.segments.map((s, i) => ({
    name: s.name,
    documents: s.documents,
    passages: s.passages,
    dead: [...s.dead, ...(deadBySeg.get(i) ?? [])].sort((a, b) => a - b),
  }));
  const infos: SegmentInfo[] = prev.segments.map((s) => ({ name: s.name, documents: s.documents, passages: s.passages, strings: s.strings }));
  const keep = prev.segments.flatMap((s) => segmentFiles(s.name).all());
  let newPassages = 0;
  let write = async (_tmp: string) => {};
  if (minutes.length) {
    progress({ phase: "index", done: 0, total: minutes.length });
    const prep = prepareSegment(minutes, { countFeatures: false });
    progress({ phase: "index", done: minutes.length, total: minutes.length });
    const vectors = new HnswIndex(embedder.embeddings, embedder.info.dimension);
    await embedSegment(prep, embedder.embeddings, vectors, { batch: 256, onBatch: (done) => progress({ phase: "embed", done, total: prep.passages.length }) });
    const used = new Set(prev.segments.map((s) => s.name));
    let n = prev.segments.length;
    while (used.has(`d${n}`)) n++;
    const name = `d${n}`;
    newPassages = prep.passages.length;
    segments.push({ name, documents: minutes.length, passages: prep.passages.length, dead: [] });
    write = async (tmp) => {
      infos.push(await writeSegmentData(tmp, name, prep.minutes, prep.passages, prep.keyword));
      await vectors.saveShard(0, join(tmp, segmentFiles(name).hnsw));
    };
  }
  const passages = manifest.counts.passages - superseded.reduce((a, s) => a + s.meta.passages, 0) + newPassages;
  progress({ phase: "write", done: 0, total: 1 });
  await writeIndexFolder(opts.indexDir, {
    keep,
    write,
    segments: infos,
    embedderState,
    hooks: opts.hooks,
    manifest: {
      ...common,
      embedder: manifest.embedder,
      counts: { documents: kept.length, passages },
      segments,
      build: { documents: build.documents, changedSince: build.changedSince + changes },
      // Documents kept from earlier segments but now read from another path (a moved folder).
      paths: Object.fromEntries(kept.flatMap((k) => (k.kind === "prev" && k.file !== k.meta.source.path ? [[k.meta.id, k.file]] : []))),
    },
  });
  for (const s of prev.segments) s.reader.close();
  progress({ phase: "write", done: 1, total: 1 });
  return passages;
}

/**
 * Builds the whole index anew: every current document by meeting date (the
 * whole records of kept ones), in one segment in this thread or in several
 * over worker threads (started here when the parse did not start them; the
 * caller closes `pool.workers`). Drops the plan's and the parse's documents
 * once the build holds them. Returns the passage count.
 */
export async function buildFull(input: BuildInput, parsed: Map<string, ParsedFile>, pool: { workers: BuildWorkers | null }): Promise<number> {
  const { opts, scan, plan, lexicon, progress, common } = input;
  const { previous, manifest } = scan;
  const { kept, fresh } = plan;
  const full = previous && kept.some((k) => k.kind === "prev") ? await readIndexDocs(opts.indexDir, manifest!) : null;
  let docs: SerializedDoc[] | null = kept
    .map((k) =>
      k.kind === "new"
        ? k.doc
        : (() => {
            const meta = full!.segments[k.seg].metas[k.doc];
            return {
              meta: { ...strip(meta), source: { ...meta.source, path: k.file } },
              text: previous!.segments[k.seg].reader.text(meta),
              struct: previous!.segments[k.seg].reader.struct(meta),
            };
          })(),
    )
    .sort((a, b) => byDate(a.meta, b.meta));
  const minutesOf = new Map(fresh.filter((f) => f.minutes).map((f) => [f.doc.meta.id, f.minutes!]));
  previous?.segments.forEach((s) => s.reader.close());
  full?.segments.forEach((s) => s.reader.close());
  // The build holds the documents from here on (the workers' copies, or the minutes below).
  kept.length = 0;
  fresh.length = 0;
  parsed.clear();
  const documents = docs.length;
  const words = domainWords(
    lexicon,
    docs.map((d) => d.meta.words),
  );
  const n = workerCount(opts, documents);
  if (n >= 2 && documents >= 2 && !pool.workers) pool.workers = await BuildWorkers.start(n);
  let result: BuiltSegments | null = null;
  let write: (tmp: string) => Promise<void>;
  if (pool.workers && documents >= 2) {
    const w = pool.workers;
    write = async (tmp) => {
      result = await buildParallel(
        w,
        () => {
          const d = docs!;
          docs = null;
          return d;
        },
        words,
        opts.embedder,
        progress,
        tmp,
      );
    };
  } else {
    addUserWords(words);
    const minutes = docs.map((d) => minutesOf.get(d.meta.id) ?? materializeMinutes(d.meta, d.text, d.struct));
    docs = null;
    progress({ phase: "index", done: 0, total: documents });
    const prep = prepareSegment(minutes, { countFeatures: opts.embedder.provider === "local" });
    progress({ phase: "index", done: documents, total: documents });
    const { embedder, vectors } = await fitAndEmbed(prep, opts.embedder, progress);
    const segments: SegmentInfo[] = [];
    result = {
      segments,
      refs: [{ name: "s0", documents: minutes.length, passages: prep.passages.length, dead: [] }],
      embedder,
      passages: prep.passages.length,
    };
    write = async (tmp) => {
      segments.push(await writeSegmentData(tmp, "s0", minutes, prep.passages, prep.keyword));
      await vectors.saveShard(0, join(tmp, segmentFiles("s0").hnsw));
    };
  }
  const done = () => result!;
  progress({ phase: "write", done: 0, total: 1 });
  await writeIndexFolder(opts.indexDir, {
    write,
    get segments() {
      return done().segments;
    },
    get embedderState() {
      return done().embedder.state;
    },
    hooks: opts.hooks,
    get manifest(): Manifest {
      const r = done();
      return {
        ...common,
        embedder: r.embedder.info,
        counts: { documents, passages: r.passages },
        segments: r.refs,
        build: { documents, changedSince: 0 },
      };
    },
  });
  progress({ phase: "write", done: 1, total: 1 });
  return done().passages;
}
