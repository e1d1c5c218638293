import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
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
