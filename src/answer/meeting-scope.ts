import { NOT_PLACE, placesOf, TOWN_WORD } from "../index/places.js";
import { bodyEnd } from "../minutes/parse.js";
import { fold, guessedGlue, tagged } from "../index/tokenize.js";
import { chineseToNumber } from "../minutes/numerals.js";
import type { Minutes } from "../minutes/schema.js";
import type { AnalyzedQuery } from "../retrieval/query.js";

/**
 * The meeting a question names (by place or issuer, number, session, date,
 * year or kind of meeting) and the records it may be answered from.
 */
export interface MeetingScope {
  /** True when the question names a meeting: answers come only from `minutes`. */
  named: boolean;
  /** How the question names it («南京市政府第1号»), for a refusal. */
  phrase: string;
  /** The question's words that name the meeting: not part of its subject. */
  words: string[];
  /** The records that match everything the question names (all visible ones when it names nothing). */
  minutes: Minutes[];
  /** True when the question names several meetings («第27次和第28次»), each to be answered. */
  several: boolean;
}

/** «南京市政府», «栖云县常务会议», «太仓市第1号»: a place followed by what shows it names a meeting or its issuer. */
const PLACE =
  /([\p{Script=Han}]{2,4}?)(省|市|县|区|镇|乡|街道)(?=(人民)?政府|常务会|办公会|专题会|第\s*[0-9一二三四五六七八九十]+\s*[号次]|\d{4}\s*年第|纪要|会议|召开|那次|的会)/gu;
/** The kind of meeting a question names: 常务会议, 县长办公会, 专题会议. */
const KIND = /(常务|办公|专题|协调|推进|主任|党组)会(议)?/;
/**
 * «第1号纪要», «第8次常务会议»: a number names a meeting only beside a word for one
 * («第二次中山十景的评选活动», «第五次围剿» name none, and must never be refused as an absent meeting).
 */
const NUMBER =
  /第\s*([0-9]+|[一二三四五六七八九十]+)\s*号(?=[^，。？?！!；;]{0,8}?(?:纪要|会议|会|文件))|[〔［[【]\s*(?:19|20)\d{2}\s*[〕］\]】]\s*第?\s*\d{1,4}\s*[号期]/;
const SESSION_CHAIN =
  /(?:第\s*(?:[0-9]+|[一二三四五六七八九十]+)\s*次\s*(?:和|与|及|、|以及|跟)\s*)+第?\s*(?:[0-9]+|[一二三四五六七八九十]+)\s*次(?=[^，。？?！!；;]{0,6}?(?:会|纪要))/;
const SESSION = /(?:第|届)\s*([0-9]+|[一二三四五六七八九十]+)\s*次(?=[^，。？?！!；;]{0,6}?(?:会|纪要))/;
/** A date that names a meeting («3月5日那次», «2022年1月21日的会议», «2019年的常务会议»), not a deadline («3月15日前完成»). */
const DATE =
  /((\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}-\d{1,2}-\d{1,2}|(?<!\d)(19|20)\d{2}\s*年)(?=\s*(那次|那天|的会|会议|召开|开的|开会|的常务|常务|办公|专题|第|纪要|的纪要))/;

/** What a record is called and by whom: where a place or kind of meeting the question names must occur. */
const NAMES_PLACE = /[\p{Script=Han}]{2,4}?(省|市|县|区|镇|乡|街道)/u;
const identities = new WeakMap<Minutes, string>();
/** How much of a record's end its signature may take. */
const SIGNATURE_CHARS = 120;
/**
 * A record's title, issuer, meeting and body; its opening and closing words only when none
 * of those names a place (a report titled «县政府召开第八次常务会议»): 太仓's
 * minutes mention 苏州市 in passing without being 苏州's.
 */
function identity(m: Minutes): string {
  let id = identities.get(m);
  if (id === undefined) {
    const own = fold(`${m.title} ${m.issuer ?? ""} ${m.meeting.name ?? ""} ${m.meeting.body ?? ""} ${m.kind}`);
    // With no place in its head, a record is placed by its opening words and by the office that signs its closing («沅西县人民政府办公室»).
    id = NAMES_PLACE.test(own.replace(/^(市|县|区)/, "").replace(/\s(市|县|区)/g, " "))
      ? own
      : `${own} ${fold(m.text.slice(0, 400))} ${fold(m.text.slice(Math.max(0, bodyEnd(m) - SIGNATURE_CHARS), bodyEnd(m)))}`;
    identities.set(m, id);
  }
  return id;
}

const placeSets = new WeakMap<readonly Minutes[], Set<string>>();
/** The places of `all`, once per list (the answerer passes the same list of visible records for every question). */
function archivePlaces(all: readonly Minutes[]): Set<string> {
  let out = placeSets.get(all);
  if (!out) {
    out = new Set<string>();
    for (const m of all) for (const p of placesOf(m)) out.add(p);
    placeSets.set(all, out);
  }
  return out;
}

