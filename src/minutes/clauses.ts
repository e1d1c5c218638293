/**
 * The clauses of a topic: statements by «会议» or by a person, their numbered
 * points, and what they decide, who carries it out, by when and with how much.
 * Every function reads the parser's match view (simplified, full-width
 * punctuation) and returns offsets into it, which are offsets into the record.
 */
import { toSimplified } from "../text/script.js";
import { chineseToNumber } from "./numerals.js";
import { afterDecisionLabel, labelCuts } from "./proposals.js";
import type { Point, Section, SectionKind } from "./schema.js";
import { personLeadAt, SPEECH_VERB } from "./speakers.js";

const SPEECH_NEAR = new RegExp(SPEECH_VERB);

/** A «会议…» lead: who reviewed, heard, stressed, required or decided. */
const CLAUSE_LEAD =
  /会议(?:还|并|先后|首先|随后|同时|最后|专题|集中|认真|一致|充分)?(?:(?:听取|审议|讨论|研究|传达学习|传达|学习|通报|审定)(?:[并和及](?:审议|研究|讨论))?(?:并)?(?:原则)?(?:通过|同意|批准)?(?:了)*|认为|明确|强调|指出|要求|提出|决定|议定|确定|原则同意|原则通过|同意|通过|批准|号召|部署|由)/g;

/** Where a sentence may start a clause: the start, a sentence end, or a setting phrase after one. */
const CLAUSE_START = /(?:^|[。！？；\n]\s*|[。！？；\n]\s*(?:会上|会议最后|最后|同时|此外|另外|会议期间)[，,]\s*|^(?:会上|会议最后|最后|同时)[，,]\s*)$/;

export function sectionKind(lead: string): SectionKind {
  const verb = lead.replace(/^会议/, "");
  if (/^(?:还|并|先后|首先|随后|同时|最后|专题|集中|认真|一致|充分)?(?:听取|审议|讨论|研究|传达|学习|通报|审定).*(?:通过|同意|批准)/.test(verb))
    return "decision";
  if (/听取|审议|讨论|研究|传达|学习|通报|审定/.test(verb)) return "report";
  if (/认为|表示|说/.test(verb)) return "opinion";
  if (/明确|同意|决定|通过|批准|议定|确定/.test(verb)) return "decision";
  if (/强调/.test(verb)) return "emphasis";
  if (/指出|要求|提出|希望|号召|部署/.test(verb)) return "instruction";
  return "other";
}

/** Trims whitespace and returns the trimmed span. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** Point labels in the styles minutes use, most common first. */
const POINT_STYLES: { re: RegExp; value: (m: RegExpExecArray) => number; label: (m: RegExpExecArray) => string }[] = [
  { re: /（([一二三四五六七八九十]+)）/g, value: (m) => chineseToNumber(m[1]), label: (m) => m[0] },
  { re: /(?<=^|[。；：，\n])\s*([0-9]{1,2})[.．、](?!\d)/g, value: (m) => Number(m[1]), label: (m) => `${m[1]}.` },
  { re: /[（(]([0-9]{1,2})[）)]/g, value: (m) => Number(m[1]), label: (m) => m[0].trim() },
  // 「一要…二要…」 and 「一是…二是…」 at sentence starts.
  { re: /(?<=^|[。；，：\n])([一二三四五六七八九十])(?=[要是])/g, value: (m) => chineseToNumber(m[1]), label: (m) => m[1] },
  { re: /(?<=^|[。；：\n])第([一二三四五六七八九十])(?=[，、,])/g, value: (m) => chineseToNumber(m[1]), label: (m) => `第${m[1]}` },
];

/** Finds the numbered points of a clause. Offsets are absolute. */
export function findPoints(text: string, start: number, end: number): Point[] {
  const body = text.slice(start, end);
  let best: { at: number; label: string }[] = [];
  let bestFirst = Infinity;
  for (const style of POINT_STYLES) {
    style.re.lastIndex = 0;
    const seq: { at: number; label: string }[] = [];
    for (let m = style.re.exec(body); m; m = style.re.exec(body)) {
      const v = style.value(m);
      if (v === seq.length + 1) {
        const lead = m[0].length - m[0].trimStart().length;
        seq.push({ at: m.index + lead, label: style.label(m) });
      }
    }
    // The outermost numbering is the one that starts first.
    if (seq.length >= 2 && seq[0].at < bestFirst) {
      best = seq;
      bestFirst = seq[0].at;
    }
  }
  return best.map((p, i) => {
    const to = i + 1 < best.length ? best[i + 1].at : body.length;
    const s = trimSpan(text, start + p.at, start + to);
    return { label: p.label, text: text.slice(s.start, s.end), start: s.start, end: s.end };
  });
}

