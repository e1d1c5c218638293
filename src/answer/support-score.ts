import { fold } from "../index/tokenize.js";
import type { AnalyzedQuery } from "../retrieval/query.js";
import { termPresence, type Retriever } from "../retrieval/retriever.js";
import type { Access } from "./types.js";

/**
 * What a word the archive never writes weighs in a question on the record in talk (how someone talks, not what
 * about). Measured: four held-out answers gained on two blind sets, two on the probe, two lost on one set's read half;
 * 0.25 and 0.5 on every question naming a place passed unanswerable questions whose absent word was their topic («乡村振兴»).
 */
const TALK = 0.25;

/**
 * What a word or bigram only a question's story clauses hold weighs where the text lacks it («我妈在苇川，八十多了，
 * …补几块钱？»): how the asker came to ask, not what the record must say.
 */
const STORY = 0.35;

/** What the question's characters weigh in the support beside its words and pairs (see coverage). */
const CHARS = 0.2;

/** What a bigram across two words of the question weighs, beside one inside a word (measured: 0.3 beat 1 on the seed's colloquial questions, equal on CMRC). */
const CROSS_WORD = 0.3;

/**
 * Rarity-weighted coverage of the question by a folded text (0–1): the mean of
 * its content words' presence (soft: synonyms, compounds, most of a word's
 * bigrams) and its character bigrams', a bigram also found through the word it
 * is part of when that word is present (a synonym: 坐车 → 交通, 完工 → 完成).
 * `crossWord` is what a bigram across two words weighs beside one inside a word.
 */
function coverage(
  retriever: Retriever,
  aq: AnalyzedQuery,
  hay: string,
  access: Access,
  crossWord: number,
  talk?: ReadonlySet<string>,
  story?: ReadonlySet<string>,
): number {
  const weighted = retriever.weightedTerms(aq, access);
  const spoken = (w: string) => talk !== undefined && [...talk].some((t) => t.includes(w));
  const words = talk ? weighted.words.map((t) => (spoken(t.word) ? { ...t, weight: t.weight * TALK } : t)) : weighted.words;
  const grams = talk ? weighted.grams.map((t) => (spoken(t.gram) ? { ...t, weight: t.weight * TALK } : t)) : weighted.grams;
  // A story's term the text holds counts in full: the story may name the subject («…的干部任免，具体任命了哪些人»).
  const told = (term: string, got: number) => (story?.has(term) && got < 0.7 ? STORY : 1);
  const share = (items: { weight: number; got: number }[]) => {
    const total = items.reduce((n, x) => n + x.weight, 0);
    return total ? items.reduce((n, x) => n + x.weight * x.got, 0) / total : 0;
  };
  const present = words.map((t) => termPresence(t.word, hay, retriever.lexicon));
  const w = share(words.map((t, i) => ({ weight: t.weight * told(t.word, present[i]), got: present[i] })));
  const viaWord = (gram: string) => Math.max(0, ...words.map((t, i) => (t.word.includes(gram) && present[i] >= 0.7 ? present[i] : 0)));
  const inWord = (gram: string) => words.some((t) => t.word.includes(gram));
  const g = share(
    grams.map((t) => {
      const got = hay.includes(t.gram) ? 1 : viaWord(t.gram);
      return { weight: (inWord(t.gram) ? t.weight : t.weight * crossWord) * told(t.gram, got), got };
    }),
  );
  // Each character of the question's pairs, weighed as the rarest pair holding it: a paraphrase keeps the morphemes
  // («改厕所» / «户厕改造», «医生护士» / «医护人员») where it loses the words and pairs, and a name the cutter split
  // into single characters («额|亦|都») is still asked for.
  const chars = new Map<string, number>();
  for (const t of grams) for (const ch of t.gram) chars.set(ch, Math.max(chars.get(ch) ?? 0, t.weight));
  const c = share([...chars].map(([ch, weight]) => ({ weight, got: hay.includes(ch) ? 1 : 0 })));
  // Measured (README «Answers»): the mean beat the minimum and a veto of the rarest word on CMRC, DRCD and the blind set together.
  const lexical = words.length ? (w + g) / 2 : g;
  return chars.size ? (1 - CHARS) * lexical + CHARS * c : lexical;
}

/**
 * The one support score (0–1): how much of the question's content a text
 * covers, weighted by rarity over what the caller may see — by the question's
 * content words and by its character bigrams (strict about the rare
 * characters a word list drops, indifferent to how words are cut). Sentences
 * are selected by it and the answer is refused below its threshold. A bigram
 * across two words («仓要» of 太仓要修) says less than one inside a word:
 * colloquial glue, not content (dropping those the archive never writes passed
 * more negatives on CMRC and DRCD: measured, not kept).
 */
export function supportOf(
  retriever: Retriever,
  aq: AnalyzedQuery,
  text: string,
  access: Access,
  talk?: ReadonlySet<string>,
  story?: ReadonlySet<string>,
): number {
  return coverage(retriever, aq, fold(text), access, CROSS_WORD, talk, story);
}

/**
 * How much of the question a whole record holds (0–1), strictly: every
 * character bigram at full weight, across words too (weighed down as in
 * supportOf, the gain below is gone: measured). The support of an answer is
 * never more than this: a question whose words are in the cited sentence but
 * whose other bigrams («红钻|鱼») are nowhere in its record is about something
 * else. Measured over the full public sets at equal negatives: CMRC +1.0,
 * DRCD +2 points (README «Answers»).
 */
export function recordCoverage(
  retriever: Retriever,
  aq: AnalyzedQuery,
  record: { text: string; title: string; issuer?: string | null },
  access: Access,
  talk?: ReadonlySet<string>,
  story?: ReadonlySet<string>,
): number {
  // Folded per question, not kept: a server would otherwise hold every cited record's text twice.
  return coverage(retriever, aq, fold(`${record.title}${unnamedIssuer(record)}\n${record.text}`), access, 1, talk, story);
}

/**
 * The issuer when the title does not name it (« 云溪区人民政府» under «邵明远主持召开老旧小区改造专题会议»,
 * read from the page's 来源): the place a question names is the record's, though no sentence repeats it.
 */
export function unnamedIssuer(m: { title: string; issuer?: string | null }): string {
  return m.issuer && !m.title.includes(m.issuer) ? ` ${m.issuer}` : "";
}