/** A question's words with where they stand in it. */
function tokensAt(q: string): { word: string; tag: string; start: number; end: number }[] {
  let at = 0;
  return tagged(q).map((t) => {
    const start = q.indexOf(t.word, at);
    at = start < 0 ? at : start + t.word.length;
    return { ...t, start, end: at };
  });
}

/** Tags of a word that can be (part of) a place name: places, names, words the dictionary lacks, bound morphemes. */
const NAME_TAG = /^(ns|nr|nrt|nrfg|nz|nt|x|j|zg|vg|g|ng)$/;
/** Characters that end place names («…州», «…阳», «…江»), not «城» of «城区», «城市» (measured: «棣川城区» read as a place «川城»). */
const PLACE_FINAL = /[州阳江川湖海河溪宁安平原浦港岭峰林泽塘坪桥滩沟陵源]/;
/** The tags of a lone character that can only belong to a name («荪», «楮»: bound morphemes, unknown, a surname). */
const LONE_NAME_TAG = /^(zg|g|ng|nr|x|j|ns)$/;
/** One character that frames a sentence («向县政府申请», «是南屿市»): never the start of a place. */
const FRAMING_CHAR_TAG = /^(p|u[a-z]*|c|r|d|m|q|y|e|o|f|v)$/;

/**
 * The place name standing right before the 市/县/区 at `suffix` of `q`
 * («南屿» of «办法是南屿市人民政府令»), or null where the characters before it
 * are no name («向县政府», «什么时候报市政府»). Whole words only, and a word
 * of two or more characters only when the cutter reads it as a name or the
 * archive names it (`known`).
 */
function placeBefore(q: string, tokens: () => ReturnType<typeof tokensAt>, suffix: number, known: (name: string) => boolean): string | null {
  if (TOWN_WORD.test(q.slice(Math.max(0, suffix - 1), suffix + 1))) return null;
  const toks = tokens();
  const host = toks.find((t) => t.start < suffix && suffix < t.end);
  // «城市规划», «智慧城市», «农贸市场»: a 市 inside a common word is no place's; a place name ends at it («鹤浦市», «湾区»).
  // «荪|州市», «楮|阳县»: a place the dictionary lacks, its last character taken into a common word with the 市, after a
  // lone character that can only be a name's.
  const lone = host ? toks.find((t) => t.end === host.start) : undefined;
  const split = Boolean(
    host &&
      lone &&
      host.end === suffix + 1 &&
      host.word.length === 2 &&
      PLACE_FINAL.test(host.word[0]) &&
      lone.word.length === 1 &&
      LONE_NAME_TAG.test(lone.tag),
  );
  if (host && (host.end !== suffix + 1 || !NAME_TAG.test(host.tag)) && !split) return null;
  // «市场», «区域», «县城» begin with the character; «县政府», «市委», «市长» and a lone «市» follow a place.
  const next = toks.find((t) => t.start === suffix);
  if (!host && next && next.word.length > 1 && !/^[省市县区镇乡](?:人民)?(?:政府|委|长|人大|政协|常务|属|务|议会)/.test(next.word)) return null;
  let start = host ? host.start : suffix;
  let k = toks.findIndex((t) => t.end === start);
  while (suffix - start < 2 && k >= 0) {
    const t = toks[k];
    if (t.end !== start) break;
    // «报给|县委»: a pair the cutter guessed that is glue («报» and «给») names no place.
    const fits = t.word.length === 1 ? !FRAMING_CHAR_TAG.test(t.tag) : (NAME_TAG.test(t.tag) && !guessedGlue(t.word, t.tag)) || known(t.word);
    if (!fits) return null;
    start = t.start;
    k--;
  }
  // «2022年南屏县» cut «年南|屏县»: a date's 年/月/日 is no part of the name after it.
  if (/^[年月日号]/.test(q.slice(start, suffix)) && /[0-9〇零一二三四五六七八九十]/.test(q[start - 1] ?? "")) start++;
  let name = q.slice(start, suffix);
  // «对樟湖» cut as one unknown word: a preposition before a place the archive names is no part of it.
  if (name.length >= 3 && /^[对向在和与把从给为由是到将被跟同]/.test(name) && !known(name) && known(name.slice(1))) name = name.slice(1);
  return name.length >= 2 && name.length <= 4 && !NOT_PLACE.test(name) && !/政府|人民|常务|会议/.test(name) ? name : null;
}

/** «宁海县…»: a place with its 省/市/县/区 that the question names anywhere, even beside no meeting word. */
const ANY_PLACE = /(?<=[\p{Script=Han}])(省|市|县|区|镇|乡)/gu;