interface Cut {
  at: number;
  lead: string;
  kind: SectionKind;
  speaker: string | null;
  speakerRole: string | null;
}

/**
 * Splits a topic's body into clauses at each lead that starts a sentence:
 * «会议…» or a person («县长王立新强调»). `known` are the record's names
 * (chair, attendees) for bare-name speakers.
 */
export function findSections(text: string, start: number, end: number, known: readonly string[] = [], labelled = false): Section[] {
  const body = text.slice(start, end);
  // A 会议记录 labels its lines («说明：», «决议：»): each label opens a section.
  const cuts: Cut[] = labelled ? labelCuts(body) : [];
  CLAUSE_LEAD.lastIndex = 0;
  for (let m = CLAUSE_LEAD.exec(body); m; m = CLAUSE_LEAD.exec(body)) {
    if ((CLAUSE_START.test(body.slice(0, m.index)) || body.slice(0, m.index).trim() === "") && !cuts.some((c) => c.at === m.index)) {
      const lead = m[0].replace(/了+$/, "");
      cuts.push({
        at: m.index,
        lead: /^会议(原则同意|原则通过|同意|通过)$/.test(m[0]) ? "会议" : lead,
        kind: sectionKind(m[0]),
        speaker: "会议",
        speakerRole: null,
      });
    }
  }
  // Statements by a person, at sentence starts not already cut.
  let previous: string | null = null;
  for (const m of body.matchAll(/(?:^|[。！？；\n])\s*(?:(?:会上|会议最后|最后|同时|此外|讲话中)[，,])?/g)) {
    const at = m.index + m[0].length;
    if (at >= body.length || cuts.some((c) => c.at === at)) continue;
    // Only a sentence with a speech verb near its start can be a person's statement.
    if (!SPEECH_NEAR.test(body.slice(at, at + 48))) continue;
    const p = personLeadAt(body.slice(at), known, previous);
    if (!p) continue;
    previous = p.speaker;
    cuts.push({ at, lead: p.lead.replace(/[，,]$/, ""), kind: sectionKind(p.verb), speaker: p.speaker, speakerRole: p.role });
  }
  cuts.sort((a, b) => a.at - b.at);
  const sections: Section[] = [];
  const leading = trimSpan(text, start, start + (cuts[0]?.at ?? body.length));
  if (leading.end > leading.start) {
    sections.push({
      kind: "other",
      lead: null,
      speaker: null,
      speakerRole: null,
      text: text.slice(leading.start, leading.end),
      points: findPoints(text, leading.start, leading.end),
      ...leading,
    });
  }
  cuts.forEach((c, i) => {
    const s = trimSpan(text, start + c.at, start + (i + 1 < cuts.length ? cuts[i + 1].at : body.length));
    sections.push({
      kind: c.kind,
      lead: c.lead,
      speaker: c.speaker,
      speakerRole: c.speakerRole,
      text: text.slice(s.start, s.end),
      points: findPoints(text, s.start, s.end),
      ...s,
    });
  });
  return sections;
}

/** A decision fragment starts with its verb: «原则同意该《规划》», «同意上述两个文件», «决定…». */
const DECISION_PHRASE = /^(?:会议)?(?:还|并|一致)?(?:明确|研究|审议|讨论|审定)?(?:并)?[，,：:]?(?:原则)?(?:同意|通过|批准|决定)/;
const FOLLOW_UP = /由.{2,40}?(?:负责|牵头|根据|会同|进一步|抓紧|修改|完善|组织|按程序|落实|实施|印发|发文)|^请.{2,30}?(?:牵头|负责|会同|抓紧|尽快)/;

function fragments(sentence: string): string[] {
  return sentence.split(/(?<=[，；])/);
}

/** Splits a decision sentence into the decision and its follow-up («由…修改完善后，按程序印发»). */
function splitDecision(frags: string[]): { decision: string; followUp: string | null } {
  const fi = frags.findIndex((f, i) => i > 0 && (FOLLOW_UP.test(f) || /^会后/.test(f)));
  const clean = (xs: string[]) =>
    xs
      .join("")
      .replace(/[，；。]$/, "")
      .trim();
  return fi > 0 ? { decision: clean(frags.slice(0, fi)), followUp: clean(frags.slice(fi)) } : { decision: clean(frags), followUp: null };
}

