import { afterEach, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/engine.js";
import { createLogger } from "../../src/log.js";
import { progressLog } from "../../src/progress/log.js";
import { progressReporter } from "../../src/progress/terminal.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";

let corpus: TempCorpus | undefined;
afterEach(() => corpus?.cleanup());

describe("openEngine({ onProgress })", () => {
  it("hands the build's progress to the renderer the entry point passed: structured log lines", async () => {
    corpus = makeCorpus();
    const lines: string[] = [];
    const log = createLogger({ level: "info", write: (l) => lines.push(l) });
    const engine = await openEngine({ config: corpus.config, log, onProgress: progressLog(log) });
    await engine.close();
    const phases = lines.map((l) => JSON.parse(l) as { msg: string; phase?: string; done?: number; total?: number }).filter((l) => l.phase);
    // One line when a phase starts (the scan is only started: the parse that follows reads what it found) and one when it is done.
    expect(phases.find((l) => l.msg === "ingest phase started")).toMatchObject({ phase: "scan", total: 1 });
    expect(phases.filter((l) => l.msg === "ingest phase done").map((l) => l.phase)).toEqual(["parse", "index", "embed", "write"]);
    expect(phases.find((l) => l.phase === "write" && l.msg === "ingest phase done")).toMatchObject({ done: 1, total: 1 });
    expect(phases.length).toBeLessThanOrEqual(10);
  });

  it("a TTY gets a redrawn bar ending each phase on its own line", async () => {
    corpus = makeCorpus();
    const out: string[] = [];
    const engine = await openEngine({ config: corpus.config, onProgress: progressReporter((s) => out.push(s), true) });
    await engine.close();
    const text = out.join("");
    expect(text).toMatch(/\rwriting +█{24} 1\/1\x1b\[K\n/);
    expect(text.startsWith("\rscanning ")).toBe(true);
    expect(
      text
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split("\r").at(-1)!.split(" ")[0]),
    ).toEqual(["parsing", "keyword", "embedding", "writing"]);
  });
});
