/**
 * Who was appointed to a post («任命的市交通运输局新局长是谁»): answered only by a quote that appoints someone to that
 * post of that unit. 人事任免 lists appoint and remove several people in one sentence («任命邬清源为市财政局局长；
 * 免去郜明远的市交通运输局局长职务»): the post asked may be there only as a removal, or another unit's.
 */
import { fold } from "../index/tokenize.js";

const POSTS = "局长|主任|院长|书记|区长|县长|市长|镇长|乡长|主席|部长|厅长|处长|科长|所长|校长|总经理|经理|队长|秘书长|审判员|检察长|庭长";

/** «…局新局长是谁», «新任…主任叫什么», «任命谁为…院长». */
const NEW_HOLDER = new RegExp(
  `([\\p{Script=Han}]{2,12}?(?:局|委员会|委|办公室|办|院|厅|部|中心|公司|法院|检察院|学校|医院|所|队|街道|镇|乡|县|区|市))的?(?:新任|新)(${POSTS})(?:是谁|叫什么|是哪位|由谁担任|谁来当)`,
  "u",
);

/** «提请任命谁当市中级人民法院副院长», «任命谁为…局长». */
const WHO_APPOINTED = new RegExp(
  `(?:任命|任免|提名|聘任)了?谁(?:当|为|担任|出任|做)([\\p{Script=Han}]{2,12}?(?:局|委员会|委|办公室|办|院|厅|部|中心|公司|法院|检察院|学校|医院|所|队|街道|镇|乡|县|区|市))的?((?:副|常务副)?(?:${POSTS}))`,
  "u",
);

const APPOINTS = /任命|担任|提名|聘任|决定任|任职|出任/;
const REMOVES = /免去|辞去|免职|辞职|撤销/;

/** The unit (without its 市/县/区) and the post whose new holder a question asks, or null. */
export function newHolderAsked(question: string): { unit: string; post: string } | null {
  const q = fold(question).replace(/\s/g, "");
  const m = NEW_HOLDER.exec(q) ?? WHO_APPOINTED.exec(q);
  if (!m) return null;
  // «葭川市人大常委会这次任命的市交通运输局» → 交通运输局: the unit is the last name before the post.
  const unit = m[1].replace(/^.*(?:的|了|在|这次|本次)/, "").replace(/^.*?[市县区](?=[\p{Script=Han}]{2,}(?:局|委|办|院|厅|部|中心|所|队)$)/u, "");
  return { unit, post: m[2] };
}

/** True when a quote appoints someone to the post of the unit (a clause appointing, naming both, removing no one). */
export function appointsTo(quote: string, asked: { unit: string; post: string }): boolean {
  return fold(quote)
    .split(/[；;。]/)
    .some((c) => APPOINTS.test(c) && !REMOVES.test(c) && c.includes(asked.unit) && c.includes(asked.post));
}
