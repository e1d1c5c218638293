import type { Intent, ItemRef, Turn } from "./types.js";
import { classifyIntent } from "./intent.js";

/** A question made standalone with the help of the conversation. */
export interface ResolvedQuestion {
  /** The text to retrieve with. */
  query: string;
  intent: Intent;
  /** The item the question refers to through «它», «该规划», … */
  focus: ItemRef | null;
  /** True when the question leaned on history. */
  followUp: boolean;
  /** The record the conversation was last about, when the question names no meeting of its own. */
  record?: string | null;
  /**
   * Set when the question is read in the conversation's topic: its own words (the query is the topic's words
   * followed by these), which alone the answer's support is measured by.
   */
  own?: string;
}

const PRONOUN = /(它|其|该(规划|办法|方案|议题|项|文件|计划|事项)?|这个(规划|办法|方案|议题|文件|事项)?|这项|此项|上述|刚才(那个|说的)?|前面(那个|说的)?)/;
/** «那住房规划呢？», «教育的呢», «住房规划呢» — the same question about something else. */
const ELLIPSIS = /^(那么?|还有|再看看)?(.{1,30}?)(的)?呢[？?。!！]*$/;

/** A place alone: «鹤鸣区», «太仓市». */
const PLACE_ONLY = /^[\p{Script=Han}]{2,4}(省|市|县|区|镇|縣|區)$/u;
const PLACE_IN = /[\p{Script=Han}]{2,4}?(省|市|县|区|縣|區)(?=[\p{Script=Han}])/u;

/**
 * Rule-based follow-up resolution (extractive mode): an elliptic question
 * takes the previous intent with a new subject; a pronoun takes the previous
 * item.
 */
export function resolveFollowUp(question: string, history: Turn[] = []): ResolvedQuestion {
  const q = question.trim();
  const own = classifyIntent(q);
  const last = [...history].reverse().find((t) => t.intent || t.focus);
  if (!last) return { query: q, intent: own, focus: null, followUp: false };

  const ell = ELLIPSIS.exec(q);
  if (ell && own === "topic" && last.intent) {
    const subject = ell[2].replace(/^(那么?|还有)/, "").trim();
    // «那鹤鸣区的呢» after «柏溪市企业纾困基金规模多大»: the same question of another place.
    if (subject && PLACE_ONLY.test(subject) && PLACE_IN.test(last.question))
      return { query: last.question.replace(PLACE_IN, subject), intent: last.intent, focus: null, followUp: true };
    if (subject && PLACE_ONLY.test(subject)) return { query: `${subject}${last.question}`, intent: last.intent, focus: null, followUp: true };
    if (subject && !PRONOUN.test(subject)) return { query: subject, intent: last.intent, focus: null, followUp: true };
    return { query: last.question, intent: last.intent, focus: last.focus ?? null, followUp: true };
  }
  if (PRONOUN.test(q) && last.focus) {
    return { query: q.replace(PRONOUN, " "), intent: own, focus: last.focus, followUp: true };
  }
  return { query: q, intent: own, focus: null, followUp: false };
}
