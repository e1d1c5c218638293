import type { AnalyzedQuery } from "../retrieval/query.js";
import { unnamedPlace } from "../index/places.js";
import { fold } from "../index/tokenize.js";
import { termPresence, type RankedPassage, type Retriever } from "../retrieval/retriever.js";
import { chineseToNumber } from "../minutes/numerals.js";
import type { Section } from "../minutes/schema.js";
import { toSimplified } from "../text/script.js";
import { supportOf, unnamedIssuer } from "./support-score.js";
import type { Access } from "./types.js";

/** A sentence of a retrieved passage that may answer the question. */
export interface EvidenceSentence {
  hit: RankedPassage;
  /** Exact offsets into the record's text. */
  start: number;
  end: number;
  /** Rarity-weighted coverage of the question by the sentence alone (0–1). */
  coverage: number;
  /** What selection ranks by: coverage, its neighbours', the passage's rank and the asked-for kind of fact. */
  score: number;
}

/** Where a sentence ends; a closing quote or bracket after the mark stays with it. */
const SENTENCE_END = /[。！？!?；;\n]/;
const CLOSERS = /[”’」』）)》"'\]]/;
/** A sentence longer than this is cut at its commas, so a quote stays short enough to paste. */
const LONG_SENTENCE = 150;
/** What a question term found only in a passage's heading path counts for its sentences. */
const HEADING_SHARE = 0.5;
/** Passages whose sentences are read: selection is bounded by this, never by the archive's size. */
const READ_PASSAGES = 8;

/** Sentence spans of [from, to), trimmed of white space; long ones cut after a comma. */
export function sentenceSpans(text: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e <= s) return;
    if (e - s <= LONG_SENTENCE) {
      out.push([s, e]);
      return;
    }
    // Cut at the comma nearest the middle of each over-long stretch.
    let a = s;
    while (e - a > LONG_SENTENCE) {
      const window = text.slice(a, a + LONG_SENTENCE);
      let cut = Math.max(window.lastIndexOf("，"), window.lastIndexOf(","), window.lastIndexOf("："));
      if (cut < LONG_SENTENCE / 4) cut = LONG_SENTENCE - 1;
      out.push([a, a + cut + 1]);
      a += cut + 1;
    }
    if (a < e) out.push([a, e]);
  };
  let s = from;
  for (let i = from; i < to; i++) {
    if (!SENTENCE_END.test(text[i])) continue;
    let e = i + 1;
    while (e < to && CLOSERS.test(text[e])) e++;
    push(s, e);
    s = e;
    i = e - 1;
  }
  if (s < to) push(s, to);
  return out;
}

/** What kind of fact a question asks for, read from its question word: a sentence stating one is preferred. */
export type AskedFact = "amount" | "number" | "ordinal" | "stages" | "time" | "day" | "duration" | "none";

/** «第几大港口», «第多少代»: an ordinal answers. */
const ASKS_ORDINAL = /第几|第多少/;
const ORDINAL = /第\s*[0-9０-９一二三四五六七八九十百]+/;

/** «分几个阶段», «分几步»: the answer names the stages. */
const ASKS_STAGES = /几个阶段|几步|分几|哪几个阶段|哪些阶段/;
const STAGES = /阶段|分步|步走|[一二三四五六七八九十\d]年[\p{Script=Han}]{1,6}[、，][一二三四五六七八九十\d两]年/u;

/**
 * «多少», «几个», «多大»; a measure noun only where it ends the question («…的面积？»). Not the 几 of
 * a word («几乎», «几何», «几内亚», «这几年», «几千年来»): a question that only says one asks no figure.
 */
