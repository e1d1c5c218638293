/**
 * The stage of a work a date is given for: «5月底前拿出方案» dates the plan, not «建成投用». A question asking the date
 * of one stage is not answered by the date of another. The stages name what a record dates; a question or clause
 * naming none is never refused by them (they help, never decide alone).
 */
const STAGES: readonly [string, RegExp][] = [
  ["start", /开工|动工|开建|开挖|开始建设|启动建设|进场施工|开始施工/],
  ["finish", /完工|竣工|建成|主体完工|建设完成/],
  ["open", /投用|投入使用|开通|通车|运营|开业|启用|开放|交付使用|交付/],
  ["issue", /印发|出台|发布|公布|颁布|下发/],
  ["effect", /施行|生效|起实施|开始实施|正式实施|执行/],
  ["plan", /(?:拿出|提出|形成|制定|编制)[^，。；]{0,8}方案|方案论证|编制完成|报送|上报|提交|报批/],
  ["publicize", /公示/],
];

/** The stages a folded text names. */
function stagesOf(text: string): Set<string> {
  return new Set(STAGES.filter(([, re]) => re.test(text)).map(([name]) => name));
}

/**
 * True when the question asks the date of a stage and the clauses stating a date name only other stages: the date
 * is another stage's. Folded texts.
 */
export function otherStage(question: string, clauses: string): boolean {
  const asked = stagesOf(question);
  if (!asked.size) return false;
  const dated = stagesOf(clauses);
  return dated.size > 0 && ![...asked].some((s) => dated.has(s));
}
