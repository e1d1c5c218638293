/**
 * A figure stated of the thing listed beside the one asked about: «企业自筹多少» answered by «其中申请专项债券1.2亿元»
 * where the record reads «通过申请地方政府专项债券、市级财政预算安排和企业自筹三个渠道解决». The record's own
 * enumeration says the two are siblings, so the figure is the other one's — no list of words decides it.
 */

/** Clause breaks: a figure belongs to the clause it stands in and the sentence's opening clause. */
const BREAKS = "，,；;。！？!?：:\n";
const CLAUSE = new RegExp(`[${BREAKS}]`);
/** A sentence's end: a clause ending so is read without the clause after it. */
const SENTENCE_END = /[。！？!?\n]/;

/** What joins two names: «、», «和», «及», «与», «以及» — not inside «和谐», «及时», «与会», «参与». */
export const AND = /、|以及|(?<![参给赋])与(?!会)|和(?!谐)|(?<![以涉普危])及(?![时早其])/;
/** What joins the members of an enumeration: the joiners of names, and «或». */
const JOINER = new RegExp(`${AND.source}|或(?!者)`);

/** True when a quote names several things: a list joined by «、», «；», «和», «及», «与», or numbered points. */
export function enumerates(quote: string): boolean {
  return AND.test(quote) || /[；;]/.test(quote) || /[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d][)）]|(?:^|\n)\s*\d{1,2}[.、．]/.test(quote);
}

/** The shortest shared stretch that names a sibling («商品住宅», «专项债券»): two characters are too often a frame («申请»). */
const SIBLING_MIN = 3;

/** How many places of a word in its record are read for an enumeration. */
const OCCURRENCES_MAX = 20;

/** The longest stretch of Han characters both strings hold. */
function longestShared(a: string, b: string): string {
  let best = "";
  for (let i = 0; i < a.length; i++) {
    for (let j = i + best.length + 1; j <= a.length; j++) {
      const s = a.slice(i, j);
      if (!/^\p{Script=Han}+$/u.test(s) || !b.includes(s)) break;
      best = s;
    }
  }
  return best;
}

/** The clause of `text` around [from, to). */
function clauseAround(text: string, from: number, to: number): string {
  let s = from;
  while (s > 0 && !CLAUSE.test(text[s - 1])) s--;
  let e = to;
  while (e < text.length && !CLAUSE.test(text[e])) e++;
  return text.slice(s, e);
}

/**
 * The name of a sibling of a question word that the figure's clauses hold instead of it, or null.
 * `missing`: question words the clauses do not hold; `clauses`: the clauses stating the figure with the sentence's
 * opening; `record`, `question`: folded. A sibling is what stands beside the missing word in one enumeration of the
 * record and shares at least SIBLING_MIN characters with the clauses, none of them asked.
 */
export function siblingInstead(missing: readonly string[], clauses: string, record: string, question: string): string | null {
  for (const word of missing) {
    let at = record.indexOf(word);
    for (let n = 0; at >= 0 && n < OCCURRENCES_MAX; n++, at = record.indexOf(word, at + word.length)) {
      const clause = clauseAround(record, at, at + word.length);
      if (!JOINER.test(clause)) continue;
      const members = clause.split(new RegExp(JOINER.source, "g"));
      for (const raw of members) {
        const member = raw.trim();
        if (member.includes(word)) continue;
        // A member is a name, ending or opening its stretch of the enumeration («…地方政府专项债券»): a shared
        // stretch inside it («开凿了») is wording, not the sibling.
        const shared = longestShared(member, clauses);
        const named = member.endsWith(shared) || member.startsWith(shared);
        if (shared.length >= SIBLING_MIN && named && !question.includes(shared) && !shared.includes(word)) return shared;
      }
    }
  }
  return null;
}

/** A quote's clauses, each with the mark that ends it. */
function clausesOf(quote: string): string[] {
  return (quote.match(new RegExp(`[^${BREAKS}]*[${BREAKS}]?`, "g")) ?? []).filter((p) => p.trim());
}

/** A clause without the mark that ends it. */
function bare(clause: string): string {
  return CLAUSE.test(clause.at(-1) ?? "") ? clause.slice(0, -1) : clause;
}

/**
 * The clauses of a quote that state the fact (by `states`), with its opening clause: what a figure is said of.
 * `next` adds the clause after each stating one within its sentence («5月底前，|街道要拿出方案»).
 */
export function figureClauses(quote: string, states: (clause: string) => boolean, next = false): string {
  const parts = clausesOf(quote);
  // The opening clause of each stating clause's own sentence: in «…城东菜市场、西街菜市场等5个…。其中城东菜市场…，
  // 12月31日前完成改造», the date is said of 城东菜市场, not of the quote's first sentence.
  let opening = 0;
  const picked = parts.flatMap((p, i) => {
    if (i > 0 && SENTENCE_END.test(parts[i - 1].at(-1) ?? "")) opening = i;
    if (!states(bare(p))) return [];
    const own = [bare(parts[opening]), bare(p)];
    return next && i + 1 < parts.length && !SENTENCE_END.test(p.at(-1) ?? "") ? [...own, bare(parts[i + 1])] : own;
  });
  return [...new Set(picked.length ? picked : [bare(parts[0] ?? "")])].filter((p) => p.trim()).join("，");
}

/** «…3.2亿元，主要用于…和…»: a clause saying what a sum is for. */
const USED_FOR = /^\s*(?:主要|专项|全部|重点|统筹)?(?:用于|用作|投向)/;

/** What tells parts of one whole apart: a side («城东段», «城西段») or an ordinal («一标段», «二标段»). */
const PART_MARK = /^[东西南北中上下左右内外前后一二三四五六七八九十甲乙丙丁]$/u;

/**
 * True when `text` holds a word of the length of `word` that differs from it in one character, a side or an
 * ordinal in both («城西» beside «城东»): another part of the same whole.
 */
function parallelIn(word: string, text: string): boolean {
  const chars = [...word];
  if (chars.length < 2) return false;
  for (let i = 0; i + chars.length <= text.length; i++) {
    const cand = [...text.slice(i, i + chars.length)];
    const diff = chars.flatMap((c, k) => (cand[k] !== c ? [k] : []));
    if (diff.length === 1 && PART_MARK.test(chars[diff[0]]) && PART_MARK.test(cand[diff[0]])) return true;
  }
  return false;
}

/**
 * A question word the figure's clauses lack that its sentence names only after the figure, as one part of a whole:
 * beside a parallel part («工程估算总投资8600万元，会议同意先行启动城东段2.1公里…；城西段待…») or in a «用于…和…»
 * clause naming several. The figure is the whole's, not the part's. `paragraph` is the text ahead of the quote, where
 * a topic named carries on; `states` finds the figure's clause. Folded texts.
 */
export function partNamedAfter(missing: readonly string[], paragraph: string, quote: string, states: (clause: string) => boolean): string | null {
  const parts = clausesOf(quote);
  const first = parts.findIndex((p) => states(bare(p)));
  if (first < 0) return null;
  const before = paragraph + parts.slice(0, first + 1).join("");
  const sentence = parts
    .slice(first + 1)
    .join("")
    .split(SENTENCE_END)[0];
  for (const word of missing) {
    if (before.includes(word)) continue;
    const at = sentence.indexOf(word);
    if (at < 0) continue;
    const clause = clauseAround(sentence, at, at + word.length);
    const rest = sentence.slice(0, at) + sentence.slice(at + word.length);
    if ((USED_FOR.test(clause) && JOINER.test(clause)) || parallelIn(word, rest)) return word;
  }
  return null;
}