const ASKS_NUMBER = /多少|(?<![这那好])几(?![乎何内]|[千百十万]年来)|多大|多长|多高|多远|多重|多久/;
/** «项目的总投资金额？», «会议时间？»: a measure or a time named last asks for it when no question word asks for something else. */
const ENDS_NUMBER = /(?:比例|百分比|金额|数量|人数|面积|长度|规模)(?:是|为|有)?[？?]?$/;
const ENDS_TIME = /(?:时间|日期)(?:是|为)?[？?]?$/;
const QUESTION_WORD = /什么|哪|谁|何|多少|怎|啥|吗|几/;
/** «几点结束», «几点开会»: the hour, where «哪几点», «几点意见» ask how many points. */
const HOUR = "几点(?:钟|半|结束|开始|开会|开的|召开|举行|散会|截止)";
/** «何时», «什么时候», «哪一年», «西元几年», «几世纪»; «时间» or «日期» only as asked («什么时间»), not named («休息时间», «食用日期»). */
const ASKS_TIME = new RegExp(
  `哪一年|哪年|何年|年份|${HOUR}|什么时候|啥时候|何时|哪天|哪一天|(?:什么|哪个|啥)(?:时间|日期|时期|年代)|哪一?年代|(?:西元|公元|民国)几年|几世纪|几月|几号|哪个月|期限(?:是|为)|多久|有效期|多长时间`,
);
/** «分别要投资多少», «分别是几个»: a figure of each thing named. */
const EACH_FIGURE = /分别.{0,6}(?:多少|几)/;
/** «哪几点», «几项，分别是什么»: a list is asked for, not a figure. */
const ASKS_LIST = new RegExp(`哪几|(?!${HOUR})几点|几项|几个方面|分别`);
/**
 * A count or measure: a number with its unit, a fraction («三分之二»), or any written number that is no part
 * of a date («500席», «235朔望月», «会前2日»; a year or a month's day alone is not one).
 */
const NUMBER =
  /(?:[0-9０-９][0-9０-９.,，]*|[一二三四五六七八九十百千万亿两]+)\s*(?:%|％|个|项|次|天|人|件|条|点|位|家|所|座|届|万|亿|倍|成|米|公里|千米|平方|元|吨|套|户|台|辆|名|间|张|部|批|处|起|类|种|千瓦|瓦|小时|分钟|公顷|亩|岁|周|场|颗|头|只|枚|层|级|册|卷|篇|首|分|秒|度|英尺|英亩|英里|公尺|公分|公斤|千克|克|辑|轮|代|席|步|世纪)|[一二三四五六七八九十两]+\s*(?:年|个月)|[一二三四五六七八九十百0-9]+分之[一二三四五六七八九十百0-9]+|(?<![0-9０-９.月])[0-9０-９]+(?:\.[0-9]+)?(?![0-9０-９.]*\s*[年月号])/;
/** «第二十六次», «第3批»: an ordinal. */
const ORDINAL_WORD = /第\s*(?:[0-9０-９]+|[一二三四五六七八九十百千零〇两]+)\s*[次号届条款项章节批期个位名轮]?/g;
/** Words that read as a numeral and a unit and count nothing: «进一步», «一起», «一度», «一部分», «一次性». */
const IDIOM_COUNT = /进一步|一起|一度|一道|一点儿|有一点|一部分|一次性|一揽子|一把手|一体化|一级一级|一步一步|一天天|统一/g;
// A date, a duration when «多久» is asked («15个工作日内», «3个月»), a period or part of a day («白垩纪中期», «当天下午»), a deadline by a holiday or season («国庆节前», «汛期前»), a frequency («每年»).
const TIME =
  /[0-9０-９一二三四五六七八九十〇零两]{1,4}\s*个?(?:工作日|自然日|小时|星期|周|天|个月)|[0-9０-９一二三四五六七八九十〇零]{1,4}\s*(?:年|月|日|世纪|年代|号)|[春夏秋冬]季|上半年|下半年|年底|年初|年内|年末|月底|月内|季度?末|以前|之前|期间|时期|朝|代|[早中晚末初后前]期|年间|纪|当天|当日|次日|[上下中]午|凌晨|夜间|晚上|夜晚|清晨|(?:春节|元旦|元宵|清明|端午|中秋|国庆|五一|劳动节|汛期|开学|入冬|入汛|暑假|寒假|暑期|节)[前后]|每(?:[一二两三四五六七八九十0-9半]*个?)?(?:年|月|周|季度?|天|日|星期)/;

const ASKS_DURATION = /多久|多长时间|多少天|几天|多少个?工作日|几个工作日|几个月|多少个月/;
/**
 * «15个工作日内», «6个月», «三年», «借期为30日», «每季度»: a span or how often (not «2025年», not «5月15日», a
 * day of a month).
 */
