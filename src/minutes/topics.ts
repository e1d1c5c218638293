/**
 * Topics of a record without numbered headings — a news-style report or a
 * 纪要 body of one paragraph per matter. A topic opens where the meeting takes
 * up a matter («会议听取/审议/讨论/研究/传达学习…», «会议原则同意《…》»,
 * «关于…，会议…»); what follows (会议指出/强调/要求, a person's remarks)
 * belongs to it until the next matter. A sentence passing several documents
 * stays one topic with several decisions.
 */
import { personLeadAt } from "./speakers.js";

export interface TopicSpan {
  start: number;
  end: number;
  title: string;
}

const ADVERB = "(?:还|并|先后|首先|随后|同时|最后|专题|集中|认真|一致|充分|重点|逐项)?";
const REVIEW = new RegExp(`^会议${ADVERB}(?:听取|审议|讨论|研究|传达学习|传达|学习|通报|审定|审阅)`);
const PASS = new RegExp(`^会议${ADVERB}(?:表决)?(?:原则)?(?:同意|通过|批准)`);
const STATEMENT = new RegExp(`^会议${ADVERB}(?:指出|强调|要求|认为|明确|决定|提出|号召|部署|议定|确定|希望)`);
const ABOUT = /^(?:关于|就|对于|针对)([^，。；]{2,40}?)(?:问题|事项|工作)?[，,]/;
/** «垃圾清运方面，…», «在养老服务方面，…»: a news report's paragraph taking up one matter of several (not «另一方面»). */
const ASPECT = /^在?((?!另|一|这|那|各|多|两|其|诸|有关)[^，。；\s]{2,12}?)方面[，,]/;
const SETTING = /^(?:会上|会议最后|最后|同时|此外|另外|会议期间)[，,]/;

interface Sentence {
  start: number;
  end: number;
}

function sentencesOf(view: string, start: number, end: number): Sentence[] {
  const out: Sentence[] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    if ("。！？".includes(view[i])) {
      out.push({ start: from, end: i + 1 });
      from = i + 1;
    }
  }
  if (from < end && view.slice(from, end).trim()) out.push({ start: from, end });
  return out;
}

/** The matter a topic's first sentence takes up: its 《》 documents, or the object of its verb. */
export function topicTitle(sentence: string): string {
  const s = sentence.replace(SETTING, "");
  const docs = [...s.matchAll(/《[^《》]+》/g)].map((m) => m[0]);
  // «听取和审议了…关于检查《…法》实施情况的报告»: a report about a document is the matter, not the document.
  const report = /(?:听取|审议)(?:[并和及](?:审议|研究|讨论))?(?:了)?([^，。；]{2,160}?的报告)(?=[，。；]|$)/.exec(s);
  if (docs.length > 0 && report && report[1].replace(/《[^《》]+》/g, "").length > 8) return report[1].replace(/^(?:了|关于)/, "");
  if (docs.length > 0) return [...new Set(docs)].join("、");
  const about = ABOUT.exec(s) ?? ASPECT.exec(s);
  if (about) return about[1];
  const obj = /(?:听取|审议|讨论|研究|传达学习|传达|学习|通报|审定|审阅|同意|通过|批准)(?:[并和及](?:审议|研究|讨论))?(?:了)?([^，。；]{2,60})/.exec(s);
  if (obj)
    return obj[1]
      .replace(/[：:].*$/, "")
      .replace(/(?:的)?(?:情况)?汇报$/, "")
      .replace(/^(?:了|关于)/, "")
      .trim();
  return s
    .replace(/^会议/, "")
    .slice(0, 30)
    .replace(/[，。；：]$/, "");
}

/**
 * Splits the body blocks (paragraph spans in the view) into topics. `known`
 * are the record's names, for statements by a person.
 */
export function findTopics(view: string, blocks: { start: number; end: number }[], known: readonly string[], opening = ""): TopicSpan[] {
  // Statements before any matter is taken up are about what the meeting was convened for («专题研究安全生产工作»).
  const convenedFor = /(?:专题)?(?:研究部署|研究|部署|听取|推进)(?:了)?([^，。；]{2,30})/.exec(opening.replace(/^.*?(?:会议|办公会)/, ""))?.[1] ?? null;
  type Cur = { start: number; end: number; title: string; decided: boolean; stated: boolean; opened: boolean };
  // `decided` and `stated`: a review sentence after them takes up a new matter.
  const topics: Cur[] = [];
  let cur: Cur | null = null;
  const open = (s: Sentence, title: string, opened: boolean): Cur => {
    cur = { start: s.start, end: s.end, title, decided: false, stated: false, opened };
    topics.push(cur);
    return cur;
  };
  for (const block of blocks) {
    const sentences = sentencesOf(view, block.start, block.end);
    sentences.forEach((sent, i) => {
      const v = view.slice(sent.start, sent.end).trim().replace(SETTING, "");
      const first = i === 0;
      const review = REVIEW.test(v);
      const pass = PASS.test(v);
      const about = first && (ABOUT.test(v) || ASPECT.test(v));
      const person = !review && !pass && personLeadAt(v, known, null);
      const statement = STATEMENT.test(v) || !!person;
      let c: Cur | null = cur;
      if (review || about) {
        // A new matter, unless it is the first thing said in the current one.
        if (!c || first || c.decided || c.stated || c.opened) c = open(sent, topicTitle(v), true);
      } else if (pass) {
        // «会议原则同意《…》» opening a paragraph is a matter of its own; inside one it decides the current matter.
        if (!c || first) c = open(sent, topicTitle(v), true);
        c.decided = true;
      } else if (!c) {
        c = open(sent, (!topics.length && convenedFor) || topicTitle(v), false);
      }
      if (statement) c.stated = true;
      c.end = sent.end;
    });
  }
  return topics.map(({ start, end, title }) => ({ start, end, title }));
}
