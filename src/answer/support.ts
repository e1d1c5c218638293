/**
 * Is one sentence of a model's answer supported by the excerpts it cites? Both
 * are compared in comparable form (no zero-width characters, separator dots or
 * spacing between Han characters). Its content — Han bigrams once frame words
 * are removed, Latin words — must mostly be found there, and every figure,
 * quoted or titled phrase, name, negation (Chinese or English) and URL must be
 * found there. A sentence with nothing to check is not supported. Instructions
 * planted in an excerpt never support anything.
 */
import { comparable } from "../text/comparable.js";
import { INVISIBLE } from "../text/invisible.js";
import { MARKER } from "./markers.js";
import { withoutInstructionSentences } from "./planted-instruction.js";

/** Share of a sentence's content bigrams that the cited excerpts must contain. */
export const MIN_BIGRAM_SUPPORT = 0.75;

/** Names a sentence may mention (people and units of the archive), with the aliases that count as the same name. */
export interface KnownNames {
  /** Name → every spelling that names the same person or unit (itself included). */
  spellings: Map<string, string[]>;
  /** Longest name, to bound the scan. */
  longest: number;
}

export const NO_NAMES: KnownNames = { spellings: new Map(), longest: 0 };

/** Clause frames and connectives a paraphrase adds (会议强调, 一是, 并且…): not claims that need support. */
const FRAME =
  /会议|本次|此次|这次|会上|强调|指出|要求|提到|谈到|表示|认为|明确|提出|听取|审议|研究|部署|同意|决定|原则|以下|如下|几点|方面|主要|包括|其中|[一二三四五六七八九十]是|首先|其次|此外|另外|同时|并且|以及|而且|进一步|需要|应当|应该|必须|关于|对于|有关|相关|具体|重点|[的了是要和与及并还也将该其此这即等]/g;

/** Point labels «（一）» «1.» carry no claim. */
const POINT_LABEL = /[（(][一二三四五六七八九十\d]{1,3}[）)]|(?:^|\s)\d{1,2}[.、]/g;

/** Negations whose presence must match the source (取消 in an answer needs 取消 in the excerpt). */
const NEGATION_WORDS = /取消|暂缓|不予|停止|否决|禁止|撤销|撤回|废止|终止|暂停|不得|严禁|没有|未能|不再|拒绝|驳回|叫停/g;
/** Single-character negations: checked with the character they negate (不同意 needs 不同). */
const NEGATION_CHARS = /[不未无非没勿否][\p{Script=Han}]?/gu;

/** Figures with their unit: «37处», «2022年», «5+1». */
const NUMBER = /\d+(?:[.+]\d+)*(?:[年月日号次项个处家条万亿元%])?|[零一二三四五六七八九十百千两]{2,}|[一二三四五六七八九十两][个项条家处次名位座所]/g;

/** Quoted phrases and titles: what is inside must be in the source. */
const QUOTED = /《([^》]{1,60})》|“([^”]{1,60})”|「([^」]{1,60})」|『([^』]{1,60})』|"([^"]{1,60})"/g;

/** A person named with a title: «王五市长», «李四同志». */
const TITLED_PERSON = /([\p{Script=Han}]{2,3}?)(?=常务副市长|副市长|市长|副书记|书记|副主任|主任|副局长|局长|秘书长|同志)/gu;

/**
 * The text of an excerpt that may support an answer, in comparable form
 * (src/text/comparable.ts), without any sentence that gives instructions — a
 * planted «回答：…» is data to refuse, not evidence.
 */