const DURATION =
  /(?<![0-9０-９.])[0-9０-９]{1,3}\s*(?:个\s*)?(?:工作日|自然日|小时|星期|周|天|个月|年(?![0-9０-９]))|(?<![月0-9０-９.])[0-9０-９]{1,3}\s*日|每(?:[一二两三四五六七八九十0-9半]*个?)?(?:年|月|周|季度?|天|日|星期)|[一二三四五六七八九十两半]+\s*(?:个\s*)?(?:工作日|自然日|小时|星期|周|天|个月|年)(?:内|以内|时间|期限)?|长期|永久/;
const ASKS_DAY = /哪天|哪一天|几号|哪日|几月几[日号]|具体日期/;
/** A day of a month, a part of one, or a day count: «3月1日», «15日», «月底», «中旬». */
const DAY =
  /[0-9０-９一二三四五六七八九十廿卅]{1,3}\s*[日号]|[上中下]旬|月[底初末]|[0-9]{1,2}[-/.][0-9]{1,2}|星期|周[一二三四五六日]|春节|元旦|元宵|除夕|清明|端午|中秋|国庆|劳动节|儿童节|圣诞/;

const ASKS_MONEY = /钱|资金|经费|投资|补助|补贴|金额|预算|费用|拨款|奖励|收费|价格|票价|工资|缺口/;
const AMOUNT =
  /[0-9０-９.,]+\s*(?:万|亿)?(?:元|美元|日元|港元|港币|加元|欧元|澳元|英镑|镑|台币|卢布|法郎|马克|美金|块)|[一二三四五六七八九十百千万亿两]+(?:万|亿)?(?:元|块)|[$＄¥￥€£]\s*[0-9]/;

/** «钱从哪来», «资金来源»: where money comes from is said with the amount («所需资金52万元从…列支»). */
const ASKS_MONEY_SOURCE = /(钱|资金|经费|费用).{0,3}(从哪|哪来|哪出|哪里来|哪儿来|来源|出处|谁出)/;

export function askedFact(question: string): AskedFact {
  if (ASKS_STAGES.test(question)) return "stages";
  if (ASKS_MONEY_SOURCE.test(question)) return "amount";
  // «两个方案分别要投资多少» asks a figure of each, not a list.
  if (ASKS_LIST.test(question) && !EACH_FIGURE.test(question)) return "none";
  // «从哪天开始»: a day, which a year alone («2024年春运») does not give.
  if (ASKS_DAY.test(question)) return "day";
  // «要关门多久», «多长时间内报告»: a span of time, which a date or a year («2022年至2024年») does not give.
  if (ASKS_DURATION.test(question)) return "duration";
  if (ASKS_ORDINAL.test(question)) return "ordinal";
  const bare = !QUESTION_WORD.test(question);
  if (ASKS_TIME.test(question) || (bare && ENDS_TIME.test(question))) return "time";
  const asked = ASKS_NUMBER.exec(question);
  if (asked || (bare && ENDS_NUMBER.test(question))) {
    // «多少业主», «几所学校»: what is counted follows the question word; money named elsewhere («电梯补助») is the topic.
    const counted = asked ? question.slice(asked.index + asked[0].length).replace(/^[个位名]/, "") : "";
    if (asked && /^[\p{Script=Han}]/u.test(counted) && !/^[钱元块万亿资经费补投]/.test(counted)) return "number";
    return ASKS_MONEY.test(question) ? "amount" : "number";
  }
  return "none";
}

/**
 * An era or stage («清代», «唐朝», «白垩纪中期», «前期») answers «什么时候» of an article, not of a meeting:
 * there «前期物业», «代表», «现代化» are no time. Removed before a meeting record's sentence is read for one.
 */
const ERA = /[\p{Script=Han}]?(?:朝|代|纪|年间|时期|[早中晚末初后前]期)/gu;

/** True when a text states the kind of fact asked for; `meeting` reads a meeting record's dates and deadlines only. */
export function statesFact(raw: string, fact: AskedFact, meeting = false): boolean {
  // Units and numerals in traditional characters («72小時») read as simplified.
  const text = meeting && fact === "time" ? toSimplified(raw).replace(ERA, " ") : toSimplified(raw);
  if (fact === "day") return DAY.test(text);
  if (fact === "amount") return AMOUNT.test(text);
  if (fact === "stages") return STAGES.test(text);
  // «第二十六次会议», «第三条»: an ordinal names which one, it counts nothing.
  if (fact === "number") return NUMBER.test(text.replace(IDIOM_COUNT, " ").replace(ORDINAL_WORD, " "));
  if (fact === "ordinal") return ORDINAL.test(text);
  if (fact === "time") return TIME.test(text);
  if (fact === "duration") return DURATION.test(text);
  return false;
}

