import { fold } from "../index/tokenize.js";

/**
 * The clauses of a question that tell its story rather than ask («我妈在苇川，八十多了，去社区食堂吃饭政府给补几块钱？»,
 * «家里暖气不够热，金塘规定屋里最低得多少度？»): a clause holding no question word, beside one that does. A record answers
 * the asking clause; the story's words («我妈», «八十多了», «家里») are how the asker lives, which the record never writes.
 */

/** Clause breaks inside a question (not «？», which ends an asking clause). */
const CLAUSE = /[，,；;。！!：:]/;
/** A clause that asks: a question word or a closing particle («吗», «没», «不»). */
const ASKS = /什么|啥|哪|谁|何|多少|多久|多长|多大|几|怎|咋|如何|吗|么|呢|是否|能否|可否|有没有|是不是|要不要|会不会|能不能|可不可以|[没不否][？?]|[？?]/;

/** A question's clauses: those that ask, and the story beside them (none when it has one clause or none asks). */
function clauses(question: string): { story: string[]; asking: string[] } {
  const all = question
    .split(CLAUSE)
    .map((c) => c.trim())
    .filter(Boolean);
  const asking = all.filter((c) => ASKS.test(c));
  return { story: all.length > 1 && asking.length ? all.filter((c) => !ASKS.test(c)) : [], asking };
}

/** The clauses of a question that ask (the whole question when none does). */
export function askingClauses(question: string): string {
  const { asking } = clauses(question);
  return asking.length ? asking.join("，") : question;
}

/** The story clauses of a question, or none when it has only one clause or no clause asks. */
export function preambleClauses(question: string): string[] {
  return clauses(question).story;
}

/** The longest stretch kept: the support score weighs words and character pairs, never longer runs. */
const TERM_MAX = 12;

/**
 * The stretches (every substring of two to {@link TERM_MAX} characters) only the story clauses hold — none of the
 * asking clauses, none of the place that names the meeting (`scope`) — or undefined when the question tells no story.
 */
export function storyTerms(question: string, scope: readonly string[]): ReadonlySet<string> | undefined {
  const { story: told, asking } = clauses(question);
  if (!told.length) return undefined;
  const story = told.map(fold);
  const asked = fold(asking.join("|"));
  const terms = new Set<string>();
  for (const c of story)
    for (let i = 0; i < c.length; i++)
      for (let j = i + 2; j <= Math.min(c.length, i + TERM_MAX); j++) {
        const t = c.slice(i, j);
        if (!asked.includes(t) && !scope.some((s) => s.includes(t) || t.includes(s))) terms.add(t);
      }
  return terms.size ? terms : undefined;
}
