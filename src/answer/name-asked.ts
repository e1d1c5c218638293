/**
 * A name asked of a thing («保洁公司叫什么名字», «那个民宿叫啥»): answered only by a quote that names it. A record
 * often mentions the thing without its name («镇里统一请了保洁公司»), and quoting that answers nothing.
 */
import { fold, tagged } from "../index/tokenize.js";

/** «…叫什么(名字)», «…叫啥», «…的名字/名称是什么»: the thing is what stands before. */
const NAME_ASKED = /^(.*?\p{Script=Han})(?:的)?(?:名字|名称)?(?:叫什么名字|叫什么|叫啥名字|叫啥|是什么名字|名字是什么|名称是什么|名字叫什么|名称叫什么)/u;

/** A person or post asked by name («秘书长叫什么», «新局长叫什么»): answered from rosters and posts, not here. */
const PERSON =
  /(?:长|书记|主任|委员|主席|人|者|员|官|代表|老师|医生|同志|干部|领导|负责人|经理|总监|秘书|主角|角色|人物|父亲|母亲|儿子|女儿|弟弟|哥哥|姐姐|妹妹|妻子|丈夫|女性|男性|姓名)$/;

/** «又叫什么», «原名叫什么», «简称叫什么», «之前叫什么»: another name of something already named — a name, not a thing the record leaves unnamed. */
const ANOTHER_NAME = /又|还|也|原名|本名|笔名|俗名|别名|简称|前称|全称|英文|学名|之前|以前|曾|最初|原来|现在|后来|改名|分别/;

/** A name written as one: in quotation marks or book-title marks, or said to be one («名为», «简称»). */
const WRITTEN_NAME = /[“「《"][^”」》"]{2,}[”」》"]|名为|叫做|称为|命名为|简称|名称为|冠名/;

/** Tags of a word that can be a name before the thing's own word («绿源|保洁公司», «云栖|民宿»): not a verb, particle or measure. */
const NAME_TAGS = /^(?:n|nr|nrt|nrfg|ns|nz|nt|x|j|eng)$/;

/** Tags of words that go on a sentence rather than name something: verbs, adverbs, particles, prepositions, pronouns, numbers, places in it. */
const FUNCTION_TAGS = /^(?:v|vd|vn|d|p|u|c|r|m|q|y|f|e|o|z)/;

/** Words the cutter tags as nouns or places that only describe a thing («新建» is a place in its dictionary; «专业|保洁公司»). */
const DESCRIBING = /^(?:新建|改建|扩建|新增|统一|专业|第三方|相关|有关|本地|当地|市场化|社会化|公共|现有|原有|全市|全县|全区|全镇|各类|其他)$/;

/** The thing whose name a question asks (the question's words before «叫什么»), or null when it asks none or asks a person's. */
export function nameAsked(question: string): string | null {
  const m = NAME_ASKED.exec(fold(question).replace(/[\s，。？！?!,]/g, ""));
  if (!m) return null;
  const before = m[1];
  if (PERSON.test(before) || ANOTHER_NAME.test(before)) return null;
  // The thing is a kind («保洁公司», «民宿»), not itself a name («当惹雍错»): its last word is a common noun.
  const last = tagged(before).pop();
  return last && last.word.length >= 2 && /^(?:n|vn)$/.test(last.tag) ? before : null;
}

/**
 * Whether a quote names the thing: a name written as one, or the thing's words (the longest tail of what the question
 * says before «叫什么» that the quote holds) right after a word that can be a name. Undefined when the quote does not
 * hold the thing's words at all: then nothing is known.
 */
export function namesThing(quote: string, thing: string): boolean | undefined {
  const q = fold(quote);
  if (WRITTEN_NAME.test(q) || /[a-z]{3,}/.test(q)) return true;
  let tail = "";
  for (let n = Math.min(thing.length, 8); n >= 2; n--) {
    if (q.includes(thing.slice(-n))) {
      tail = thing.slice(-n);
      break;
    }
  }
  if (!tail) return undefined;
  // The thing's own word too («直属小学» → «小学» of «圣母小学»).
  for (const word of new Set([tail, tail.slice(-2)])) {
    for (let at = q.indexOf(word); at >= 0; at = q.indexOf(word, at + 1)) {
      const before = tagged(q.slice(Math.max(0, at - 8), at)).pop();
      if (before && nameLike(before)) return true;
      // «新的货币西里», «最高点是高威尔海斯»: the name after it.
      // Up to the next punctuation: the cutter drops it, and «民宿，镇级给予» names nothing.
      const after = tagged(q.slice(at + word.length, at + word.length + 10).split(/[^\p{Script=Han}\p{L}\p{N}]/u)[0]);
      const next = after[0] && /^(?:为|是|叫|称|名为)$/.test(after[0].word) ? after[1] : after[0];
      if (next && /\p{Script=Han}/u.test(next.word) && !FUNCTION_TAGS.test(next.tag) && !DESCRIBING.test(next.word) && next.word !== "的") return true;
    }
  }
  return false;
}

/** A word that can be a name: two characters or more, tagged as a noun, name or unknown word, and no describing word. */
function nameLike(w: { word: string; tag: string }): boolean {
  return w.word.length >= 2 && NAME_TAGS.test(w.tag) && !DESCRIBING.test(w.word);
}