/**
 * Selects the sentences of the top passages that answer the question, best
 * first. A sentence is scored by how much of the question (rarity-weighted,
 * soft: synonyms, compounds, bigrams) it covers, what its neighbours cover
 * (the question's words are often in the sentence before the answer), the
 * passage's retrieval rank and, when the question asks for a figure or a
 * time, whether the sentence states one. `scope` holds the question's words
 * that name a meeting: within a meeting record they do not rank its sentences.
 */
export function selectSentences(
  retriever: Retriever,
  aq: AnalyzedQuery,
  hits: RankedPassage[],
  access: Access,
  prefer: { minutesId: string | null; ordinal: number | null } | null = null,
  scope: readonly string[] = [],
): EvidenceSentence[] {
  const top = hits[0]?.score ?? 0;
  const fact = askedFact(aq.raw);
  const { words, grams } = retriever.weightedTerms(aq, access);
  const lexicon = retriever.lexicon;
  const read = hits.slice(0, READ_PASSAGES).map((hit) => ({ hit, spans: sentenceSpans(hit.minutes.text, hit.passage.start, hit.passage.end) }));
  // What each sentence holds of each term, once; a term only in the heading path (the item's title) counts in part.
  const rows = read.flatMap(({ hit, spans }) => {
    const heading = fold(hit.passage.context);
    const inHeading = words.map((t) => HEADING_SHARE * termPresence(t.word, heading, lexicon));
    const gramsInHeading = grams.map((t) => (heading.includes(t.gram) ? HEADING_SHARE : 0));
    return spans.map(([s, e]) => {
      const hay = fold(hit.minutes.text.slice(s, e));
      // A case's 說明 and 決議 stand under its 案由 as an item's clauses under its title («決議：…租期由三年延長為六年»).
      const head = caseOf({ hit, start: s, end: e, coverage: 0, score: 0 });
      const under = head && head.end <= s ? fold(head.text) : "";
      return {
        hit,
        s,
        e,
        w: words.map((t, i) => Math.max(termPresence(t.word, hay, lexicon), inHeading[i], under ? HEADING_SHARE * termPresence(t.word, under, lexicon) : 0)),
        g: grams.map((t, i): number => (hay.includes(t.gram) ? 1 : under.includes(t.gram) ? HEADING_SHARE : gramsInHeading[i])),
      };
    });
  });
  // A term in most of the sentences read (the article's subject, named everywhere) tells them apart less than one in a few.
  const local = (present: (r: (typeof rows)[number]) => number) => Math.log(1 + rows.length / (1 + rows.reduce((n, r) => n + (present(r) > 0 ? 1 : 0), 0)));
  const wLocal = words.map((t, i) => t.weight * local((r) => r.w[i]));
  const gLocal = grams.map((t, i) => t.weight * local((r) => r.g[i]));
  // The words naming the meeting («葭川», «第十四次») and those of a meeting record's title («…人大常委会第十九次会议
  // 闭幕») chose the record: they tell its sentences apart by where its opening repeats them, not by what answers.
  // A document's or an article's place is part of the names it cites («《南屿市户外广告管理暂行规定》»): kept there.
  const naming = (term: string) => scope.some((w) => w.includes(term));
  const named = scope.length ? new Set(scope) : undefined;
  const weighing = (off: (term: string) => boolean) => {
    const wl = words.map((t, i) => (off(t.word) ? 0 : wLocal[i]));
    const gl = grams.map((t, i) => (off(t.gram) ? 0 : gLocal[i]));
    return { wl, gl, wTotal: wl.reduce((a, b) => a + b, 0), gTotal: gl.reduce((a, b) => a + b, 0) };
  };
  const plain = weighing(() => false);
  const byRecord = new Map<string, ReturnType<typeof weighing>>();
  const weightsOf = (m: RankedPassage["minutes"]) => {
    if (m.reading !== "meeting") return plain;
    let w = byRecord.get(m.id);
    if (!w) {
      const title = fold(m.title);
      w = weighing((term) => naming(term) || (term.length >= 2 && title.includes(term)));
      byRecord.set(m.id, w);
    }
    return w;
  };
  const own = rows.map((r) => {
    const { wl, gl, wTotal, gTotal } = weightsOf(r.hit.minutes);
    const w = wTotal ? r.w.reduce((n, p, i) => n + p * wl[i], 0) / wTotal : 0;
    const g = gTotal ? r.g.reduce((n, p, i) => n + p * gl[i], 0) / gTotal : 0;
    return (w + g) / 2;
  });
  const out: EvidenceSentence[] = [];
  let at = 0;
  for (const { hit, spans } of read) {
    const rank = top > 0 ? hit.score / top : 0;
    // The record and item a conversation is about.
    const talk = prefer && prefer.minutesId === hit.minutes.id ? (prefer.ordinal !== null && prefer.ordinal === hit.passage.itemOrdinal ? 0.2 : 0.1) : 0;
    spans.forEach(([s, e], i) => {
      const mine = own[at + i];
      const around = Math.max(own[at + i - 1] ?? 0, own[at + i + 1] ?? 0) * (spans.length > 1 ? 1 : 0);
      const sentence = hit.minutes.text.slice(s, e);
      const global = supportOf(retriever, aq, sentence, access, hit.minutes.reading === "meeting" ? named : undefined);
      // Weights measured on CMRC 2018 and DRCD (README «Answers»); the local term weighting tells apart the sentences of one article.
      const score =
        0.4 * mine + 0.3 * global + 0.1 * around + 0.2 * rank + (fact !== "none" && statesFact(sentence, fact) ? (fact === "stages" ? 0.3 : 0.1) : 0) + talk;
      out.push({ hit, start: s, end: e, coverage: mine, score });
    });
    at += spans.length;
  }
  return out.sort((a, b) => b.score - a.score || a.start - b.start);
}

