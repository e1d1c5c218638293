import type { Minutes } from "../minutes/schema.js";
import type { Lexicon } from "./lexicon.js";
import { domainWordsOf } from "./docstore.js";
import { addUserWords } from "./tokenize.js";

/** Lexicon terms, colloquial keys and unit names: the words every index adds to the tokenizer. */
export function lexiconWords(lexicon: Lexicon): Set<string> {
  // Colloquial keys stay whole too, so «找工作» is looked up as itself, not as «找» + «工作».
  const w = new Set<string>([...lexicon.terms, ...[...lexicon.synonyms.keys()].filter((k) => k.length >= 2)]);
  for (const [canonical, aliases] of lexicon.units) {
    w.add(canonical);
    aliases.forEach((a) => w.add(a));
  }
  return w;
}

/** All words to register: the lexicon's, then each document's (units, document titles). */
export function domainWords(lexicon: Lexicon, docWords: Iterable<Iterable<string>>): string[] {
  const w = lexiconWords(lexicon);
  for (const ws of docWords) for (const x of ws) w.add(x);
  return [...w];
}

/** Registers domain words with the tokenizer: lexicon terms, units and document titles from the corpus. */
export function registerDomainWords(minutes: Minutes[], lexicon: Lexicon): void {
  addUserWords(domainWords(lexicon, minutes.map(domainWordsOf)));
}

/** Registers the words of a loaded index (recorded at ingest, so no document is read). */
export function registerIndexWords(index: { minutes: Minutes[]; domainWords?: string[] }, lexicon: Lexicon): void {
  if (index.domainWords) addUserWords(domainWords(lexicon, [index.domainWords]));
  else registerDomainWords(index.minutes, lexicon);
}
