/**
 * The worker threads of a parallel ingest: starting them (compiled, or
 * through tsx from the sources), one request at a time per worker with its
 * progress messages, and how many to start.
 */
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { WorkerReply, WorkerRequest } from "./build-worker.js";
import type { EmbedderSpec } from "./embeddings/index.js";

/** A full build is split over worker threads from this many documents on. */
export const PARALLEL_MIN_DOCS = 200;

// Compiled to dist/ the worker is plain JavaScript; from the sources (development, tests) it goes through tsx's loader.
const COMPILED = import.meta.url.endsWith(".js");
const WORKER_URL = new URL(COMPILED ? "./build-worker.js" : "./build-worker.ts", import.meta.url).href;

function tsxApiUrl(): string {
  try {
    return import.meta.resolve("tsx/esm/api");
  } catch {
    return pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api")).href;
  }
}

/** The code a worker thread evaluates: load the worker module (through tsx from the sources), then say ready. */
function workerBootCode(): string {
  const load = COMPILED
    ? `import(${JSON.stringify(WORKER_URL)})`
    : `import(${JSON.stringify(tsxApiUrl())}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`;
  // Only import(): the code is evaluated as CommonJS or, under --input-type=module, as ESM.
  const say = (m: string) => `import("node:worker_threads").then(({ parentPort }) => parentPort.postMessage(${m}))`;
  return `${load}.then(() => ${say(`{ type: "ready" }`)}).catch((e) => ${say(`{ type: "error", error: String((e && e.stack) || e) }`)});`;
}

/** Worker threads of a parallel ingest (parse, then build segments), each running build-worker.ts. */
export class BuildWorkers {
  private constructor(private readonly workers: Worker[]) {}

  /** Starts `n` workers and waits until each has loaded; null when they cannot start (the ingest then works in this thread). */
  static async start(n: number): Promise<BuildWorkers | null> {
    let code: string;
    try {
      code = workerBootCode();
    } catch {
      return null;
    }
    // A bounded heap makes a worker collect garbage early instead of growing towards the machine's limit.
    const workers = Array.from({ length: n }, () => new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 1024 } }));
    try {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              w.once("message", (m: { type: string; error?: string }) => (m.type === "ready" ? resolve() : reject(new Error(m.error))));
              w.once("error", reject);
            }),
        ),
      );
    } catch {
      await Promise.all(workers.map((w) => w.terminate()));
      return null;
    }
    return new BuildWorkers(workers);
  }

  /** How many workers there are. */
  get size(): number {
    return this.workers.length;
  }

  /** Sends worker `i` one request and resolves with its reply; progress messages on the way go to `onProgress`. */
  request<T extends WorkerReply["type"]>(
    i: number,
    req: WorkerRequest,
    onProgress?: (m: Extract<WorkerReply, { type: "progress" }>) => void,
  ): Promise<Extract<WorkerReply, { type: T }>> {
    const w = this.workers[i];
    return new Promise((resolve, reject) => {
      const onMessage = (m: WorkerReply) => {
        if (m.type === "progress") {
          onProgress?.(m);
          return;
        }
        w.off("message", onMessage);
        w.off("error", onError);
        if (m.type === "error") reject(new Error(`ingest worker: ${m.error}`));
        else resolve(m as Extract<WorkerReply, { type: T }>);
      };
      const onError = (e: Error) => {
        w.off("message", onMessage);
        reject(e);
      };
      w.on("message", onMessage);
      w.once("error", onError);
      w.postMessage(req);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * How many worker threads to use for `docs` documents: the number asked for,
 * else one per core (at most 4) from PARALLEL_MIN_DOCS documents on with the
 * local embedder, else none.
 */
export function workerCount(opts: { workers?: number; embedder: EmbedderSpec }, docs: number): number {
  if (opts.workers !== undefined) return Math.max(0, Math.floor(opts.workers));
  if (opts.embedder.provider !== "local" || docs < PARALLEL_MIN_DOCS) return 0;
  return Math.min(4, cpus().length);
}
