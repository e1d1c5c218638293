import { fold, segment } from "../index/tokenize.js";
import { unitCore, type Lexicon } from "../index/lexicon.js";
import { chineseToNumber } from "../minutes/numerals.js";

/** What a question asks for, beyond its words. */
export interface AnalyzedQuery {
  raw: string;
  /** The question with question words and punctuation removed, its words separated by spaces. */
  core: string;
  /** The same words with adjacent ones joined («交通规划强调»): only a removed word or punctuation separates them. */
  runs: string;
  /** Terms in quotes («“一网统管”»): matched exactly. */
  quoted: string[];
  /** Figures with their unit («37处», «1023家», «6月»): a passage stating the same figure is preferred. */
  figures: string[];
  /** Formal terms added for colloquial words (看病 → 医疗). */
  expansions: string[];
  /** Unit names the question mentions, canonical and as written. */
  units: string[];
  /** 第N号. */
  minutesNumber: number | null;
  /** 第N次 (session). */
  session: number | null;
  /** A date the question names: YYYY-MM-DD, or --MM-DD when the year is not given. */
  date: string | null;
  /** A year named on its own («2023年第7号»), not as part of a date. */
  year: number | null;
}

/** Question and function words that say how something is asked, not what about. */
const QUESTION_WORDS = [
  "请问",
  "一下",
  "是什么",
  "什么",
  "哪些",
  "哪个",
  "哪家",
  "哪天",
  "哪里",
  "哪儿",
  "哪",
  "谁",
  "为什么",
  "怎么样",
  "怎么",
  "怎样",
  "如何",
  "是否",
  "有没有",
  "有无",
  "没有",
  "多少",
  "几",
  "吗",
  "呢",
  "吧",
  "啊",
  "呀",
  "了",
  "的",
  "地",
  "得",
  "是",
  "有",
  "都",
  "还",
  "也",
  "就",
  "会不会",
  "能不能",
  "可以",
  "这次",
  "本次",
  "那次",
  "那",
  "这",
  "它",
  "其",
  "该",
  "我",
  "我们",
  "你",
  "给",
  "对",
  "在",
  "和",
  "与",
  "及",
  "把",
  "被",
  "哪一",
  // «一共要花多少钱», «到底涨不涨», «大概啥时候»: how much or how sure the asker wants it, not what about.
  "一共",
  "总共",
  "到底",
  "究竟",
  "大概",
  "大约",
];

const QUESTION_SET = new Set(QUESTION_WORDS);
/**
 * «…的原文是什么», «请原文引用…那句话», «原话是怎么写的»: asks for the words as written — how to answer, not what
 * about (staff paste them into documents). The rest of the question says which words.
 */
export const TEXT_ASK =
  /请(?:原文)?(?:给出|引用|摘录|列出)|原文引用|(?:的)?(?:原文|原话|原句|全文|原样)(?:是怎么写的|怎么写的|是怎么说的|怎么说的|是什么|是啥)?|(?:是)?怎么写的|那句话|那段话/;

// «那钱要花多少»: a follow-up's opening 那 (so, then) is talk; «那里», «那些», «那天», «那个» still point at something.
const QUESTION_PHRASES = new RegExp(
  `^那么|^那(?![里儿些边天时样个次份])|请问|是什么|为什么|怎么样|有没有|会不会|能不能|什么时候|啥时候|${TEXT_ASK.source}`,
  "g",
);
/**
 * A token the word cutter made of a question word and what it asks for («哪一年», «何时», «几岁», «第几»,
 * «多少倍», «甚么», «多长时间», «多久»): it is in no answer, so it is no content (not «几何», «几乎», nor a name like «何炅»).
 */
const INTERROGATIVE = /^(?:哪|第几|甚么|什么|多少|多[久长远高重宽深厚]|为何|有何|如何|几(?![何乎内])|何(?:年|时|处|人|种|地|故|以|谓|在|为|日|月))/;
/** «第一点强调了什么»: which point is asked, not what about (a 第三条 of a 办法 stays content: it is written so). */
export const POINT_SELECTOR = /^第([一二三四五六七八九十]|[0-9]{1,2})点$/;
/** «这份纪要», «该次会议»: a demonstrative with its classifier points at the record talked about; it names nothing. */
const DEMONSTRATIVE = /^[这那该本此][份个次项件场届期笔些种条批位块类座]$/;
/** «哪|一个», «哪|一种»: the classifier after a question word belongs to it. */
const QUESTION_CLASSIFIER = /^一[个种位部本条场年国家类样些所间座支名件次]$/;