/** Extracts decision and follow-up from the decision clauses of an item. */
export function decisionOf(sections: Section[], itemText: string): { decision: string | null; followUp: string | null } {
  for (const s of sections.filter((x) => x.kind === "decision")) {
    const labelled = afterDecisionLabel(s.text);
    const explicit = labelled !== null || /^会议(明确|决定|议定|确定)/.test(s.text);
    const body = (labelled ?? s.text.replace(/^会议(明确|决定|议定|确定)?[，,：:]?/, "")).trim();
    // «会议明确：（一）…（二）…»: the points are the decision.
    if (explicit && s.points.length > 0) return { decision: body, followUp: null };
    const sentences = body.split(/(?<=。)/).filter((x) => x.trim());
    for (const [si, sentence] of sentences.entries()) {
      const frags = fragments(sentence.replace(/。$/, ""));
      let di = frags.findIndex((f) => DECISION_PHRASE.test(f.trim()));
      // «会议决定，自9月1日起，…统一移交…»: the first sentence is the decision itself.
      if (di < 0 && explicit && si === 0) di = 0;
      if (di < 0) continue;
      const out = splitDecision(frags.slice(di));
      if (!out.followUp) {
        const next = sentences.slice(si + 1).find((x) => FOLLOW_UP.test(x));
        if (next) out.followUp = next.replace(/。$/, "").trim();
      }
      return out;
    }
  }
  // «会议认为，该意见针对性较强，原则同意，由…»: an approval inside an opinion.
  for (const s of sections.filter((x) => x.kind === "opinion")) {
    const frags = fragments(s.text.replace(/。[\s\S]*$/, ""));
    const di = frags.findIndex((f, i) => i > 0 && /^(?:原则)?(?:同意|通过|批准)/.test(f.trim()));
    if (di > 0) return splitDecision(frags.slice(di));
  }
  // «1.会议同意县卫健委提出的…方案，…»: a decision inside a numbered list.
  const inList = /(?:^|[。\n]|\d[.．、]|）)\s*会议((?:原则)?(?:同意|通过|批准)[^。]*)/.exec(itemText);
  return inList ? splitDecision(fragments(inList[1])) : { decision: null, followUp: null };
}

/**
 * Every decision of an item: the main one, and one per document when a
 * sentence passes several («审议通过了《A》《B》和关于C的请示»).
 */
export function decisionsOf(sections: Section[], main: string | null): string[] {
  const out: string[] = [];
  const add = (d: string) => {
    const t = d.replace(/[，；。、和及]+$/, "").trim();
    if (t && !out.includes(t)) out.push(t);
  };
  for (const s of sections.filter((x) => x.kind === "decision")) {
    for (const m of s.text.matchAll(
      /(?:原则)?(?:通过|同意|批准)(?:了)?((?:(?:《[^《》]+》|关于[^，。；、《]{2,40}?(?:的)?(?:请示|报告|议案|方案|意见|决定|办法))[、，和及与]?){2,})/g,
    )) {
      const verb = /原则同意|原则通过|同意|通过|批准/.exec(m[0])![0];
      for (const doc of m[1].matchAll(/《[^《》]+》|关于[^，。；、《]{2,40}?(?:的)?(?:请示|报告|议案|方案|意见|决定|办法)/g)) add(`${verb}${doc[0]}`);
    }
  }
  if (main) out.unshift(...[main].filter((d) => !out.includes(d)));
  // Each further decision clause («会议决定，设立…») adds its own decision.
  for (const s of sections.filter((x) => x.kind === "decision")) {
    const own = decisionOf([s], s.text).decision;
    if (own) add(own);
  }
  for (const s of sections.filter((x) => x.kind === "decision" && x.points.length === 0)) {
    const first = /(?:原则)?(?:同意|通过|批准|决定)[^。；]*/.exec(s.text);
    if (first && out.length === 0) add(first[0]);
  }
  return out;
}

export function documentsOf(s: string): string[] {
  const docs: string[] = [];
  // Taiwan and Hong Kong quote a title in 「」: one that ends in a kind of document names one.
  for (const m of s.matchAll(/《([^《》]+)》|「([^「」]{2,40})」/g)) {
    const d = (m[1] ?? m[2]).trim();
    if (m[2] && !/(?:条例|办法|计划|规划|方案|标准|细则|要点|规定|规则|纲要|意见)$/.test(toSimplified(d))) continue;
    if (!docs.includes(d)) docs.push(d);
  }
  // «该《规划》» is a back-reference to the full title, not another document.
  return docs.filter((d) => !(d.length <= 4 && docs.some((o) => o !== d && o.endsWith(d))));
}

const ORGAN_END = /(?:局|委|办|中心|集团|公司|街道|镇|乡|政府|部|院|馆|队|所|站|厅|处|社|行|司|团|会|科|室|组)$/;

