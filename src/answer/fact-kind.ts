/**
 * What a date or a sum is given for. The stage of a work a date is for: «5月底前拿出方案» dates the plan, not
 * «建成投用». The kind of money a sum is: «每个市场补助300万元» is a subsidy, not «总投资». A question asking one is
 * not answered by another; nor is the part a unit plays («配合单位» by «责任单位：…»). A question or clause naming none is
 * never refused by them (they help, never decide alone).
 */
const STAGES: readonly [string, RegExp][] = [
  ["start", /开工|动工|开建|开挖|开始建设|启动建设|进场施工|开始施工/],
  ["finish", /完工|竣工|建成|完成/],
  ["topOut", /封顶|结顶/],
  ["open", /投用|投入使用|开通|通车|运营|开业|启用|开放|交付使用|交付/],
  ["issue", /印发|出台|发布|公布|颁布|下发/],
  ["effect", /施行|生效|起实施|开始实施|正式实施|执行/],
  ["plan", /(?:拿出|提出|形成|制定|编制)[^，。；]{0,8}方案|方案论证|编制完成|报送|上报|提交|报批/],
  ["publicize", /公示/],
];

const MONEY: readonly [string, RegExp][] = [
  ["investment", /投资|造价|概算|估算/],
  ["subsidy", /补助|补贴|奖补|奖励|扶持资金/],
  // «一顿饭要多少钱», «多少钱一吨», «卖多少钱»: a price asked per thing bought, not a subsidy for it.
  ["fee", /收费|收取|票价|价格|费用标准|交存|缴纳|租金|售价|卖多少钱|多少钱一[顿餐碗份张次吨度]|[一每][顿餐碗份张次吨度][^，。？]{0,3}?多少钱/],
  ["fine", /罚款|处罚|罚金/],
  ["revenue", /收入|营收|税收/],
  ["spending", /支出/],
  ["debt", /债券|贷款|融资/],
];

/** The part a unit plays in a task: «A会同B» names both the lead and who assists. */
const ROLES: readonly [string, RegExp][] = [
  ["lead", /牵头|责任单位|负责|主办|主责|会同/],
  ["assist", /配合|协助|协同|会同|协办|参与单位/],
];

/** The kinds of a table a folded text names. */
function kindsOf(text: string, table: readonly [string, RegExp][]): Set<string> {
  return new Set(table.filter(([, re]) => re.test(text)).map(([name]) => name));
}

/** True when the question names kinds of the table and the clauses name only others. Folded texts. */
function other(question: string, clauses: string, table: readonly [string, RegExp][]): boolean {
  const asked = kindsOf(question, table);
  if (!asked.size) return false;
  const given = kindsOf(clauses, table);
  return given.size > 0 && ![...asked].some((s) => given.has(s));
}

/** True when the question asks the date of a stage and the clauses stating a date name only other stages. Folded texts. */
export function otherStage(question: string, clauses: string): boolean {
  return other(question, clauses, STAGES);
}

/** True when the question asks a kind of money and the clauses stating a sum name only other kinds. Folded texts. */
export function otherMoney(question: string, clauses: string): boolean {
  return other(question, clauses, MONEY);
}

/** True when the question asks a unit in one part («配合单位») and the quotes name units only in another («责任单位：…»). Folded texts. */
export function otherRole(question: string, quotes: string): boolean {
  return other(question, quotes, ROLES);
}
