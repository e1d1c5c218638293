/**
 * A worker thread of a parallel ingest: parses files, then builds one
 * segment (passages, keyword postings, feature counts; then, once the
 * embedder is fitted over every segment, vectors and files). Driven by
 * ingest (parse-files.ts, build-parallel.ts) through the messages below;
 * compiled in dist/, or loaded through tsx from the sources (see
 * BuildWorkers in worker-pool.ts).
 */
import { join } from "node:path";
import { parentPort } from "node:worker_threads";
import { readRecordsFile } from "../minutes/read.js";
import { failureOf, type IngestFailure } from "./failure.js";
import { materializeMinutes, serializeDoc, type SerializedDoc } from "./docstore.js";
import { LocalEmbeddings, type LocalEmbeddingsState } from "./embeddings/local.js";
import { HnswIndex, type HnswParams } from "./hnsw.js";
import { prepareSegment, segmentFiles, writeSegmentData } from "./segment.js";
import { addUserWords } from "./tokenize.js";

export type WorkerRequest =
  | { type: "parse"; files: string[] }
  | { type: "prepare"; docs: SerializedDoc[]; words: string[]; dir: string; name: string }
  | { type: "embed"; state: LocalEmbeddingsState; dir: string; name: string; hnsw: Partial<HnswParams> };

export type ParseResult = { file: string; ok: true; docs: SerializedDoc[]; sha256: string } | { file: string; ok: false; failure: IngestFailure };

export type WorkerReply =
  | { type: "parsed"; results: ParseResult[] }
  | { type: "prepared"; passages: number; documents: number; strings: string[]; df: Uint32Array }
  | { type: "progress"; phase: "index" | "embed"; done: number }
  | { type: "written"; passages: number }
  | { type: "error"; error: string };

/** Passage texts of each prepared segment, kept for embedding (everything else is on disk by then). */
const prepared = new Map<string, string[]>();
let wordsAdded = false;
const port = parentPort!;
const reply = (m: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function handle(req: WorkerRequest): Promise<void> {
  if (req.type === "parse") {
    const results: ParseResult[] = [];
    for (const file of req.files) {
      try {
        const ms = await readRecordsFile(file);
        results.push({ file, ok: true, docs: ms.map(serializeDoc), sha256: ms[0].source.sha256 });
      } catch (err) {
        results.push({ file, ok: false, failure: failureOf(file, err) });
      }
    }
    reply({ type: "parsed", results });
    return;
  }
  if (req.type === "prepare") {
    if (!wordsAdded) {
      addUserWords(req.words);
      wordsAdded = true;
    }
    const minutes = req.docs.map((d) => materializeMinutes(d.meta, d.text, d.struct));
    req.docs.length = 0;
    const prep = prepareSegment(minutes, { countFeatures: true, onPassage: (done) => reply({ type: "progress", phase: "index", done }) });
    // Documents, passages and postings go to disk now; only the texts wait for the embedder.
    const info = await writeSegmentData(req.dir, req.name, prep.minutes, prep.passages, prep.keyword);
    prepared.set(req.name, prep.texts);
    const df = prep.df!;
    reply({ type: "prepared", passages: info.passages, documents: info.documents, strings: info.strings, df }, [df.buffer as ArrayBuffer]);
    return;
  }
  const texts = prepared.get(req.name);
  if (!texts) throw new Error(`embed before prepare of ${req.name}`);
  const embeddings = new LocalEmbeddings(req.state);
  const vectors = new HnswIndex(embeddings, req.state.dimension, req.hnsw);
  vectors.newShard(texts.length);
  for (let i = 0; i < texts.length; i++) {
    vectors.add(embeddings.embedText(texts[i]));
    if ((i & 1023) === 1023) reply({ type: "progress", phase: "embed", done: i + 1 });
  }
  await vectors.saveShard(0, join(req.dir, segmentFiles(req.name).hnsw));
  prepared.delete(req.name);
  reply({ type: "written", passages: texts.length });
}

port.on("message", (req: WorkerRequest) => {
  handle(req).catch((err: unknown) => reply({ type: "error", error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
});
