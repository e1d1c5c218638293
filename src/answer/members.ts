import { AND } from "./sibling.js";
import { chineseToNumber } from "../minutes/numerals.js";

/**
 * Members asked of a kind the quotes only count: «47个小区分别是哪些» against «涉及城东片区47个小区», «具体放在哪几所
 * 幼儿园» against «新增公办幼儿园学位900个». The quote holds the kind and a number beside it, never a member's name, so
 * it does not answer which ones. The test reads the quote's own punctuation and titles, not a list of kinds.
 */

/** «哪几所幼儿园», «哪些农贸市场», «哪14个小区»: the words right after the question word and its measure word, to a clause's end. */
const AFTER = /哪(?:几|些|[0-9]+|[二三四五六七八九十两]+)[个所家处条座栋项名位户批只]?(\p{Script=Han}{2,4})/u;
/** «47个小区分别是哪些», «危险区都有哪些»: the kind right before «分别», «都», «具体». */
const BEFORE = /(\p{Script=Han}{2})(?:分别|都|具体)(?:是|有|包括|为)?(?:哪些|哪几)/u;
/** Kinds that ask for content rather than named members («哪些地方», «哪些方面»). */
const CONTENT = /^(?:地方|方面|内容|措施|事项|工作|问题|要求|情况|东西|事情)$/;
/** Where the words after the question word stop being the kind («哪几家企业合并了»). */
const PAST_KIND = /[了吗呢被是要会在都有能可将已的]/;

/**
 * The kind whose members the question asks for, as two-character stretches of it — its head and its first two
 * characters («农贸市场» → 市场, 农贸) — or an empty list.
 */
export function membersKind(question: string): string[] {
  const before = BEFORE.exec(question);
  if (before && !CONTENT.test(before[1])) return [before[1]];
  const after = AFTER.exec(question);
  if (!after) return [];
  const cut = after[1].search(PAST_KIND);
  const run = cut < 0 ? after[1] : after[1].slice(0, cut);
  if (run.length < 2 || CONTENT.test(run.slice(0, 2))) return [];
  return [...new Set([run.slice(-2), run.slice(0, 2)])];
}

/** A number or count word right before the kind in its clause («47个小区», «三所幼儿园»), or right after it («幼儿园学位900个»). */
const COUNT_BEFORE = /(?:\d+|[一二三四五六七八九十两百千几数多]+)[个所家处条座项名位户批只]?[^，。；、：\d]{0,6}$/u;
const COUNT_AFTER = /^\p{Script=Han}{0,3}\d/u;
/** What names members at a kind: a «、» or an opening after it, a title around it, or a list before it in its clause. */
const LIST_AFTER = /^\p{Script=Han}?(?:[、：:（(]|包括|分别|为|即)/u;
/** A short name and a count right before the kind after a comma («自我，本我，超我三个部分»). */
const NAMED_COUNT = /[，,]\p{Script=Han}{1,4}(?:\d+|[一二三四五六七八九十两]+)[个所家处条座项名位户批只]?$/u;
const COUNTED = /^(?:\d|[一二三四五六七八九十两百千]+[个所家处条座项名位户批只])/;
const JOINED = new RegExp(AND.source, "g");

/**
 * True when the clause before the kind lists names joined by «、», «和», «及» up to it («人民路、滨河、北关3个市场»,
 * «专项债券、市级财政预算安排和企业自筹三个渠道»), not counts («23座小型水库、14处山洪灾害危险区»).
 */
function listedBefore(before: string): boolean {
  const clause = before.split(/[，,。；;：:]/).pop() ?? "";
  // A «、» makes it a list; «和» or «与» alone joins two things as often as it lists («雨污分流改造与老旧小区改造»).
  const parts = clause.split(JOINED);
  return clause.includes("、") && parts.length > 1 && !COUNTED.test(parts[parts.length - 1]);
}

/** How each place the kind is written in a quote reads: in a list or title, beside a number, or plainly. */
function readings(quote: string, kind: string): Set<"listed" | "counted" | "plain"> {
  const seen = new Set<"listed" | "counted" | "plain">();
  for (let at = quote.indexOf(kind); at >= 0; at = quote.indexOf(kind, at + kind.length)) {
    const before = quote.slice(Math.max(0, at - 40), at);
    const after = quote.slice(at + kind.length, at + kind.length + 6);
    if (before.lastIndexOf("《") > before.lastIndexOf("》") || listedBefore(before) || NAMED_COUNT.test(before) || LIST_AFTER.test(after)) seen.add("listed");
    else if (COUNT_BEFORE.test(before) || COUNT_AFTER.test(after)) seen.add("counted");
    else seen.add("plain");
  }
  return seen;
}

/**
 * True when the answer's first quote counts the kind (stretches from {@link membersKind}) and names none of its members —
 * every place it writes the kind stands beside a number — and no quote lists or titles one. False when the first quote
 * does not write the kind: other checks decide then.
 */
export function countsOnly(quotes: readonly string[], kind: readonly string[]): boolean {
  if (!kind.length || kind.some((k) => quotes.some((q) => readings(q, k).has("listed")))) return false;
  const first = kind.map((k) => readings(quotes[0] ?? "", k));
  return first.some((r) => r.has("counted")) && !first.some((r) => r.has("plain"));
}

/** «电梯故障、屋面渗漏、消防设施失效等7类»: names joined by «、», then «等» and a count. */
const SOME_OF = /((?:[^，。；、：:\s]{1,20}、)+[^，。；、：:\s]{1,20})等\s*([0-9]+|[一二三四五六七八九十两]+)\s*[个家所处条座栋户类项种名位批]/g;

/**
 * True when a quote names some members and counts more («A、B、C等7类»): a question asking which they are
 * («具体是哪7类») is not answered by the three named — the record does not list the rest.
 */
export function listsSomeOf(quote: string): boolean {
  for (const m of quote.matchAll(SOME_OF)) {
    const n = /^[0-9]+$/.test(m[2]) ? Number(m[2]) : chineseToNumber(m[2]);
    if (m[1].split("、").length < n) return true;
  }
  return false;
}
