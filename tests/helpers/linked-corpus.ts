import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { loadConfig, type Config } from "../../src/config.js";
import { forgetFolderRules } from "../../src/minutes/folder-visibility.js";
import { makeCorpus, type TempCorpus } from "./corpus.js";
import { FIXTURES } from "./paths.js";

const DOCUMENTS = join(FIXTURES, "documents");

/** The fixture files of the document–decision links: a 办法, the 常务会议 that passes its 草案, a 专题会议 that passes its 征求意见稿. */
export const LINKED = {
  document: join(DOCUMENTS, "shihu-bicycle-measures.txt"),
  standing: join(DOCUMENTS, "shihu-standing-2024-05.meeting.txt"),
  topic: join(DOCUMENTS, "shihu-topic-2024-06.meeting.txt"),
};

/**
 * The seed corpus plus the linked fixtures, by folder rule: the 办法 and the 常务会议 under `public/`,
 * the 专题会议 under `internal/` (a public document passed by an internal meeting too).
 */
export function makeLinkedCorpus(): TempCorpus {
  const c = makeCorpus();
  const pub = join(c.minutesDir, "public");
  const internal = join(c.minutesDir, "internal");
  mkdirSync(pub);
  mkdirSync(internal);
  copyFileSync(LINKED.document, join(pub, "shihu-bicycle-measures.txt"));
  copyFileSync(LINKED.standing, join(pub, "shihu-standing-2024-05.txt"));
  copyFileSync(LINKED.topic, join(internal, "shihu-topic-2024-06.txt"));
  return c;
}

/** The engine over `makeLinkedCorpus()`, the ids of its records by role, and a config for a server over it. */
export interface LinkedEngine {
  corpus: TempCorpus;
  engine: MinutesEngine;
  ids: { document: string; standing: string; topic: string; seed: string };
  /** A config over the corpus with `env` added (a web token, a rate limit). */
  config(env?: Record<string, string>): Config;
  close(): Promise<void>;
}

export async function openLinkedEngine(): Promise<LinkedEngine> {
  const corpus = makeLinkedCorpus();
  const engine = await openEngine({ config: corpus.config });
  const all = engine.listMinutes(FULL_ACCESS);
  const byTitle = (t: string) => all.find((m) => m.title === t)!.id;
  const { MINUTES_DIR, INDEX_DIR, LEXICON_DIR } = corpus.config;
  return {
    corpus,
    engine,
    ids: {
      document: byTitle("石湖市公共自行车管理办法"),
      standing: byTitle("石湖市人民政府召开第十八次常务会议"),
      topic: byTitle("石湖市人民政府专题会议纪要"),
      seed: byTitle("太仓市人民政府常务会议纪要"),
    },
    config: (env = {}) => loadConfig({ MINUTES_DIR, INDEX_DIR, LEXICON_DIR, LOG_LEVEL: "silent", ...env }),
    async close() {
      await engine.close();
      corpus.cleanup();
      forgetFolderRules();
    },
  };
}