/**
 * The meeting `aq` names among `all` (the records the caller may see).
 * `mentioned` tells whether the archive writes a name anywhere (in any
 * visible record's text): a place the question names with its 市/县/区 that
 * no record mentions is a place the archive does not cover, and is refused.
 */
export function meetingScope(aq: AnalyzedQuery, all: readonly Minutes[], mentioned: (name: string) => boolean = () => true): MeetingScope {
  // A year, number or place inside a title or brackets («《…方案（2019—2021年）》») names the document, not the meeting.
  const q = fold(aq.raw).replace(/《[^》]*》|“[^”]*”|"[^"]*"|\([^)]*\)|「[^」]*」/g, (m) => " ".repeat(m.length));
  const words: string[] = [];
  let minutes = [...all];
  const narrow = (word: string, keep: (m: Minutes) => boolean) => {
    words.push(word);
    minutes = minutes.filter(keep);
  };
  // The question is tagged only when it writes a 市/县/区 at all.
  let toks: ReturnType<typeof tokensAt> | undefined;
  const tokens = () => (toks ??= tokensAt(q));
  const known = (name: string) => archivePlaces(all).has(name);
  for (const m of q.matchAll(PLACE)) {
    const place = placeBefore(q, tokens, (m.index ?? 0) + m[1].length, known);
    if (place) narrow(`${place}${m[2]}`, (r) => identity(r).includes(place));
  }
  for (const m of q.matchAll(ANY_PLACE)) {
    // «苇川副市长»: the 副 of a post stands between the place and its 市.
    const at = m.index ?? 0;
    const place = placeBefore(q, tokens, q[at - 1] === "副" && q[at + 1] === "长" ? at - 1 : at, known);
    if (!place || words.some((w) => w.includes(place)) || known(place)) continue;
    // A record placed by its page's 来源 line names its place nowhere in its text («来源：望川市人民政府»).
    if (!mentioned(place)) narrow(`${place}${m[1]}`, () => false);
    // «竹岙镇…» of a meeting record with no title, placed only by its opening sentence: that record, when one is.
    // Plain text (an article, not a meeting) stays: it names places anywhere (DRCD −0.4 when it did not).
    else if (minutes.some((r) => r.reading !== "text" && identity(r).includes(place)))
      narrow(`${place}${m[1]}`, (r) => r.reading === "text" || identity(r).includes(place));
  }
  // «太仓常务会议…»: a place the archive's records name, written without 市/县/区.
  for (const place of archivePlaces(all)) {
    if (q.includes(place) && !words.some((w) => w.includes(place))) narrow(place, (r) => identity(r).includes(place));
  }
  const kind = KIND.exec(q);
  // «…是哪次常务会议审议通过的» asks which meeting: the kind is what is asked, not a scope.
  if (kind && !/(?:哪|什么|几)[一]?[次个场届]?$/.test(q.slice(0, kind.index))) narrow(kind[0], (r) => identity(r).includes(kind[1]));
  const said = (re: RegExp) => re.exec(q)?.[0] ?? null;
  const number = said(NUMBER),
    session = said(SESSION),
    date = said(DATE);
  if (aq.minutesNumber !== null && number) narrow(number, (r) => r.number === aq.minutesNumber);
  // «第27次和第28次常务会议»: every session of the chain is named.
  const chain = SESSION_CHAIN.exec(q);
  if (chain) {
    const sessions = new Set([...chain[0].matchAll(/([0-9]+|[一二三四五六七八九十]+)\s*次/g)].map((x) => chineseToNumber(x[1])));
    narrow(chain[0], (r) => r.meeting.session !== null && sessions.has(r.meeting.session));
  } else {
    const sessionNumber = aq.session ?? (session ? chineseToNumber(SESSION.exec(q)![1]) : null);
    if (sessionNumber !== null && session) narrow(session, (r) => r.meeting.session === sessionNumber);
  }
  if (aq.date && date) narrow(date, (r) => Boolean(r.meeting.date && (r.meeting.date === aq.date || r.meeting.date.endsWith(aq.date!.slice(2)))));
  else if (aq.year !== null && date) narrow(date, (r) => r.year === aq.year || (r.meeting.date ?? "").startsWith(String(aq.year)));
  const named = words.length > 0;
  // «南京市政府第1号纪要»: the words as the question writes them, from the first to the last.
  const at = words
    .filter(Boolean)
    .map((w) => [q.indexOf(w), q.indexOf(w) + w.length])
    .filter(([a]) => a >= 0);
  const from = Math.min(...at.map(([a]) => a)),
    to = Math.max(...at.map(([, b]) => b));
  const phrase = at.length && to - from <= 24 ? aq.raw.trim().slice(from, to) : words.filter(Boolean).join("");
  return { named, phrase, words: words.filter(Boolean), minutes: named ? minutes : [...all], several: Boolean(chain) };
}
