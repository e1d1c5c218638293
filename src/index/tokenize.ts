import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { toSimplified } from "../text/script.js";

/**
 * Tokenizers shared by the keyword index, the local embedder and query
 * analysis. Text is folded first: full-width ASCII to half-width, lower case,
 * traditional characters to simplified (one script for matching; quotes are
 * always sliced from the original text).
 */

let jieba: Jieba | null = null;
const userWords = new Set<string>();

function tokenizer(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/**
 * Adds words to the segmentation dictionary (domain terms, unit names, document
 * titles), so «一网通办» or «市综指中心» stay whole. Returns how many were new.
 */
export function addUserWords(words: Iterable<string>): number {
  const fresh: string[] = [];
  for (const w of words) {
    const t = fold(w).trim();
    if (t.length >= 2 && t.length <= 30 && !/\s/.test(t) && !userWords.has(t)) {
      userWords.add(t);
      fresh.push(t);
    }
  }
  if (fresh.length) tokenizer().loadDict(Buffer.from(`${fresh.map((w) => `${w} 100000 n`).join("\n")}\n`));
  return fresh.length;
}

/** Full-width ASCII to half-width, lower case, traditional to simplified; the same length as `s`. */
export function fold(s: string): string {
  return toSimplified(s)
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .toLowerCase();
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/** Jieba search-mode words (whitespace and punctuation dropped). */
export function words(text: string): string[] {
  return tokenizer()
    .cutForSearch(fold(text), true)
    .filter((w) => WORDLIKE.test(w));
}

/** Jieba precise-mode words (whitespace and punctuation dropped), for query analysis. */
export function segment(text: string): string[] {
  return tokenizer()
    .cut(fold(text), true)
    .filter((w) => WORDLIKE.test(w));
}

/** Jieba words with part-of-speech tags (n noun, v verb, a adjective, …), for query analysis. */
export function tagged(text: string): { word: string; tag: string }[] {
  return tokenizer()
    .tag(fold(text), true)
    .filter((t) => WORDLIKE.test(t.word));
}

/** Jieba words with tags from the dictionaries alone (no HMM guesses at unknown words): how a guessed word is made. */
export function taggedKnown(text: string): { word: string; tag: string }[] {
  return tokenizer()
    .tag(fold(text), false)
    .filter((t) => WORDLIKE.test(t.word));
}

/** Function words' tags: a preposition, particle, locative, conjunction, pronoun or adverb. */
const FUNCTION_TAG = /^(p|u|f|c|r|d|y|e|o)/;

/**
 * A pair of characters the cutter guessed as a word (tag x: in no dictionary) that is glue, not a name: a function
 * character and another («报给», «前出», «对养», «提了»), or two verbs («要花»). A guessed name keeps its weight («澧安»,
 * «郭麐»), and a longer guess may be a name («网约车»: 约 alone reads as an adverb).
 */
export function guessedGlue(word: string, tag: string): boolean {
  if (tag !== "x" || !/^\p{Script=Han}{2}$/u.test(word)) return false;
  let glue = glueSeen.get(word);
  if (glue === undefined) {
    const parts = taggedKnown(word);
    glue = parts.length === 2 && (parts.some((p) => FUNCTION_TAG.test(p.tag)) || parts.every((p) => /^v/.test(p.tag)));
    // A question's words are read many times while it is answered: each pair is tagged once (bounded, cleared when full).
    if (glueSeen.size >= GLUE_SEEN_MAX) glueSeen.clear();
    glueSeen.set(word, glue);
  }
  return glue;
}
const GLUE_SEEN_MAX = 10_000;
const glueSeen = new Map<string, boolean>();

/**
 * Character bigrams over runs of letters and digits; punctuation breaks runs,
 * except inside codes such as «5+1». A one-character run yields the unigram.
 */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of fold(text).split(/[^\p{L}\p{N}+#.%-]+/u)) {
    const chars = Array.from(run.replace(/^[+#.%-]+|[+#.%-]+$/g, ""));
    if (chars.length === 1) out.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  }
  return out;
}
