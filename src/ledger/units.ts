/** The units a task clause names: who leads (牵头 / 负责) and who cooperates (配合 / 会同), each as written. */
import { responsibleUnitsOf } from "../minutes/clauses.js";

/** A unit's name ends with an organ's suffix; «市场监管部门» and «各乡镇» are not named units. */
const ORGAN = /(?:局|委|办|中心|集团|公司|街道|政府|部|院|馆|大队|支队|队|所|站|厅|处|社|科|室|组|指挥部|管委会)$/;
const SUFFIX = "(?:局|委员会|委|办公室|办|中心|集团|公司|街道|政府|指挥部|部|院|馆|大队|支队|队|所|站|厅|处|社|科|室|组)";
const NAME = `[\\u4e00-\\u9fa5]{1,16}?${SUFFIX}`;
/** A clause opening with a unit that acts: «区市场监管局将牵头…», «市财政局要…». */
const SUBJECT = new RegExp(`(?:^|[，；：])((?:${NAME}))(?=要|将|负责|牵头|会同)`, "g");
const COOPERATE = new RegExp(`会同((?:${NAME})(?:[、和及与](?:${NAME}))*)|((?:${NAME})(?:[、和及与](?:${NAME}))*)(?:等单位|等部门)?(?:配合|协助|参与)`, "g");

function named(u: string, clause: string): boolean {
  if (!ORGAN.test(u) || /[由请“”"《》]|负责|牵头|会同|根据|配合|^(?:各|全|有关|相关|会议|会后|所需)/.test(u)) return false;
  const at = clause.indexOf(u);
  return at >= 0 && clause[at + u.length] !== "门";
}

/** Units named in `clause` as given a task, each kept once and never a cut-off prefix of another. */
function candidates(clause: string): string[] {
  const found = new Set(responsibleUnitsOf(clause));
  for (const m of clause.matchAll(SUBJECT)) found.add(m[1]);
  const list = [...found].filter((u) => named(u, clause));
  return list.filter((u) => !list.some((o) => o !== u && o.startsWith(u)));
}

export interface LeadMention {
  unit: string;
  /** Where the assignment starts in the clause (the 由 / 请 before the unit, or the unit itself). */
  at: number;
  via: "请" | "由" | "subject";
}

/** Every unit given the lead in `clause`: after 由 / 请 / 责成, or before 要 / 将 / 负责 / 牵头 / 会同; in the order written. */
export function leadMentions(clause: string): LeadMention[] {
  const out: LeadMention[] = [];
  for (const unit of candidates(clause)) {
    let from = 0;
    for (let at = clause.indexOf(unit, from); at >= 0; at = clause.indexOf(unit, from)) {
      from = at + unit.length;
      const before = clause.slice(Math.max(0, at - 2), at);
      const after = clause.slice(from, from + 2);
      if (/请$|责成$/.test(before)) out.push({ unit, at: at - (before.endsWith("责成") ? 2 : 1), via: "请" });
      else if (/由$/.test(before)) out.push({ unit, at: at - 1, via: "由" });
      else if (/^(?:要|将|负|牵|会同)/.test(after)) out.push({ unit, at, via: "subject" });
      else continue;
      break;
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The cooperating units of a clause (配合 / 协助 / 会同), without its lead. */
export function cooperatingUnits(clause: string, lead: string | null): string[] {
  const out: string[] = [];
  for (const m of clause.matchAll(COOPERATE)) {
    for (const u of (m[1] ?? m[2]).split(/[、和及与]/)) if (u !== lead && named(u, clause) && !out.includes(u)) out.push(u);
  }
  return out;
}

/** The responsible leader, when named: «责任领导：张三», «由副市长李四牵头». */
export function leaderIn(clause: string): string | null {
  const m =
    /(?:责任领导|牵头领导|分管领导|责任人)[:：为是]\s*([\u4e00-\u9fa5]{2,4}?)(?:同志)?(?=[，。；、）)\s]|$)/.exec(clause) ??
    /由((?:常务)?副?(?:市|县|区|镇|乡)长|(?:副)?秘书长|(?:副)?主任)([\u4e00-\u9fa5]{2,3}?)(?:同志)?(?:牵头|负责|协调|督办)/.exec(clause);
  if (!m) return null;
  return m.length > 2 && m[2] ? `${m[1]}${m[2]}` : m[1];
}
