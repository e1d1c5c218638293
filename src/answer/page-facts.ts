import { fold } from "../index/tokenize.js";
import { bodyEnd } from "../minutes/parse.js";
import type { Minutes } from "../minutes/schema.js";

/**
 * What a page's publication rows say (kept after a record's text: «发布时间：2025-04-18 17:32　来源：县政府办公室
 * 浏览次数：1286», «责任编辑：莫小倩»), asked of the page itself: when it was posted, from where, by whom, how often read.
 */
const FACTS: readonly { fact: string; asked: RegExp; keys: string }[] = [
  {
    fact: "posted", // 发布时间
    // When: «新闻发布会说了什么» asks the press conference, «发布了哪些政策» what was announced.
    asked:
      /(?:发布(?!会)|发表|挂网|挂到网|挂在网|上网|发到网|放到网|推送|刊发|登出|上线).{0,8}(?:哪天|几号|几点|什么时候|啥时候|何时|时间|日期|哪一天)|(?:哪天|几号|几点|什么时候|啥时候|何时|哪一天).{0,8}(?:发布(?!会)|发表|挂网|挂到网|挂在网|上网|发到网|放到网|推送|刊发|登出|上线)/,
    // A bare «时间：» among the page's facts («来源：…　时间：…　点击：…») is its posting time; a meeting's own «时间：»
    // field is in the body, which is never read here.
    keys: "发布时间|发布日期|发表时间|时间|日期",
  },
  { fact: "source", asked: /来源|出处|转载自|转自/, keys: "信息来源|稿件来源|文章来源|来源" },
  { fact: "author", asked: /作者|谁写的|撰稿|执笔/, keys: "作者|撰稿|文" },
  { fact: "editor", asked: /编辑|责编/, keys: "责任编辑|责编|编辑" },
  { fact: "review", asked: /审核|终审|审校/, keys: "终审|审核|审校" },
  { fact: "views", asked: /点击|浏览|阅读量|阅读数|阅读次数|多少人看|看过/, keys: "点击数|点击量|点击|浏览次数|浏览量|浏览|阅读次数|阅读量|阅读" },
];

/** The page asked about, not what it reports: «这篇新闻», «那篇报道», «这条推文». */
const THE_PAGE = /这篇|那篇|该篇|本篇|这条|那条|新闻(?!发布会|发言人|办)|报道|稿子|稿件|文章|网页|页面|网站|公众号|推文|帖子/;
/** Asked of nothing but a page («责任编辑是谁», «点击数多少»). */
const PAGE_ONLY = /责任编辑|责编|点击数|点击量|浏览次数|浏览量|阅读量|阅读次数/;

/** The publication fact a question asks of the page, or null (a «审核» of applications is no page's reviewer). */
export function pageFactAsked(question: string): (typeof FACTS)[number] | null {
  const q = fold(question);
  if (!THE_PAGE.test(q) && !PAGE_ONLY.test(q)) return null;
  return FACTS.find((f) => f.asked.test(q)) ?? null;
}

/** Every key of the table: a value folded against the next key («2025-09-27来源：…») ends where it starts. */
const ANY_KEY = FACTS.map((f) => f.keys).join("|");

/**
 * Where a record's publication rows (kept after its body) write the fact, key and value («浏览次数：1286»), on a row
 * of its own or among others on it; null when none does. The body is never read: «资金来源：» is no page's source.
 */
export function pageFactSpan(m: Minutes, asked: (typeof FACTS)[number]): { start: number; end: number } | null {
  const from = bodyEnd(m);
  const re = new RegExp(
    `(?:${asked.keys})\\s*[:：]\\s*[^\\s\\u3000】\\])）]+?(?:[ \\u3000]\\d{1,2}:\\d{2}(?::\\d{2})?)?(?=(?:${ANY_KEY})\\s*[:：]|[\\s\\u3000】\\])）]|$)`,
    "gu",
  );
  const hit = [...m.text.slice(from).matchAll(re)].at(-1);
  return hit ? { start: from + hit.index, end: from + hit.index + hit[0].length } : null;
}
