/**
 * Page furniture that comes along when a report is copied from a government
 * portal: breadcrumbs, font-size switches, print/close links, share bars,
 * previous/next links, comment counters, ICP and 公网安备 lines, bylines,
 * view counters, e-paper page labels, section tabs and the 政府信息公开
 * metadata table. Such lines are dropped before parsing, so they never become
 * a passage or a quote; the publication date and the disclosure mode
 * (公开方式) they carry are kept as facts about the file.
 */
import { toSimplified } from "../text/script.js";

/** What one dropped line said about the page. */
export interface PageFacts {
  /** ISO date from «发布日期/发布时间/成文日期» or a bare timestamp line. */
  published: string | null;
  /** From «公开方式：主动公开» (public) or «不予公开/依申请公开» (internal). */
  disclosure: "public" | "internal" | null;
  /** The body a page names as its source or publisher («来源：桐溪区人民政府办公室»). */
  publisher: string | null;
}

const META_KEYS =
  "索引号|发布机构|发文机关|发文单位|公开方式|公开范围|公开时限|公开形式|主题分类|组配分类|体裁分类|服务对象分类|信息分类|分类|文号|成文日期|发文日期|发布日期|发布时间|生成日期|有效性|时效|信息来源|来源|作者|编辑|责任编辑|责编|审核|审校|校对|点击|浏览|阅读|访问量|点击数|浏览次数|阅读次数|字号|字体";
const META_LINE = new RegExp(`^[【\\[(（]?(?:${META_KEYS})\\s*[:：]`);
const META_COUNT = new RegExp(`(?:${META_KEYS})\\s*[:：]`, "g");

const FURNITURE: RegExp[] = [
  /^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置|位置)\s*[:：]/,
  /^首页\s*(?:[>＞»›/|]|&gt;)/,
  /(?:[>＞»›]\s*[^>＞»›]{1,12}\s*){2,}$/,
  /[【[]?\s*(?:字体|字号)\s*[:：]?\s*[【[]?\s*大\s*[】\]]?\s*[【[]?\s*中\s*[】\]]?\s*[【[]?\s*小/,
  /打印本页|关闭窗口|打印本文|关闭本页|[【[](?:打印|关闭|收藏|返回顶部)[】\]]|保存本页|收藏本页|返回顶部|返回首页|扫一扫在手机|手机扫码|在手机上打开|视力保护色/,
  /^分享(?:到|至)?\s*[:：]/,
  /^(?:上一篇|下一篇|上一条|下一条|上一页|下一页)\s*[:：]?/,
  /^共\s*\d+\s*[条页篇]|(?:首页|上一页).{0,20}(?:下一页|尾页|末页)/,
  /评论\s*\d*\s*人参与|^我要评论|^网友评论|^发表评论|^相关(?:新闻|阅读|链接|文章|稿件)\s*[:：]?$/,
  // «【相关链接】云溪区2024年老旧小区改造完成情况公示»: another page's title, not this record's words.
  /^[【[]\s*(?:相关|延伸|推荐)(?:新闻|阅读|链接|文章|稿件)\s*[】\]]|^(?:相关|延伸|推荐)(?:新闻|阅读|链接|文章|稿件)\s*[:：]/,
  /ICP[备证]|公网安备|网站标识码|版权所有|主办单位\s*[:：]|承办单位\s*[:：]|技术支持\s*[:：]|建议使用.{0,20}浏览器|最佳分辨率|网站地图|联系我们|无障碍(?:浏览|阅读)?$/,
  /本文字数|阅读次数|浏览次数|访问次数|点击次数|点击率|浏览量|阅读量/,
  // «往期推荐» heading an account's other posts; «阅读 1683　在看 12» under a post.
  /^[【[]?\s*(?:往期推荐|往期回顾|往期精彩|猜你喜欢|热门推荐|精彩推荐|相关推荐)\s*[】\]]?\s*[:：]?$/,
  /^(?:阅读|浏览|点击|在看|点赞|赞)\s*[:：]?\s*\d[\d,.万wW+]*(?:\s+(?:在看|点赞|赞|分享|转发)\s*\d[\d,.万wW+]*)*$/,
  /^(?:第\s*)?[A-Z]?\d{1,2}\s*版\s*[:：]?(?:\s*\S{0,12})?$/,
  /^版面\s*[:：]|^版次\s*[:：]|第\s*[A-Z]?\d{1,2}\s*版\s*[:：]|^(?:上一版|下一版|版面导航|本版)/,
  /^(?:承办|协办|主办|出品|制作|监制)\s*[:：]/,
  /^[（(]?\s*(?:记者|通讯员|实习生|作者|编辑|责任编辑|责编|审核|校对|摄影|图|文|来源|文章来源|信息来源|稿件来源)\s*[:：\s]\s*[^。]{0,40}[）)]?$/,
  /^[（(]?\s*(?:本报|本台|本网)?(?:记者|通讯员|实习生|编辑|责任编辑|责编|审核|校对|摄影|作者|供稿)\s*[:：]?\s*[\u4e00-\u9fa5]{2,4}(?:\s*[、\s]\s*[\u4e00-\u9fa5]{2,4})*\s*[）)]?$/,
  /^(?:繁体|简体|繁體|簡體|English|EN|无障碍|登录|注册|\||｜|\s)+$/,
  /^(?:微信|微博|QQ空间|QQ|人人网|豆瓣|今日头条|抖音|\s)+$/,
  /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)\s+\d{1,2}:\d{2}(?::\d{2})?$/,
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/,
  // «丰禾县人民政府网　2019-09-24 16:02»: a source and a timestamp under a headline.
  // «葭川人大网　2023-10-28　来源：市人大常委会办公室»: the same with the source named after it.
  /^[\u4e00-\u9fa5]{2,20}(?:网|报|台|客户端|公众号|发布)\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*(?:信息)?来源\s*[:：]\s*[^\s。，]{2,30})?$/,
];

