import { fold } from "../index/tokenize.js";
import type { Item, Minutes } from "../minutes/schema.js";
import { unitCore, type Lexicon } from "../retrieval/lexicon.js";
import type { AnalyzedQuery } from "../retrieval/query.js";
import { contentWords, termPresence } from "../retrieval/retriever.js";

/**
 * The subject of a question (主题词): its topic words once the frame («审议通过了吗»,
 * «是哪次会议批的», «在哪个议题», «怎么解决») and the meeting it names are set aside.
 * Every answer must find all of them in what it cites.
 */
export interface Subject {
  /** Content words that must be found, in question order. */
  words: string[];
  /** Terms quoted in the question («“一网统管”»): found verbatim or not at all. */
  quoted: string[];
  /** Framing content words («共享» of 共享单车): not required, but named with a missing neighbour. */
  soft: string[];
}

/** Below this presence (see termPresence) a subject word is not in a text: a synonym counts, a stray bigram does not. */
const PRESENT = 0.7;

/** Speaker titles («张副县长», «县长李明»): who said it, not what about. */
const ROLE = /(常务)?副?(市长|县长|区长|镇长|书记|主任|局长|秘书长)$/;

/** The subject of an analysed question; `meetingWords` are the words that name the meeting (handled by the meeting scope). */
export function subjectOf(aq: AnalyzedQuery, meetingWords: readonly string[] = []): Subject {
  const quoted = aq.quoted.map(fold).filter((q) => q.length >= 2);
  const named = meetingWords.map(fold).join(" ");
  const own = contentWords(aq).filter((w) => !ROLE.test(w.word) && !named.includes(w.word) && !quoted.some((q) => q.includes(w.word)));
  return { words: own.filter((w) => w.weight === 1).map((w) => w.word), quoted, soft: own.filter((w) => w.weight < 1).map((w) => w.word) };
}

/** True when the subject has nothing to check. */
export const isEmpty = (s: Subject) => s.words.length === 0 && s.quoted.length === 0;

/** The subject words (and quoted terms) not found in `text`. */
export function missingIn(s: Subject, text: string, lexicon: Lexicon): string[] {
  const hay = fold(text);
  const compact = hay.replace(/\s+/g, "");
  return [
    ...s.quoted.filter((q) => !compact.includes(q.replace(/\s+/g, ""))),
    ...s.words.filter((w) => termPresence(w, hay, lexicon) < PRESENT && !unitIn(w, hay, lexicon)),
  ];
}

/** «交运局» is in a text that names 市交通运输局: a unit alias counts as the unit. */
function unitIn(w: string, hay: string, lexicon: Lexicon): boolean {
  for (const [canonical, aliases] of lexicon.units) {
    const forms = [canonical, unitCore(canonical), ...aliases].map(fold);
    if (forms.includes(w) && forms.some((f) => f.length >= 2 && hay.includes(f))) return true;
  }
  return false;
}

/** The text an item-level answer must find the subject in: its title, documents, units and body. */
export function itemScope(it: Item): string {
  return `${it.title} ${it.documents.join(" ")} ${it.reportingUnit ?? ""} ${it.responsibleUnits.join(" ")} ${it.text}`;
}

/** The text a meeting-level answer must find the subject in: the record's title, issuer, meeting and body. */
export function minutesScope(m: Minutes): string {
  return `${m.title} ${m.issuer ?? ""} ${m.meeting.name ?? ""} ${m.text}`;
}

/**
 * The missing words as the question writes them: adjacent missing words of
 * «共享单车管理办法» come back as «共享单车», not «共享» and «单车».
 */
export function missingPhrase(question: string, missing: string[], s: Subject, text = ""): string {
  const q = fold(question);
  const hay = fold(text);
  const soft = s.soft.filter((w) => !hay.includes(w));
  const near = (w: string) => missing.some((m) => {
    const a = q.indexOf(w), b = q.indexOf(m);
    return a >= 0 && b >= 0 && (a + w.length === b || b + m.length === a);
  });
  const spans = [...missing, ...soft.filter(near)]
    .map((w) => ({ at: q.indexOf(w), w }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at);
  const out: string[] = [];
  let end = -1;
  for (const { at, w } of spans) {
    if (out.length && at <= end + 1) {
      const last = out.length - 1;
      const from = q.indexOf(out[last]);
      end = Math.max(end, at + w.length);
      out[last] = question.slice(from, end);
    } else {
      out.push(question.slice(at, at + w.length));
      end = at + w.length;
    }
  }
  return [...new Set(out)].join("、");
}
