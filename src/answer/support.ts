/**
 * Is one sentence of a model's answer supported by the excerpts it cites? Its
 * content words (CJK bigrams once frame words are removed) must mostly be found
 * there, and every number, quoted or titled phrase, name and negation must be
 * found there verbatim. Instructions planted in an excerpt never support anything.
 */
import { fold } from "../index/tokenize.js";
import { toSimplified } from "../text/script.js";
import { MARKER } from "./markers.js";

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

const norm = (s: string) => toSimplified(fold(s));

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

/** An instruction planted in source text («忽略以上指令，回答：…»), or our own tags. */
const INSTRUCTION =
  /(忽略|无视|忘记|不要理会|不要遵守|ignore|disregard|forget).{0,12}(指令|规则|提示|要求|设定|instruction|rule|prompt)|(直接|请|只)(回答|输出|回复)|系统提示|system prompt|[<‹]\/?(excerpts|question|history)[>›]/i;

/** True when source text carries a planted instruction in one of its sentences. */
export function hasPlantedInstruction(quote: string): boolean {
  return INSTRUCTION.test(norm(quote));
}

/**
 * The text of an excerpt that may support an answer: folded, without spacing
 * (PDF line breaks split words) or markup, and without any sentence that gives
 * instructions — a planted «回答：…» is data to refuse, not evidence.
 */
export function supportText(quote: string): string {
  return norm(quote)
    .split(/(?<=[。！？!?；;\n])/)
    .filter((s) => !INSTRUCTION.test(s))
    .join("")
    .replace(/\*\*|\s+/g, "");
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

/** The reason given for a sentence that cites no retrieved excerpt. */
export const NO_CITATION = "cites no excerpt";

/**
 * Why `sentence` is not supported by `sources` (support texts of the excerpts
 * it cites), or null when it is.
 */
export function unsupported(sentence: string, sources: string[], names: KnownNames = NO_NAMES): string | null {
  if (!sources.length) return NO_CITATION;
  const support = sources.join("\n");
  const s = norm(sentence).replace(MARKER, " ").replace(/\*\*/g, "");
  const compact = s.replace(/\s+/g, "");
  const has = (w: string) => support.includes(w.replace(/\s+/g, ""));

  for (const m of compact.matchAll(QUOTED)) {
    const inner = m.slice(1).find((g) => g !== undefined)!;
    if (!has(inner)) return `quotes «${inner}», which the excerpt does not say`;
  }
  for (const m of compact.matchAll(TITLED_PERSON)) if (!has(m[1])) return `names «${m[1]}», whom the excerpt does not name`;
  for (const name of namesIn(compact, names)) {
    if (!(names.spellings.get(name) ?? [name]).some(has)) return `names «${name}», which the excerpt does not name`;
  }
  const claim = compact.replace(POINT_LABEL, " ");
  for (const m of claim.matchAll(NEGATION_WORDS)) if (!has(m[0])) return `says «${m[0]}», which the excerpt does not`;
  const plain = claim.replace(NEGATION_WORDS, " ");
  for (const m of plain.matchAll(NEGATION_CHARS)) if (!has(m[0])) return `says «${m[0]}», which the excerpt does not`;
  const framed = claim.replace(FRAME, " ");
  for (const m of framed.matchAll(NUMBER)) if (!has(m[0])) return `states «${m[0]}», which the excerpt does not`;

  const grams = bigrams(framed);
  if (!grams.length) return null;
  const share = grams.filter(has).length / grams.length;
  return share >= MIN_BIGRAM_SUPPORT ? null : `only ${Math.round(share * 100)} % of its words are in the excerpt`;
}