/** Section tabs of a meeting page: a line of short tab names only. */
const TAB_WORDS = "议题|解读|内容|列席|图片|视频|图解|附件|相关文件|相关解读|会议议题|会议解读|会议内容|文字|专题";
const TAB_LINE = new RegExp(`^(?:(?:${TAB_WORDS})[\\s|｜/·]*){2,}$|^(?:议题|解读|内容|图片|视频|图解|附件|相关文件|相关解读)$`);

function isoOf(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

const ANY_DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;

/** A name with its courtesy title or a post: never a tab of a page. */
const PERSON_OR_POST = /(?:先生|女士|小姐|议员|議員|同志|[长長师師员員]|主任|书记|書記|总监|總監)$/;

/**
 * A navigation row copied with its spacing: column or tab names side by side
 * («政府常务会议　　政府全体会议　　区长办公会议»). Names of people (2–3
 * characters) and dated lines never qualify, so attendance and signatures stay.
 */
export function isNavigationRow(rawLine: string): boolean {
  const t = rawLine.trim();
  // Marks («内部资料　注意保存») and names of people are not navigation.
  if (/[0-9０-９。，；：:,;、]/.test(t) || /公开|内部|秘密|机密|保存|纪要/.test(t)) return false;
  const wide = t.split(/(?:\s{2,}|\u3000+)/).filter(Boolean);
  const narrow = t.split(/\s+/).filter(Boolean);
  // «屈某某女士　　土木工程拓展署高級工程師»: a person and their post, a roster line of a 區議會 紀要.
  if (wide.some((x) => PERSON_OR_POST.test(x))) return false;
  const ok = (xs: string[]) => xs.every((x) => x.length >= 4 && x.length <= 12 && /^[\u4e00-\u9fa5]+$/.test(x));
  return (wide.length >= 2 && ok(wide)) || (narrow.length >= 3 && ok(narrow));
}

/** The dateline of a news report («本报讯（记者 XX）»), which precedes the first sentence. */
const DATELINE = /^(?:本报讯|本网讯|本台讯|本刊讯|讯)\s*(?:[（(](?:本报)?(?:记者|通讯员|实习生)[^）)]{0,40}[）)])?\s*/;