/** A sentence with the ones before and after it: the question's words are often in a neighbour of the answer. */
export function windowText(text: string, spans: [number, number][], i: number): string {
  return text.slice(spans[Math.max(0, i - 1)][0], spans[Math.min(spans.length - 1, i + 1)][1]);
}

/** The words of a selected sentence, as the record writes them. */
export function sentenceText(s: EvidenceSentence): string {
  return s.hit.minutes.text.slice(s.start, s.end);
}

/** The text support is measured on: the sentence, its neighbours in its passage, and the passage's heading path. */
export function supportText(s: EvidenceSentence): string {
  const text = s.hit.minutes.text;
  const spans = sentenceSpans(text, s.hit.passage.start, s.hit.passage.end);
  const i = spans.findIndex(([a, b]) => a === s.start && b === s.end);
  return `${s.hit.passage.context}${unnamedIssuer(s.hit.minutes)}${unnamedPlace(s.hit.minutes)}${caseHead(s)} ${i >= 0 ? windowText(text, spans, i) : text.slice(s.start, s.end)}`;
}

/**
 * The 案由 of the case a sentence stands in («第二案…案由：「…騎樓整平計畫」第二期…»): its 說明 and 決議 do not
 * repeat what the case is about, as an item's clauses do not repeat its title.
 */
function caseHead(s: EvidenceSentence): string {
  const head = caseOf(s);
  return head && head.end <= s.start ? ` ${head.text}` : "";
}

/** The 案由 section of the case a sentence stands in (or is), where an item decides cases one by one. */
export function caseOf(s: EvidenceSentence): Section | undefined {
  const it = s.hit.passage.itemOrdinal ? s.hit.minutes.items[s.hit.passage.itemOrdinal - 1] : undefined;
  return it?.sections.filter((x) => x.lead === "案由" && x.start <= s.start).pop();
}

/** «三期», «二季度», «第二批»: a number the question names with its measure (meetings, dates and years are the meeting scope's). */
const NAMED_NUMBER = /(?:第)?([0-9]+|[一二三四五六七八九十百]+)(期|季度|批|阶段|轮)/g;

/**
 * The numbers and seasons a question names that `text` does not: «三期» asked, «二期» written; «秋冬季» asked,
 * only «春季» written. The heading the text stands under says what it is about: «二季度» asked of a passage under
 * «一季度经济运行情况» is missing even where a sentence mentions an 二季度 target.
 */
