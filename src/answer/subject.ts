import { fold } from "../index/tokenize.js";
import type { Item, Minutes } from "../minutes/schema.js";
import { unitCore, type Lexicon } from "../index/lexicon.js";
import type { AnalyzedQuery } from "../retrieval/query.js";
import { contentWords, termPresence } from "../retrieval/retriever.js";
import { PLAN_AS_VERB } from "./intent.js";

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
  /** The question the words were read from (folded), to check jieba's cuts against it. */
  question?: string;
  /** Words of a document the question names («地铁建设» of 地铁建设规划): an item answers only when its title or documents hold them. */
  titled?: string[];
}

/**
 * «地铁建设规划», «共享单车管理办法»: the name before a document kind. A kind right after 的 («大整治的方案», «会议的意见»)
 * or after a verb whose object it is («什么时候完成方案论证», «拿出方案») or a question word («议定了哪几条措施») says
 * what a plan is about, and names no document; nor does a unit named after one («自然资源和规划局»). Nor does 计划 used as a verb («公交专线计划什么时候开通», «计划于年底建成»; «建设计划什么时候印发» is the noun).
 */
const DOC_NAME = new RegExp(
  `([\\p{Script=Han}“”"]{2,16}?)(?<!的|完成|制定|编制|出台|拿出|提交|报送|形成|起草|研究|论证|审定|报批|上报|哪些|哪几条|几条|哪几项|几项|什么|哪个|哪项|哪条|哪几个)(规划|办法|方案|计划${PLAN_AS_VERB}|意见|条例|细则|措施|政策)(?![局院所馆委处科站办厅署]|中心)`,
  "u",
);

/** The kind of document a question names («政策» of «韩国的北方政策»), or null. */
export function namedKind(question: string): string | null {
  return DOC_NAME.exec(fold(question))?.[2] ?? null;
}