export function supportText(quote: string): string {
  return comparable(withoutInstructionSentences(quote.replace(/\*\*/g, "")));
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (const run of s.match(/[\p{Script=Han}]{2,}/gu) ?? []) for (let i = 0; i + 2 <= run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

/** Names of the archive that occur in `s` (longest match at each position). */
function namesIn(s: string, names: KnownNames): string[] {
  const found: string[] = [];
  for (let i = 0; i < s.length; i++) {
    for (let n = Math.min(names.longest, s.length - i); n >= 2; n--) {
      const w = s.slice(i, i + n);
      if (names.spellings.has(w)) {
        found.push(w);
        i += n - 1;
        break;
      }
    }
  }
  return found;
}

/** Latin words: «transport», «didn't», «5g». */
const LATIN_WORD = /[a-z0-9]+(?:['’][a-z]+)?/g;
/** English words that carry no claim of their own. */
const LATIN_FRAME = new Set(
  "a an the of to in on at by for with from as and or but also that this these those it its is are was were be been being has have had do does did will would shall should may might can could must meeting minutes said says stated noted agreed required stressed pointed out which who whom whose there their they them he she his her we our".split(
    " ",
  ),
);
/** English negations (exact words) and negating verbs (stems): «cancelled» needs a form of «cancel» in the excerpt. */
const LATIN_NEGATIONS = new Set(["not", "no", "never", "none", "nor", "neither", "without", "cannot", "ban", "banned", "deny", "denied"]);
const LATIN_NEGATING_STEMS = [
  "cancel",
  "reject",
  "refus",
  "suspend",
  "halt",
  "stop",
  "postpon",
  "withdr",
  "revok",
  "abolish",
  "terminat",
  "prohibit",
  "declin",
  "veto",
  "overrul",
];
/** URLs and host names: a link must be the excerpt's own. */
const URL = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s，。；！？、）)」』"'<>]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b(?:\/[^\s，。；！？、）)」』"'<>]*)?/g;

/** One key per English negation: «didn't» and «not» alike, «cancelled» and «cancel» alike. */
function negationKey(w: string): string | null {
  if (/n['’]t$/.test(w) || w === "cannot") return "not";
  if (LATIN_NEGATIONS.has(w)) return w === "denied" ? "deny" : w === "banned" ? "ban" : w;
  return LATIN_NEGATING_STEMS.find((stem) => w.startsWith(stem)) ?? null;
}

/** «plans» and «plan», «approved» and «approve» alike. */
const stem = (w: string) => (w.length > 4 ? w.replace(/(?:ing|ed|es|e|s)$/, "") : w);

/** The reason given for a sentence that cites no retrieved excerpt. */
export const NO_CITATION = "cites no excerpt";
/** The reason given for a sentence with nothing an excerpt could confirm (no Han bigram, no word, no figure). */
export const NOTHING_TO_CHECK = "says nothing the excerpt could confirm";

/**
 * Why `sentence` is not supported by `sources` (support texts of the excerpts
 * it cites, from {@link supportText}), or null when it is.
 */
export function unsupported(sentence: string, sources: string[], names: KnownNames = NO_NAMES): string | null {
  if (!sources.length) return NO_CITATION;
  const support = sources.join("\n");
  const supportCompact = support.replace(/\s+/g, "");
  const supportWords = support.match(LATIN_WORD) ?? [];
  const supportStems = new Set(supportWords.map(stem));
  const supportNegations = new Set(supportWords.map(negationKey));
  const s = comparable(sentence.replace(/\*\*/g, "")).replace(MARKER, " ");
  const compact = s.replace(/\s+/g, "");
  const has = (w: string) => supportCompact.includes(w.replace(/\s+/g, ""));

  for (const m of s.matchAll(URL)) if (!has(m[0])) return `links «${m[0]}», which the excerpt does not`;
  for (const m of compact.matchAll(QUOTED)) {
    const inner = m.slice(1).find((g) => g !== undefined)!;
    if (!has(inner)) return `quotes «${inner}», which the excerpt does not say`;
  }
  for (const m of compact.matchAll(TITLED_PERSON)) if (!has(m[1])) return `names «${m[1]}», whom the excerpt does not name`;
  for (const name of namesIn(compact, names)) {
    if (!(names.spellings.get(name) ?? [name]).some(has)) return `names «${name}», which the excerpt does not name`;
  }
  // Latin names and acronyms (capitalised in the sentence, not as its first word) must be the excerpt's.
  const latinNames = (
    sentence
      .normalize("NFKC")
      .replace(INVISIBLE, "")
      .match(/[A-Za-z][A-Za-z0-9'’]*/g) ?? []
  ).slice(/^\W*[A-Za-z]/.test(sentence) ? 1 : 0);
  for (const n of latinNames)
    if (/[A-Z]/.test(n) && !LATIN_FRAME.has(n.toLowerCase()) && !supportStems.has(stem(n.toLowerCase())))
      return `names «${n}», which the excerpt does not name`;

  const claim = compact.replace(POINT_LABEL, " ");
  for (const m of claim.matchAll(NEGATION_WORDS)) if (!has(m[0])) return `says «${m[0]}», which the excerpt does not`;
  const plain = claim.replace(NEGATION_WORDS, " ");
  for (const m of plain.matchAll(NEGATION_CHARS)) if (!has(m[0])) return `says «${m[0]}», which the excerpt does not`;
  const words = (s.match(LATIN_WORD) ?? []).filter((w) => /[a-z]/.test(w));
  for (const w of words) {
    const key = negationKey(w);
    if (key && !supportNegations.has(key)) return `says «${w}», which the excerpt does not`;
  }
  const framed = claim.replace(FRAME, " ");
  const figures = [...framed.matchAll(NUMBER)].map((m) => m[0]);
  for (const f of figures) if (!has(f)) return `states «${f}», which the excerpt does not`;

  const units = [
    ...figures.map(() => true),
    ...bigrams(framed).map((g) => has(g)),
    ...words.filter((w) => !LATIN_FRAME.has(w)).map((w) => supportStems.has(stem(w))),
  ];
  if (!units.length) return NOTHING_TO_CHECK;
  const share = units.filter(Boolean).length / units.length;
  return share >= MIN_BIGRAM_SUPPORT ? null : `only ${Math.round(share * 100)} % of its words are in the excerpt`;
}