/** «市财政局、市住建局和县城投公司» → three units; «县文化和旅游局» stays one. */
function splitUnits(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split("、")) {
    const pieces = part.split(/[和及与]/);
    const whole = pieces.length > 1 && pieces.every((p) => p.length >= 3 && ORGAN_END.test(p));
    out.push(...(whole ? pieces : [part]));
  }
  return out.map((u) => u.replace(/^(会后)?(由|请)/, "").trim()).filter((u) => u.length >= 2 && u.length <= 20);
}

/** A unit name as written in minutes: ends with an organ's suffix. */
const UNIT_NAME = "[\\u4e00-\\u9fa5]{1,16}?(?:局|委员会|委|办公室|办|中心|集团|公司|街道|镇|乡|政府|部|院|馆|队|所|站|厅|处|社|行|司|团|会)";

/** Units given a task: «由市财政局负责», «请市住建局牵头», «市大数据管理中心要摸清…». */
export function responsibleUnitsOf(itemText: string): string[] {
  const units: string[] = [];
  const add = (u: string) => {
    if (!units.includes(u)) units.push(u);
  };
  const byYou =
    /(?<!案)由([^，。；由]{2,40}?)(?:负责|牵头|根据|会同|进一步|抓紧|组织|按程序|按|结合|对照|做好|修改|完善|报批|提请|印发|实施|制定|起草|落实|推进|督促|协调|完成|提出|研究|办理|统筹|于|在|尽快|及时|每)/g;
  for (const m of itemText.matchAll(byYou)) splitUnits(m[1]).forEach(add);
  const asked = /(?:^|[。；，：\n])(?:请|责成)([^，。；请]{2,40}?)(?:牵头|负责|会同|抓紧|尽快|做好|研究|组织|落实|督促|于|根据|按照|结合|进一步|修改|认真)/g;
  for (const m of itemText.matchAll(asked)) splitUnits(m[1]).forEach(add);
  // «资金由县财政局从…列支», «由区财政局分两年安排»: an organ after 由 is given the task, whatever the verb.
  // «案由» (a proposal's cause) is no «由» of a unit.
  for (const m of itemText.matchAll(new RegExp(`(?<!案)由((?:${UNIT_NAME})(?:[、和](?:${UNIT_NAME}))*)`, "g"))) splitUnits(m[1]).forEach(add);
  const subject = new RegExp(
    `(?:^|[。；：，\\n]|[（(][一二三四五六七八九十0-9]+[）)]|[一二三四五六七八九十]是|\\d{1,2}[.．、]\\s*)((?:${UNIT_NAME})(?:[、和](?:${UNIT_NAME}))*)(?:要|负责|牵头)`,
    "g",
  );
  for (const m of itemText.matchAll(subject)) {
    if (/^(?:各|全|有关|相关|会议)/.test(m[1])) continue;
    splitUnits(m[1])
      .filter((u) => !/^(?:各|全|有关|相关)/.test(u))
      .forEach(add);
  }
  return units;
}

export function reportingUnitOf(report: string): string | null {
  const m =
    /听取(?:[并和及](?:审议|研究|讨论))?了?([^，。；]{2,40}?)(?:关于|所作|作的|就|对)/.exec(report) ??
    /听取(?:[并和及](?:审议|研究|讨论))?了?([^，。；《]{2,30}?)(?:的)?(?:工作)?(?:情况)?汇报/.exec(report);
  if (!m) return null;
  const unit = m[1].replace(/^(了|关于)/, "").trim();
  return unit || null;
}

/** Deadlines as written: «于8月底前», «2023年6月30日前», «年底前», «年内». */
export function deadlinesOf(s: string): string[] {
  const out: string[] = [];
  const re =
    /(?:(?:\d{4}|[今明本]年)年?)?(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:底|末|中旬|上旬|下旬|(?:\d{1,2})日)?(?:前|之前|以前)|(?:年底|年末|月底|月末|季度末|春节|汛期|开学)前|年内|本月内/g;
  for (const m of s.matchAll(re)) if (!out.includes(m[0])) out.push(m[0]);
  return out;
}

/** Amounts of money as written: «50万元», «1.2亿元», «五十万元». */
export function amountsOf(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/(?:\d+(?:[.,，]\d+)*|[一二三四五六七八九十百千万两]+)(?:余|多)?(?:万|亿|千)?元/g)) {
    if (!out.includes(m[0]) && /[\d万亿千]/.test(m[0])) out.push(m[0]);
  }
  return out;
}
