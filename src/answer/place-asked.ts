/**
 * A place asked («商户临时安置到了哪里», «新院区选址在哪里», «灯会在哪办»): answered only by a quote that states one.
 * A record often says that something is to be placed without saying where («妥善做好商户临时安置»), and quoting that
 * answers nothing.
 */
import { fold, tagged } from "../index/tokenize.js";

/** «…在哪里», «搬到哪儿», «选址在哪», «建在哪个社区», «在什么地方»; not «花在哪些地方» (what money is spent on), nor a unit, item or meeting. */
const PLACE_ASKED =
  /(?<![花用])(?:在|到|去|往|至|于)了?(?:哪里|哪儿|哪裡|哪兒|什么地方|什麼地方|什么位置|哪个(?:地方|位置|社区|村|小区|街道|路段|地块|区域|片区)|哪些(?:地方|社区|村|小区|路段|区域)|哪(?=[办建开搞设放弄卖]?[？?啊呀呢吧嘛]?$))|选址(?:在)?(?:哪|什么地方)/;

/** Said to be somewhere: «位于», «设在», «迁至», «安置到», «选址于», «在…开展». */
const PLACED =
  /位于|设在|设于|迁至|迁往|迁到|搬迁至|搬至|搬到|安置在|安置到|安置于|选址于|选址在|落户|建在|建于|在[^，。；、]{2,12}?(?:开展|举办|举行|召开|新建|建设|设置|试点)/;

/** A place written with its kind: a road, street, village, community, district, square, room, building, side of something. */
const PLACE_WORD =
  /([\p{Script=Han}\d]{1,8}?)(?:大道|路|街|巷|村|社区|小区|新区|园区|片区|地块|宗地|广场|公园|大厦|会议室|礼堂|码头|东侧|西侧|南侧|北侧|以东|以西|以南|以北|附近|周边|[0-9]+号|陵|墓|银行|学校|大学|中学|小学|医院|场馆|寺|庙|宫|工厂|车站|机场|港口|[中内里边旁侧外])/gu;

/** «区别在哪», «问题出在哪里», «第一次在哪里出现»: where in an argument or a text, not a place. */
const ABSTRACT_WHERE =
  /(?:区别|不同|差别|差异|问题|原因|关键|难点|重点|特点|优势|短板|症结|意义|好处|出现|提到|记载|写)[^，。？?]{0,4}(?:在|到|于)了?哪|哪(?:里|儿)?(?:出现|提到|记载|写)/;

/** True when a question asks where something is, goes or happens. */
export function placeAsked(question: string): boolean {
  const q = fold(question).replace(/\s/g, "");
  return PLACE_ASKED.test(q) && !ABSTRACT_WHERE.test(q);
}

/**
 * Whether a quote states a place: said to be somewhere, or a place written with its kind whose own name the question
 * does not already say («城南街道» answers nothing about «城南农贸市场»; «新港路88号» answers «搬到哪儿去»).
 */
export function statesPlace(quote: string, question: string): boolean {
  const q = fold(quote);
  if (PLACED.test(q)) return true;
  const asked = fold(question);
  for (const m of q.matchAll(PLACE_WORD)) {
    const kind = m[0].slice(m[1].length);
    // «医院» of a question about a 医院 is the thing asked, not where it is.
    if (!asked.includes(m[1].slice(-2)) && !(kind.length >= 2 && asked.includes(kind))) return true;
  }
  // A place name the word cutter knows («伦敦», «栖凤区»), or one written with its level («…省», «…县»).
  return tagged(q).some((t) => t.word.length >= 2 && !asked.includes(t.word) && (t.tag === "ns" || /^\p{Script=Han}{2,}[省市县区镇乡州国]$/u.test(t.word)));
}
