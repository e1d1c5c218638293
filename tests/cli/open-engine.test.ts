import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { openCliEngine } from "../../src/cli/open-engine.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { diskFull } from "../helpers/failing-fs.js";
import { MINUTES_FIXTURES } from "../helpers/paths.js";

let corpus: TempCorpus;
afterEach(() => corpus?.cleanup());

describe("minutes search / ask on a full disk", () => {
  it("warns naming INDEX_DIR and ENOSPC, then answers from the last good index instead of exiting", async () => {
    corpus = makeCorpus();
    const lines: string[] = [];
    const io = { out: (_: string) => {}, err: (s: string) => lines.push(s), env: {}, isTTY: false };
    await (await openCliEngine(corpus.config, io)).close();
    expect(lines.filter((l) => l.startsWith("warning"))).toEqual([]);
    copyFileSync(join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt"), join(corpus.minutesDir, "qinghe.txt"));
    const engine = await openCliEngine(corpus.config, io, { hooks: diskFull() });
    try {
      const warning = lines.find((l) => l.startsWith("warning: "));
      expect(warning).toContain(`INDEX_DIR ${corpus.indexDir}`);
      expect(warning).toContain("ENOSPC");
      expect(warning).not.toMatch(/unexpected error|\n\s+at /);
      expect((await engine.search("交通规划", { access: FULL_ACCESS })).length).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });
});
