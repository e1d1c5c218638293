import { afterAll, beforeAll } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { makeCorpus, type TempCorpus } from "./corpus.js";

/**
 * An engine over the seed and `extra` files for the suite that calls it: built
 * before its tests, closed and removed after. Returns a getter, as the engine
 * exists only once the suite has started.
 */
export function useEngine(opts: Parameters<typeof makeCorpus>[0] = {}): () => MinutesEngine {
  let corpus: TempCorpus | undefined;
  let engine: MinutesEngine | undefined;
  beforeAll(async () => {
    corpus = makeCorpus(opts);
    engine = await openEngine({ config: corpus.config });
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    corpus?.cleanup();
  });
  return () => {
    if (!engine) throw new Error("useEngine: the engine is built in beforeAll");
    return engine;
  };
}
