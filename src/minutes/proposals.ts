/**
 * The proposals (提案) of a 会议记录 and the labelled lines they are written in:
 * «提案一 / 案由：拟办理…，提请讨论。/ 提案单位：社会课 / 说明：… / 决议：照案通过…».
 * Each proposal is an agenda item titled by its cause (案由, what is proposed);
 * its 决议 (决定, 议决) is the meeting's decision, the same kind as «会议决定».
 * Reads the parser's match view (simplified, full-width punctuation).
 */
import { chineseToNumber } from "./numerals.js";
import type { SectionKind } from "./schema.js";

const NUMERAL = "[一二三四五六七八九十百\\d]+";
/** «提案一», «议案二», «案由一：…», «第一案»: a proposal starts its own line. */
const PROPOSAL_START = new RegExp(`^(?:(?:提案|议案|讨论案|案由)\\s*(${NUMERAL})|第\\s*(${NUMERAL})\\s*案)(?=$|[\\s：:、.．（(])`);
/** «一、案由：…»: a numbered heading that is a proposal. */
const NUMBERED_CAUSE = new RegExp(`^(${NUMERAL})[、.．]\\s*(?=案由)`);
/** The cause of a proposal, with or without its number: «案由：…», «案由一：…». */
const CAUSE = new RegExp(`案由\\s*(?:${NUMERAL})?\\s*[：:]\\s*`);
/** «，提请讨论。», «，请审议。»: the request that closes a cause is no part of its title. */
const REQUEST = /[，,]?\s*(?:提请|敬请|恭请|请)(?:大会|会议)?(?:讨论|审议|公决|核议|审查|议决|决定)[^。]{0,12}[。.]?\s*$/;

/** A line label of a 会议记录 and the kind of section it opens. */
const LINE_LABEL = new RegExp(
  `(?<=^|\\n)[ \\t\\u3000]*(决议事项|决议|决定|议决|讨论结果|案由\\s*(?:${NUMERAL})?|提案单位|提案人|说明|理由|办法|建议)\\s*[：:]`,
  "g",
);
const DECISION_LABEL = /^(?:决议|决定|议决|讨论结果)/;

/** A section cut at a labelled line: «决议：» opens a decision by the meeting, «说明：» other text. */
export interface LabelCut {
  at: number;
  lead: string;
  kind: SectionKind;
  speaker: string | null;
  speakerRole: null;
}

/** The sections a body's labelled lines open; `at` is an offset into `body`. */
export function labelCuts(body: string): LabelCut[] {
  const cuts: LabelCut[] = [];
  for (const m of body.matchAll(LINE_LABEL)) {
    const lead = m[1].replace(/\s+/g, "");
    const decision = DECISION_LABEL.test(lead);
    const indent = m[0].length - m[0].trimStart().length;
    cuts.push({ at: m.index + indent, lead, kind: decision ? "decision" : "other", speaker: decision ? "会议" : null, speakerRole: null });
  }
  return cuts;
}

/** The text after a decision label («决议：照案通过…» → «照案通过…»), or null when `s` has none. */
export function afterDecisionLabel(s: string): string | null {
  const m = /^(?:决议事项|决议|决定|议决|讨论结果)\s*[：:]\s*/.exec(s);
  return m ? s.slice(m[0].length) : null;
}

export interface ProposalMark {
  /** Index of the paragraph that starts the proposal. */
  idx: number;
  label: string;
  title: string;
  /** Offset where the proposal's body (its labelled lines) starts. */
  bodyStart: number;
}

interface Para {
  text: string;
  start: number;
  end: number;
}

function startOf(p: Para): { label: string; rest: number } | null {
  const m = PROPOSAL_START.exec(p.text) ?? NUMBERED_CAUSE.exec(p.text);
  if (!m) return null;
  const label = m[0].trim().replace(/[、.．]$/, "");
  // «案由一：…» is the cause itself: its line is part of the body.
  const rest = /^案由/.test(label) ? 0 : m[0].length;
  return Number.isNaN(chineseToNumber((m[1] ?? m[2]).trim())) ? null : { label, rest };
}

/** The title of a proposal: its cause without the closing request, else what follows its label. */
function titleOf(paras: Para[], first: number, last: number, rest: number): string {
  for (let i = first; i <= last; i++) {
    const m = CAUSE.exec(paras[i].text);
    if (m && (i > first || m.index <= rest + 2))
      return paras[i].text
        .slice(m.index + m[0].length)
        .replace(REQUEST, "")
        .replace(/[。.]$/, "")
        .trim();
  }
  return paras[first].text
    .slice(rest)
    .replace(/^[\s：:、]+/, "")
    .trim();
}

/** The proposals among paragraphs `from`..`to` (exclusive), each running to the next one or `ends` at a numbered part. */
export function proposalsIn(paras: Para[], from: number, to: number, partStarts: ReadonlySet<number>): ProposalMark[] {
  const starts: { idx: number; label: string; rest: number }[] = [];
  for (let i = from; i < to; i++) {
    const s = startOf(paras[i]);
    if (s) starts.push({ idx: i, ...s });
  }
  return starts.map((s, k) => {
    let last = (starts[k + 1]?.idx ?? to) - 1;
    for (let i = s.idx + 1; i <= last; i++) if (partStarts.has(i)) last = i - 1;
    const title = titleOf(paras, s.idx, Math.max(s.idx, last), s.rest) || s.label;
    return { idx: s.idx, label: s.label, title, bodyStart: paras[s.idx].start + s.rest };
  });
}