/** The document a question names as written, kind and all («发热门诊改造方案»), or null. */
export function namedPhrase(question: string): string | null {
  const m = DOC_NAME.exec(fold(question));
  return m ? `${m[1]}${m[2]}`.replace(/[“”"]/g, "") : null;
}

/** The subject words that name the document the question asks about. */
export function namedDocument(question: string, s: Subject): string[] {
  const m = DOC_NAME.exec(fold(question));
  return m ? s.words.filter((w) => m[1].includes(w)) : [];
}

/** Below this presence (see termPresence) a subject word is not in a text: a synonym counts, a stray bigram does not. */
const PRESENT = 0.7;

/**
 * Verbs a question uses to put its frame («负责组织实施», «怎么推进», «什么时候完成»): never
 * required. Any other verb («摸清», «供暖», «共享») is part of the subject.
 */
export const GENERIC_VERBS = new Set([
  // «除了市长还有哪些人»: words that set one thing beside the rest ask for nothing.
  "还有",
  "除了",
  "另外",
  "组织",
  "实施",
  "推进",
  "落实",
  "开展",
  "加强",
  "做好",
  "完成",
  "开始",
  "举办",
  "解决",
  "处理",
  "提出",
  "部署",
  "保障",
  "推动",
  "建设",
  "发展",
  "管理",
  "支持",
  "提高",
  "提升",
  "促进",
  "负责",
  "牵头",
  "起草",
  "汇报",
  "审查",
  "印发",
  "修改",
  "完善",
  "研究",
  "讨论",
  "决定",
  "安排",
  "打算",
  "准备",
  "进行",
  "采取",
  "需要",
  "应该",
  "规定",
  "计划",
  "要求",
  "说",
  "讲",
  "提",
  "定",
  "批",
  "搞",
  "弄",
  "办",
  "做",
  "帮",
  "管",
  "考虑",
  "执行",
  "召开",
  "举行",
  "主持",
  "参加",
  "出席",
  "列席",
  "审议",
  "通过",
  "同意",
  "批准",
  "发文",
  "施行",
  "实行",
  "开始",
  "结束",
  "方便",
  "增加",
  "减少",
  "扩大",
  "帮助",
  "帮扶",
  "出现",
  "提到",
  "讲到",
  "说到",
  "涉及",
  "有关",
  "相关",
  "开会",
  "开",
]);

/**
 * Frame phrases removed before the subject is read: how, when, how much, what
 * aspects, what happens afterwards — the question's frame, not its subject.
 */
const FRAME_PHRASES =
  /一共|总共|分别是|分别|几项|到位|哪些文件|什么文件|哪几个文件|哪些事项|什么事项|哪些议题|什么议题|哪些内容|什么内容|多大|多长|多久|多远|多高|出席会议|列席会议|参加会议|与会人员|参会人员|有人|有谁|哪些人|什么人|哪几点|几点|哪一天|哪天|开的会|第几次|第几号|几号|哪一项|哪项|一项|够不够|够吗|多不多|好不好|方便吗|行不行|什么时候|啥时候|何时|多少钱|多少|哪些方面|什么方面|哪几个方面|会后|后续|下一步|提了|说了|讲了|怎么样|怎么办|咋办|怎么|怎样|如何|是不是|有没有|能不能|会不会|分几个|几个|哪几次|哪些会议|哪次会议|几次会议/g;

/** The question with its frame phrases blanked out, for reading the subject. */
export function withoutFrame(question: string): string {
  return question.replace(FRAME_PHRASES, " ");
}

/** Speaker titles («张副县长», «县长李明»): who said it, not what about. */
const ROLE = /(常务)?副?(市长|县长|区长|镇长|乡长|书记|主任|局长|秘书长)$/;

/** The subject of an analysed question; `meetingWords` are the words that name the meeting (handled by the meeting scope). */
export function subjectOf(aq: AnalyzedQuery, meetingWords: readonly string[] = []): Subject {
  const quoted = aq.quoted.map(fold).filter((q) => q.length >= 2);
  const named = meetingWords.map(fold).join(" ");
  // «条是» (jieba's cut of «850条是怎么安排的»): a classifier with a function character is no word.
  const junk = (w: string) => w.replace(/[是的了吗呢]$/, "").replace(/^[\d.]+/, "").length < 2 && !/\d/.test(w);
  // «岚|峰县»: the cutter's piece of a place the scope names, with its 县, is that place.
  const inPlace = (w: string) => /[省市县区镇乡]$/.test(w) && w.length >= 2 && meetingWords.some((m) => fold(m).endsWith(w.slice(0, -1)));
  // «鹤|浦那|份»: a word the cutter made across the end of a place the scope names is no word of the subject.
  const q = fold(aq.raw);
  const acrossPlace = (w: string) =>
    meetingWords.some((m) => {
      const place = fold(m);
      const at = q.indexOf(place);
      const wAt = q.indexOf(w);
      return at >= 0 && wAt > at && wAt < at + place.length && wAt + w.length > at + place.length;
    });
  const own = contentWords(aq).filter(
    (w) =>
      !w.glue &&
      !junk(w.word) &&
      !ROLE.test(w.word) &&
      !named.includes(w.word) &&
      !inPlace(w.word) &&
      !acrossPlace(w.word) &&
      !quoted.some((x) => x.includes(w.word)),
  );
  const required = (w: { word: string; weight: number }) => w.weight === 1 || !GENERIC_VERBS.has(w.word);
  return { words: own.filter(required).map((w) => w.word), quoted, soft: own.filter((w) => !required(w)).map((w) => w.word), question: q };
}

/** True when the subject has nothing to check. */
export const isEmpty = (s: Subject) => s.words.length === 0 && s.quoted.length === 0;

/**
 * Heads that name the kind of thing rather than the thing («建设», «体系», «网络»): a quoted
 * passage needs the specific words; these may be anywhere in its agenda item.
 */
const GENERIC_NOUNS = new Set([
  "建设",
  "发展",
  "体系",
  "网络",
  "工作",
  "管理",
  "服务",
  "项目",
  "机制",
  "制度",
  "能力",
  "水平",
  "质量",
  "方面",
  "领域",
  "体制",
  "任务",
  "政策",
]);

/** The subject a quoted passage itself must hold: without generic heads, unless nothing else is left. */
export function specific(s: Subject): Subject {
  const words = s.words.filter((w) => !GENERIC_NOUNS.has(w));
  return words.length || s.quoted.length ? { ...s, words } : s;
}

/** The subject words (and quoted terms) not found in `text`. */
export function missingIn(s: Subject, text: string, lexicon: Lexicon): string[] {
  const hay = fold(text);
  const compact = hay.replace(/\s+/g, "");
  return [
    ...s.quoted.filter((q) => !compact.includes(q.replace(/\s+/g, ""))),
    ...s.words.filter((w) => termPresence(w, hay, lexicon) < PRESENT && !unitIn(w, hay, lexicon) && !bareIn(w, hay) && !miscutIn(w, s.question, hay)),
  ];
}

/** How present a question word is in a text (0–1), forgiving the cutter's joins as `missingIn` does («扩点案» is in «扩点计划»). */
export function wordPresence(w: string, text: string, lexicon: Lexicon, question?: string): number {
  const hay = fold(text);
  if (unitIn(w, hay, lexicon) || bareIn(w, hay) || miscutIn(w, question, hay)) return 1;
  return termPresence(w, hay, lexicon);
}

/** A post («乡长», «副市长») names who, not what about: no part of a subject. */
export const isRole = (w: string) => ROLE.test(w);

/**
 * «市集» of «银峰市集采药品» is jieba's cut across a place and the next word: a word
 * with an administrative character is in the text when each of its characters
 * is, together with its neighbour in the question («峰市», «集采»).
 */
function miscutIn(w: string, question: string | undefined, hay: string): boolean {
  if (!question || !/[省市县区镇]/.test(w)) return false;
  const at = question.indexOf(w);
  if (at < 0) return false;
  for (let i = at; i < at + w.length; i++) {
    const left = i > 0 ? question.slice(i - 1, i + 1) : "";
    const right = question.slice(i, i + 2);
    if (!(left.length === 2 && hay.includes(left)) && !(right.length === 2 && hay.includes(right))) return false;
  }
  return true;
}

/** «交运局» is in a text that names 市交通运输局: a unit alias counts as the unit. */
function unitIn(w: string, hay: string, lexicon: Lexicon): boolean {
  return (unitForms(lexicon).get(w) ?? []).some((forms) => forms.some((f) => f.length >= 2 && hay.includes(f)));
}

const unitFormCache = new WeakMap<Lexicon, Map<string, string[][]>>();
/** Each folded form of a unit → the folded forms of every unit it names (built once per lexicon: it is asked per word and item). */
function unitForms(lexicon: Lexicon): Map<string, string[][]> {
  let out = unitFormCache.get(lexicon);
  if (!out) {
    out = new Map();
    for (const [canonical, aliases] of lexicon.units) {
      const forms = [canonical, unitCore(canonical), ...aliases].map(fold);
      for (const f of new Set(forms)) out.set(f, [...(out.get(f) ?? []), forms]);
    }
    unitFormCache.set(lexicon, out);
  }
  return out;
}

/** «市桃坪», «运维是», «扩点案» (jieba's cuts of 银峰市桃坪, 运维是怎么安排的, 扩点案决议如何) are in a text that has «桃坪», «运维», «扩点»: an administrative or function character, or the 案 of a proposal, at either end is not the word. */
function bareIn(w: string, hay: string): boolean {
  const bare = w.replace(/^[省市县区镇]/, "").replace(/[省市县区镇是的了吗呢和与及案]$/, "");
  if (bare !== w && bare.length >= 2 && hay.includes(bare)) return true;
  // «银峰市集» (银峰市 + 集采): the place before the administrative character is what the text has.
  const parts = w.split(/[省市县区镇]/).filter((p) => p.length >= 2);
  return parts.length > 0 && parts.join("").length < w.length - 1 && parts.every((p) => hay.includes(p));
}

/** The text an item-level answer must find the subject in: its title, documents, units and body. */
export function itemScope(it: Item): string {
  return `${it.title} ${it.documents.join(" ")} ${it.reportingUnit ?? ""} ${it.responsibleUnits.join(" ")} ${it.text}`;
}

/** The text a meeting-level answer must find the subject in: the record's title, issuer, meeting and body. */
export function minutesScope(m: Minutes): string {
  return `${m.title} ${m.issuer ?? ""} ${m.meeting.name ?? ""} ${m.text}`;
}

/** Document kinds end a name: «共享单车管理办法» is missing «共享单车», not «共享单车管理办法». */
const KIND_WORD = /规划|办法|方案|计划|意见|条例|细则|措施|政策|文件|报告/;

/**
 * The missing words as the question writes them, with the subject words that
 * modify them: «共享单车管理办法» missing «单车» comes back as «共享单车».
 */
export function missingPhrase(question: string, missing: string[], s: Subject): string {
  const q = fold(question);
  const at = (w: string) => ({ from: q.indexOf(w), to: q.indexOf(w) + w.length });
  const spans = missing.map(at).filter((x) => x.from >= 0);
  const neighbours = [...s.words, ...s.soft]
    .filter((w) => !KIND_WORD.test(w) && !missing.includes(w))
    .map(at)
    .filter((x) => x.from >= 0);
  for (const span of spans) {
    for (let grown = true; grown; ) {
      grown = false;
      // Modifiers come first in Chinese: «共享» of 共享单车 joins; what follows («管理办法», «建设») is another word.
      for (const n of neighbours)
        if (n.to === span.from) {
          span.from = n.from;
          grown = true;
        }
    }
  }
  spans.sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const x of spans) {
    const last = merged.at(-1);
    if (last && x.from <= last.to) last.to = Math.max(last.to, x.to);
    else merged.push({ ...x });
  }
  return [...new Set(merged.map((x) => question.slice(x.from, x.to)))].join("、");
}