export function missingNumbers(question: string, text: string, heading = "", sentence = ""): string[] {
  const hay = text.replace(/\s+/g, "");
  const head = heading.replace(/\s+/g, "");
  const own = sentence.replace(/\s+/g, "");
  const out: string[] = [];
  for (const m of question.matchAll(NAMED_NUMBER)) {
    if (/^[几多]/.test(m[1])) continue;
    const n = /^[0-9]+$/.test(m[1]) ? Number(m[1]) : chineseToNumber(m[1]);
    const forms = [m[1], String(n), arabicToChinese(n)].map((f) => `${f}${m[2]}`);
    const other = (t: string) => [...t.matchAll(NAMED_NUMBER)].some((h) => h[2] === m[2] && !forms.includes(`${h[1]}${h[2]}`));
    // «二期要改造多少公里» answered under «关于…二期工程» by «一期工程已完成管网改造38公里»: the sentence's own number is another.
    const otherHere = (t: string) => other(t) && !forms.some((f) => t.includes(f));
    if (!forms.some((f) => hay.includes(f)) || otherHere(head) || otherHere(own)) out.push(m[0]);
  }
  // «秋冬季森林防火经费» asked, a 春季 meeting's fund written: a season the text names, none of them the asked one.
  const asked = [...question.matchAll(SEASON)].map((m) => m[0]);
  const written = new Set([...hay.matchAll(SEASON)].flatMap((m) => [...seasonsOf(m[0])]));
  for (const a of asked) if (written.size && ![...seasonsOf(a)].some((c) => written.has(c))) out.push(a);
  return out;
}

/** «2026年», «2025—2027年»: the years a text names, a span counting every year in it. */
function yearsIn(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(/((?:19|20)\d{2})(?:年?\s*[—–\-~～至到]\s*((?:19|20)\d{2}))?年/g)) {
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    for (let y = from; y <= Math.min(to, from + 20); y++) out.add(y);
  }
  return out;
}

/**
 * A year a question asks a figure or date of («2026年要完成多少个») when the quotes name other years and not it
 * («其中2025年完成42个»; «到2027年底…»): another year's figure is not the one asked. The years of the record's own
 * meeting or issue name the record, not the figure, and a quote saying «今年», «明年» or «去年» may mean it: neither counts.
 */
export function missingYear(question: string, quotes: string, recordYears: readonly number[] = []): string | null {
  const asked = [...question.matchAll(/((?:19|20)\d{2})年(?!\d{1,2}月\d{1,2}[日号])/g)].map((m) => Number(m[1]));
  if (!asked.length || /今年|明年|去年|前年|当年|同年|次年|翌年|本年|上年/.test(quotes)) return null;
  const written = yearsIn(quotes);
  if (!written.size) return null;
  const y = asked.find((a) => !written.has(a) && !recordYears.includes(a));
  return y === undefined ? null : `${y}年`;
}

/** Years named relative to the record's: «去年» is one before «今年». */
const RELATIVE_YEAR: Record<string, number> = {
  前年: -2,
  去年: -1,
  上年: -1,
  上一年: -1,
  过去一年: -1,
  过去的一年: -1,
  今年: 0,
  本年: 0,
  当年: 0,
  明年: 1,
  次年: 1,
  下一年: 1,
};
/** Any of them, longest first («过去的一年» before «一年», «上一年» before «上年»). */
const RELATIVE_YEARS = new RegExp(
  Object.keys(RELATIVE_YEAR)
    .sort((a, b) => b.length - a.length)
    .join("|"),
  "g",
);

/**
 * A year asked relative to the record («去年全年一共使用了多少人次») where the quotes name only another
 * («本年1至7月累计使用约212万人次»): that year's figure is not the one asked. Null when either names none, or the
 * quotes name one of the years asked.
 */
export function missingRelativeYear(question: string, quotes: string): string | null {
  const offsets = (t: string) => new Set([...t.matchAll(RELATIVE_YEARS)].map((m) => RELATIVE_YEAR[m[0]] ?? 0));
  const asked = [...question.matchAll(RELATIVE_YEARS)].map((m) => m[0]);
  if (!asked.length) return null;
  const written = offsets(quotes);
  if (!written.size) return null;
  // «从今年10月推迟到明年春节后» names two years: one of them written is enough.
  return asked.some((a) => written.has(RELATIVE_YEAR[a] ?? 0)) ? null : asked[0];
}

/** «下次会议», «下一次», «下回»: the meeting after the one recorded. */
export const NEXT_MEETING = /下一?次|下回|下一届/;

/**
 * True when a question asks about the next meeting («下一次全体会议什么时候开») and the quotes never speak of one
 * («下次會議定於…», «再次召开», «另行召开»): this meeting's date is not the next one's.
 */