/** Removes a leading dateline; the rest of the line is the report's text. */
export function stripDateline(line: string): string {
  return line.replace(DATELINE, "");
}

/** A row opening with a key of a page's publication facts: when posted, from where, by whom, how often read. */
const PUBLICATION_ROW =
  /^[【[(（]?(?:发布日期|发布时间|信息来源|来源|作者|责任编辑|责编|编辑|审核|终审|校对|点击数|点击|浏览次数|浏览|阅读次数|访问量)\s*[:：]\s*\S/;

/**
 * True for a row of a page's publication facts («发布时间：2025-04-18 17:32　来源：县政府办公室　浏览次数：1286»,
 * «责任编辑：莫小倩»): furniture to the parser, yet what a reader sees and may ask about («这篇是哪天发布的»,
 * «责任编辑是谁»). A row opening with font, print or share buttons is none; one ending with them («…阅读次数：1268　【字体：大 中 小】») is.
 */
export function publicationRow(line: string): boolean {
  const t = toSimplified(line.trim());
  return t.length <= 120 && PUBLICATION_ROW.test(t) && !/。.+/.test(t);
}

/**
 * Classifies one line of a copied page. Returns null when the line is text,
 * or the facts of a furniture line (which the caller drops).
 */
export function furnitureLine(line: string): PageFacts | null {
  // Furniture is short; a long line is text (and most lines are long).
  if (line.length > 160) return null;
  const t = toSimplified(line.trim());
  if (!t) return null;
  // Body sentences are long and end like sentences; furniture is short or a metadata row.
  const metaHits = t.match(META_COUNT)?.length ?? 0;
  const isMeta = (META_LINE.test(t) && t.length <= 120 && !/。.+/.test(t)) || metaHits >= 2;
  const isFurniture = !isMeta && t.length <= 80 && (FURNITURE.some((re) => re.test(t)) || TAB_LINE.test(t));
  if (!isMeta && !isFurniture) return null;
  const facts: PageFacts = { published: null, disclosure: null, publisher: null };
  const dated = /(?:发布日期|发布时间|成文日期|发文日期|生成日期)\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(t);
  const bare = !isMeta && (/^\d{4}[-/.年]/.test(t) || /版\s*[:：]/.test(t) || /(?:网|报|台|客户端|公众号|发布)\s*\d{4}/.test(t)) ? ANY_DATE.exec(t) : null;
  // «来源：望川市人民政府　　时间：2025-06-24 09:15　　点击：2035»: in a row of page facts a bare 时间 is the posting time.
  const row = metaHits >= 2 ? /(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(t) : null;
  const d = dated ?? row ?? bare;
  if (d) facts.published = isoOf(d[1], d[2], d[3]);
  const mode = /公开(?:方式|形式|范围)\s*[:：]\s*(\S+)/.exec(t)?.[1] ?? "";
  facts.publisher =
    // A row folded without its spaces runs on into the next key («…人民政府时间：…»).
    new RegExp(
      `(?:发布机构|发文机关|发文单位|信息来源|来源)\\s*[:：]\\s*([\\u4e00-\\u9fa5]{2,30}?)(?=(?:${META_KEYS}|时间|日期)\\s*[:：]|[^\\u4e00-\\u9fa5]|$)`,
    ).exec(t)?.[1] ??
    /^([\u4e00-\u9fa5]{2,20}?)(?:网|报|台)\s*\d{4}/.exec(t)?.[1] ??
    null;
  if (/主动公开|全文公开|公开发布|社会公开/.test(mode)) facts.disclosure = "public";
  else if (/不予公开|不公开|依申请公开|内部/.test(mode)) facts.disclosure = "internal";
  return facts;
}