/** «哪|天», «几|号», «哪|儿»: a measure word cut off its question word. */
const QUESTION_MEASURE = /^[天年月日号里儿位个种家些样项件次点时]$/;

/** «管不管», «批没批», «通没通过», «批准没批准»: an A-not-A form asks yes or no, whichever way the cutter splits it; it names nothing. */
const A_NOT_A = /(\p{Script=Han})(\p{Script=Han})?[不没]\1\2?/gu;

/**
 * «第七项», «第二个议题», «第二案», «提案二», «议题三»: an item named by its number (groups: number, word | word, number).
 * Which item is asked, not what about: the answerer picks the item by it.
 */
export const ITEM_NUMBER =
  /第([一二三四五六七八九十]{1,3}|\d{1,2})(项|个议题|项议题|个事项|个提案|案|件事?)|(提案|议题|议程|事项|案由)([一二三四五六七八九十]{1,3}|\d{1,2})(?![0-9一二三四五六七八九十])/;
const ITEM_NUMBERS = new RegExp(ITEM_NUMBER.source, "g");

/** Which tokens of a cut question lie in an A-not-A form or an item number. */
function selectorTokens(cut: string[]): boolean[] {
  const joined = cut.join("");
  const spans = [...joined.matchAll(A_NOT_A), ...joined.matchAll(ITEM_NUMBERS)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
  let at = 0;
  return cut.map((w) => {
    const [start, end] = [at, (at += w.length)];
    return spans.some(([s, e]) => start < e && s < end);
  });
}

/** The question words of a cut question: listed ones, interrogative tokens, A-not-A forms, item and point numbers, demonstratives, and a classifier right after a question word. */
function questionTokens(cut: string[]): boolean[] {
  const out: boolean[] = [];
  const yesNo = selectorTokens(cut);
  cut.forEach((w, i) => {
    out.push(
      QUESTION_SET.has(w) ||
        yesNo[i] ||
        INTERROGATIVE.test(w) ||
        POINT_SELECTOR.test(w) ||
        POINT_SELECTOR.test(w + (cut[i + 1] ?? "")) ||
        (w === "点" && i > 0 && POINT_SELECTOR.test(cut[i - 1] + w)) ||
        DEMONSTRATIVE.test(w) ||
        (i > 0 && out[i - 1] && /^[哪几]/.test(cut[i - 1]) && QUESTION_CLASSIFIER.test(w)) ||
        // «哪|天», «几|号»: the cutter splits a question word from its measure word.
        (i > 0 && /^[哪几]$/.test(cut[i - 1]) && QUESTION_MEASURE.test(w)),
    );
  });
  return out;
}

/** Words that name the kind of clause asked about; they select sections rather than content. */
const CLAUSE_VERBS = [
  "会议",
  "讨论",
  "提到",
  "提出",
  "强调",
  "决定",
  "决议",
  "议定",
  "作出",
  "明确",
  "要求",
  "指出",
  "认为",
  "审议",
  "研究",
  "部署",
  "通过",
  "同意",
  "内容",
  "情况",
  "方面",
  "问题",
  "说",
  "讲",
  "谈",
  "注意",
  "要点",
  "关注",
  "考虑",
  "涉及",
  "指的是",
  "指",
  "部门",
  "单位",
  "机构",
  "负责",
  "评价",
  "看法",
];

/**
 * Frame words: how a question is put («在哪个议题», «政府打算怎么解决», «分几个阶段», «是哪次会议批的»), never
 * what it is about, so they never count against coverage or the subject check.
 */
export const FRAME_WORDS = [
  "议题",
  "事项",
  "政府",
  "打算",
  "准备",
  "解决",
  "会上",
  "会议上",
  "事情",
  "阶段",
  "几个",
  "几次",
  "哪次",
  "哪几次",
  "批准",
  "纪要",
  "怎么办",
  "咋办",
  "说法",
  "举措",
  "措施",
  "安排",
  "工作",
  "最近",
  "今年",
  "去年",
  "现在",
  "目前",
  "具体",
  "主持",
  "主持人",
  "召开",
  "举行",
  "日期",
  "时间",
  "名称",
  "编号",
  "印发",
  "发布",
  "出席",
  "列席",
  "参会",
  "参加",
  "人员",
  "名单",
  "领导",
  "同志",
  "哪些人",
  "哪天",
  "老百姓",
  "群众",
  "市民",
  "居民们",
  "大家",
  "咱们",
];

/** Words that are not content: clause verbs and frame words. */
export const CLAUSE_WORDS = [...CLAUSE_VERBS, ...FRAME_WORDS];

export function analyzeQuery(q: string, lexicon: Lexicon): AnalyzedQuery {
  const raw = q.trim();
  const f = fold(raw);
  const quoted = [...raw.matchAll(/[“"「『《']([^”"」』》']{1,40})[”"」』》']/g)].map((m) => m[1].trim()).filter(Boolean);
  // «〔2024〕6号», «[2024]6号»: a document number with its year, as a 纪要 is numbered.
  const docNumber = /[〔［[【]\s*((?:19|20)\d{2})\s*[〕］\]】]\s*第?\s*(\d{1,4})\s*[号期]/.exec(f);
  const num = /第\s*([0-9]+|[一二三四五六七八九十]+)\s*号/.exec(f) ?? (docNumber ? [docNumber[0], docNumber[2]] : null);
  const ses = /第\s*([0-9]+|[一二三四五六七八九十]+)\s*次/.exec(f);
  const full = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(f) ?? /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(f);
  const short = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/.exec(f);
  const yearOnly = /(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)/.exec(f);
  const date = full
    ? `${full[1]}-${full[2].padStart(2, "0")}-${full[3].padStart(2, "0")}`
    : short
      ? `--${short[1].padStart(2, "0")}-${short[2].padStart(2, "0")}`
      : null;

  // A number and the character after it; not «第7号», «第3次» or a year («2023年»).
  const undated = f.replace(/(\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}-\d{1,2}-\d{1,2}/g, " ");
  const figures = [...undated.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)\s*([^\d\s\p{P}\p{S}])/gu)]
    .filter((m) => undated[m.index - 1] !== "第" && !"号次".includes(m[2]) && !(m[1].length === 4 && m[2] === "年"))
    .map((m) => m[1] + m[2]);

  const expansions: string[] = [];
  for (const [colloquial, formal] of lexicon.synonyms) {
    if (f.includes(colloquial)) for (const t of formal) if (!f.includes(t) && !expansions.includes(t)) expansions.push(t);
  }
  const units: string[] = [];
  for (const [canonical, aliases] of lexicon.units) {
    const core = unitCore(canonical);
    const hit = [canonical, core, ...aliases].find((a) => a.length >= 2 && f.includes(a));
    if (hit) units.push(canonical, ...(hit !== canonical ? [hit] : []));
  }
  // Question words are removed as whole tokens, so «就业» keeps its «就».
  const cut = segment(f.replace(QUESTION_PHRASES, " "));
  const asks = questionTokens(cut);
  const core = cut.filter((_, i) => !asks[i]).join(" ");
  // segment() drops punctuation and spaces, so find each word in the folded text to see what stood between.
  let runs = "";
  let at = 0;
  const source = f.replace(QUESTION_PHRASES, " ");
  cut.forEach((w, k) => {
    const i = source.indexOf(w, at);
    if (i > at || asks[k]) runs += " ";
    if (!asks[k]) runs += w;
    if (i >= 0) at = i + w.length;
  });
  return {
    raw,
    core,
    runs: runs.trim().replace(/\s+/g, " "),
    quoted,
    figures,
    expansions,
    units,
    minutesNumber: num ? chineseToNumber(num[1]) : null,
    session: ses ? chineseToNumber(ses[1]) : null,
    date,
    year: full ? Number(full[1]) : yearOnly ? Number(yearOnly[1]) : docNumber ? Number(docNumber[1]) : null,
  };
}