export function missingNext(question: string, quotes: string): boolean {
  return NEXT_MEETING.test(question) && /会|开/.test(question) && !/下一?次|下回|下一届|再次|另行|择期|下阶段/.test(quotes);
}

/** An administrative level money or a body comes from: «省级补助», «县级财政», «中央资金». */
const LEVEL = /中央|国家级|省级|市级|县级|区级|乡镇级|镇级|乡级|村级/g;

/**
 * The level a question names («省级补助有多少») when `text` names only others («县级财政安排…»): another
 * level's figure is not the one asked. Null when the question names none or the text names it or none.
 */
export function missingLevel(question: string, text: string): string | null {
  const asked = [...new Set(question.match(LEVEL) ?? [])];
  if (!asked.length) return null;
  const written = new Set(text.match(LEVEL) ?? []);
  if (!written.size) return null;
  return asked.find((l) => !written.has(l)) ?? null;
}

/** A figure a question states as given («降到60岁», «每孩发5000元»): its value and its unit. */
const STATED_FIGURE = /(?<![0-9.第])([0-9]+(?:\.[0-9]+)?)\s*(周岁|岁|万元|亿元|元|万|亿|公里|平方米|米|亩|吨|户|人|台|辆|所|家|个|%|％)/g;
const SAME_UNIT: Record<string, string> = { 周岁: "岁", 万元: "万", 亿元: "亿", "％": "%" };
const unitKey = (u: string) => SAME_UNIT[u] ?? u;

/**
 * A figure the question states («…把老年人免费坐公交的年龄降到60岁») where the quotes state another of the same unit
 * and not it («由70周岁调整为65周岁»): the record decided another value, so it does not answer what was asked.
 * Null when the quotes state it, or no figure of its unit.
 */
export function missingFigure(question: string, quotes: string): string | null {
  const written = [...quotes.replace(/[,，](?=\d{3})/g, "").matchAll(STATED_FIGURE)].map((m) => ({ v: Number(m[1]), u: unitKey(m[2]) }));
  for (const m of question.matchAll(STATED_FIGURE)) {
    const v = Number(m[1]);
    const u = unitKey(m[2]);
    const same = written.filter((w) => w.u === u);
    if (same.length && !same.some((w) => w.v === v)) return m[0];
  }
  return null;
}

/** «澜山市长是谁», «谁是副县长»: a post asked for by who holds it. */
const ASKS_HOLDER =
  /((?:常务)?副?)(省长|市长|县长|区长|镇长|乡长|局长|厅长|主任|书记|主席)是谁|谁是((?:常务)?副?)(省长|市长|县长|区长|镇长|乡长|局长|厅长|主任|书记|主席)/;

/**
 * The post a «…是谁» question asks about when the text does not name it as
 * asked: «市长» is not the «副市长» of «常务副市长赵立群» (nor is a title line
 * without any post an answer). Null when the question asks no holder or the text names the post.
 */
export function missingPost(question: string, text: string): string | null {
  const m = ASKS_HOLDER.exec(question);
  if (!m) return null;
  const deputy = m[1] ?? m[3] ?? "";
  const post = m[2] ?? m[4];
  const asked = `${deputy}${post}`;
  // Without «副» asked, a «副…» or «常务副…» in front of the post is another post.
  const named = deputy ? text.includes(asked) : new RegExp(`(?<!副)${post}`).test(text);
  return named ? null : asked;
}

/** A season named as one: «春季», «秋冬季», «冬春季节», «夏天», «今夏». */
const SEASON = /(?:今|去|明)?([春夏秋冬]{1,2})(?:季节|季|天)|今([春夏秋冬])/g;

function seasonsOf(phrase: string): string {
  return phrase.replace(/[^春夏秋冬]/g, "");
}

function arabicToChinese(n: number): string {
  const d = "零一二三四五六七八九";
  if (n < 10) return d[n];
  if (n < 20) return `十${n % 10 ? d[n % 10] : ""}`;
  if (n < 100) return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ""}`;
  return String(n);
}

/** True when two sentences are the same text of the same record (a passage may overlap another). */
export function sameSentence(a: EvidenceSentence, b: EvidenceSentence): boolean {
  return a.hit.minutes.id === b.hit.minutes.id && a.start < b.end && b.start < a.end;
}
