/**
 * «您是不是要找» for a word the archive never writes: a near spelling of it
 * inside the archive's own names (document titles, agenda items, lexicon
 * terms). Only suggests; a refusal stays a refusal.
 */
import { distance } from "fastest-levenshtein";
import { pinyin } from "pinyin-pro";
import { toSimplified } from "../text/script.js";

/** A name the archive holds, and how much it weighs as a suggestion (a document title above an item title above a term). */
export interface ArchiveName {
  name: string;
  /** Shown as written: «《…》» for documents. */
  shown: string;
  rank: number;
}

/** Toneless pinyin, one syllable per character (a non-Han character stands for itself). */
function syllables(text: string): string[] {
  const out = pinyin(text, { toneType: "none", type: "array" });
  return out.length === [...text].length ? out : [...text];
}

/**
 * How near `name` comes to `word`, or null: a window read the same in pinyin
 * (a wrong pick in the input method: «住方» for «住房», the commonest typo in
 * Chinese), or, from four characters on, one edit away (two from six).
 */
function nearWindow(word: string, sounds: string[], name: string, read: string[]): number | null {
  const w = [...word];
  const chars = [...name];
  let best: number | null = null;
  for (let i = 0; i + w.length <= chars.length; i++) {
    const window = chars.slice(i, i + w.length);
    if (window.join("") === word) continue;
    if (window.every((c, j) => read[i + j] === sounds[j] && (c === w[j] || /\p{Script=Han}/u.test(c)))) {
      best = 0;
      break;
    }
  }
  if (best !== null || w.length < 4) return best;
  const allowed = w.length >= 6 ? 2 : 1;
  for (const len of [w.length, w.length - 1, w.length + 1]) {
    for (let i = 0; i + len <= chars.length; i++) {
      const d = distance(word, chars.slice(i, i + len).join(""));
      if (d > 0 && d <= allowed && (best === null || d < best)) best = d;
    }
  }
  return best;
}

/**
 * Names close to the absent words, best first: nearest spelling, then the ones
 * that also hold the question's other words («住方规划» → a title with «住房» and «规划»).
 */
export function didYouMean(absent: readonly string[], present: readonly string[], names: readonly ArchiveName[], max = 3): string[] {
  const words = absent.map((w) => toSimplified(w)).filter((w) => [...w].length >= 2);
  if (!words.length) return [];
  const sounds = words.map(syllables);
  const others = present.map((w) => toSimplified(w));
  const scored: { shown: string; key: number }[] = [];
  for (const entry of names) {
    const name = toSimplified(entry.name);
    const read = syllables(name);
    let d = 0;
    let near = true;
    for (const [i, w] of words.entries()) {
      const hit = nearWindow(w, sounds[i], name, read);
      if (hit === null) {
        near = false;
        break;
      }
      d += hit;
    }
    if (!near) continue;
    const held = others.filter((w) => name.includes(w)).length;
    scored.push({ shown: entry.shown, key: d * 100 - held * 10 - entry.rank });
  }
  scored.sort((a, b) => a.key - b.key);
  return [...new Set(scored.map((s) => s.shown))].slice(0, max);
}

/**
 * The one way the archive's names write `word` with the same sound («智惠» →
 * «智慧», «住方» → «住房»: a wrong pick in the input method), or null when
 * none does or several different ones do. Only a homophone of two or more
 * characters, never an edit: «改照» may be «改造» or «改善», and guessing
 * between them is the near miss the product refuses.
 */
export function homophoneOf(absent: string, names: readonly ArchiveName[]): string | null {
  const word = toSimplified(absent);
  const w = [...word];
  if (w.length < 2) return null;
  const sounds = syllables(word);
  const found = new Set<string>();
  for (const entry of names) {
    const chars = [...toSimplified(entry.name)];
    const read = syllables(chars.join(""));
    for (let i = 0; i + w.length <= chars.length; i++) {
      const window = chars.slice(i, i + w.length);
      const text = window.join("");
      if (text === word) return null;
      if (window.every((c, j) => read[i + j] === sounds[j] && /\p{Script=Han}/u.test(c))) found.add(text);
    }
    if (found.size > 1) return null;
  }
  return found.size === 1 ? [...found][0] : null;
}

/**
 * The one way the retrieved records write a two-character piece of the question that no record writes, with the
 * same sound («资今» → 资金, «生阀» of 救生阀 → 生筏, «正治» → 整治 where the records say 整治 and not 政治), or null when
 * none does or several do that keep one of its characters. `written` says whether the archive writes a pair (the respelling must be a real pair of
 * the archive, not a window across two words the records never join).
 */
export function soundAlike(gram: string, texts: readonly string[], written: (pair: string) => boolean): string | null {
  const g = toSimplified(gram);
  if ([...g].length !== 2 || !/^\p{Script=Han}{2}$/u.test(g)) return null;
  const [a, b] = syllables(g);
  const found = new Set<string>();
  for (const text of texts) {
    const chars = [...toSimplified(text)];
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i] + chars[i + 1];
      if (pair === g || found.has(pair) || !/^\p{Script=Han}{2}$/u.test(pair)) continue;
      // Reading a pair costs more than a character: only a pair that keeps a character or starts with the sound is read.
      if (chars[i] !== g[0] && chars[i + 1] !== g[1] && !sameSound(chars[i], a)) continue;
      const [x, y] = syllables(pair);
      if (x === a && y === b && written(pair)) found.add(pair);
    }
  }
  if (found.size === 1) return [...found][0];
  // A slip changes one character: «堤仿» is 堤防, not 地方, though both are read «di fang».
  const kept = [...found].filter((p) => p[0] === g[0] || p[1] === g[1]);
  return kept.length === 1 ? kept[0] : null;
}

const soundCache = new Map<string, string>();

/** The toneless syllable of one character is `sound`. */
function sameSound(c: string, sound: string): boolean {
  let s = soundCache.get(c);
  if (s === undefined) {
    s = syllables(c)[0] ?? c;
    if (soundCache.size < 20000) soundCache.set(c, s);
  }
  return s === sound;
}
