/**
 * Recognises questions the 督办台账 answers («市住建局有哪些待办事项»,
 * «本月到期的督办事项», «哪些事项逾期了», «交通规划的落实情况») and reads
 * their filter. A question without a ledger word is not one: it goes to the
 * normal answer path.
 */
import type { LedgerFilter } from "../ledger/types.js";

/** What the question asks of the ledger, and how an answer names it. */
export interface LedgerQuestion {
  filter: LedgerFilter;
  scope: "open" | "overdue" | "near" | "done" | "month" | "all";
}

const LEDGER_WORD = /督办|待办|台账|逾期|超期|到期|落实情况|落实得|办结|未完成|没完成|在办|进展情况|进度情况/;
const UNIT = /^(.{2,16}?(?:局|委|办|中心|集团|公司|街道|政府|部|院|馆|大队|支队|队|所|站|厅|处|社|科|室|组|指挥部|管委会))(?:有哪些|有什么|的|还有|负责|牵头)/;
/** «交通规划的落实情况», «交通规划落实得怎么样», «交通规划进展情况». */
const SUBJECT = /^(?:请问)?(.{2,20}?)(?:的)?(?:落实情况|落实得|进展情况|进度情况|办结了吗|办理情况)/;

/** The month of `today` (YYYY-MM), shifted by `by` months. */
function monthOf(today: string, by: number): string {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + by);
  return d.toISOString().slice(0, 7);
}

/** The ledger question in `q`, or null when it is not clearly one. `today` is the ISO date. */
export function ledgerQuestion(q: string, today: string): LedgerQuestion | null {
  const text = q.replace(/\s+/g, "").replace(/[？?。！!]+$/, "");
  if (!LEDGER_WORD.test(text)) return null;
  const filter: LedgerFilter = {};
  let scope: LedgerQuestion["scope"] = "all";
  const unit = UNIT.exec(text)?.[1];
  if (unit && !/^(?:哪些|有哪些|什么)/.test(unit)) filter.unit = unit;
  if (/逾期|超期/.test(text)) {
    filter.status = "逾期";
    scope = "overdue";
  } else if (/已办结|办结了哪些|已经完成/.test(text)) {
    filter.status = "已办结";
    scope = "done";
  } else if (/本月|这个月|当月/.test(text) && /到期/.test(text)) {
    filter.month = monthOf(today, 0);
    filter.open = true;
    scope = "month";
  } else if (/下个?月/.test(text) && /到期/.test(text)) {
    filter.month = monthOf(today, 1);
    filter.open = true;
    scope = "month";
  } else if (/临近|快到期|即将到期|近期到期/.test(text)) {
    filter.status = "临近";
    scope = "near";
  } else if (/待办|未完成|没完成|在办|未办结/.test(text)) {
    filter.open = true;
    scope = "open";
  }
  const subject = SUBJECT.exec(text)?.[1];
  if (subject && !filter.unit && !/^(?:哪些|有哪些|督办|事项)/.test(subject)) filter.text = subject.replace(/^关于/, "");
  return { filter, scope };
}
