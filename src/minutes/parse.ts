import { createHash } from "node:crypto";
import { DocumentError } from "../errors.js";
import { chineseToNumber } from "./numerals.js";
import { isOpeningParagraph, normalizeText } from "./normalize.js";
import {
  MinutesSchema,
  type Attendance,
  type Attendee,
  type Item,
  type Minutes,
  type Point,
  type Section,
  type SectionKind,
  type Source,
} from "./schema.js";

/** What the reader knows about the file the text came from. */
export interface ParseSource {
  path: string;
  sha256?: string;
  encoding?: string;
  format?: string;
  ocr?: boolean;
}

interface Para {
  text: string;
  start: number;
  end: number;
}

const DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/;
const ITEM_HEADING = /^([一二三四五六七八九十百]+)、(.+)$/;
const CHAIR_ROLES =
  "常务副市长|副市长|市长|常务副县长|副县长|县长|常务副区长|副区长|区长|副省长|省长|副秘书长|秘书长|副主任|主任|副局长|局长|副书记|书记|副镇长|镇长";
const PUBLIC_MARK = /(此件|本件)?(公开发布|主动公开)/;
const NON_PUBLIC_MARK = /(不予公开|不公开|依申请公开|内部|机密|秘密)/;
const CLAUSE_LEAD =
  /会议(?:(?:听取|审议|传达学习|传达|学习)(?:并审议|并研究|了)*|认为|明确|强调|指出|要求|提出|决定|原则同意|原则通过|同意|通过|研究|由)/g;
/** A unit name ends with one of these; used to split «市交运局徐勤» into unit and name. */
const UNIT_SUFFIX = /(局|委|办|心|馆|院|部|会|处|队|团|社|道|镇|区|乡|所|厅|站|行|司|组|联|大|协|城|港|署|校|室|县|科|股)$/;

/** Characters that end unit names and do not start personal names («市人社局严枫» is not «市人社» + «局严枫»). */
const NOT_A_SURNAME = /^[局委办心馆院部会处队团社道镇区乡所厅站行司组联协署校室科股]/;

/**
 * The meeting date from the opening paragraph. «12月18日下午» without a year
 * takes the year of the issue date (the year before when the month is later).
 */
function meetingDate(opening: string, issuedOn: string | null): RegExpMatchArray | null {
  const full = DATE.exec(opening);
  if (full) return full;
  const short = /(\d{1,2})月(\d{1,2})日/.exec(opening);
  if (!short || !issuedOn) return null;
  const year = Number(issuedOn.slice(0, 4)) - (Number(short[1]) > Number(issuedOn.slice(5, 7)) ? 1 : 0);
  return Object.assign([short[0], String(year), short[1], short[2]], { index: short.index, input: opening }) as RegExpMatchArray;
}

function isoDate(m: RegExpMatchArray | null): string | null {
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
}

function sectionKind(lead: string): SectionKind {
  if (/听取|审议|传达|学习/.test(lead)) return "report";
  if (/认为/.test(lead)) return "opinion";
  if (/明确|同意|决定|通过/.test(lead)) return "decision";
  if (/强调/.test(lead)) return "emphasis";
  if (/指出|要求|提出/.test(lead)) return "instruction";
  return "other";
}

/** Trims whitespace and returns the trimmed span. */
function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
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
];

/** Finds the numbered points of a clause. Offsets are absolute. */
function findPoints(text: string, start: number, end: number): Point[] {
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

/** Splits an item's body into clauses at each «会议…» lead that starts a sentence. */
function findSections(text: string, start: number, end: number): Section[] {
  const body = text.slice(start, end);
  const cuts: { at: number; lead: string }[] = [];
  CLAUSE_LEAD.lastIndex = 0;
  for (let m = CLAUSE_LEAD.exec(body); m; m = CLAUSE_LEAD.exec(body)) {
    const before = body.slice(0, m.index).trimEnd();
    if (before === "" || /[。！？；\n]$/.test(before) || /\n\s*$/.test(body.slice(0, m.index))) {
      cuts.push({ at: m.index, lead: m[0] });
    }
  }
  const sections: Section[] = [];
  const leading = trimSpan(text, start, start + (cuts[0]?.at ?? body.length));
  if (leading.end > leading.start) {
    sections.push({
      kind: "other",
      lead: null,
      text: text.slice(leading.start, leading.end),
      points: findPoints(text, leading.start, leading.end),
      ...leading,
    });
  }
  cuts.forEach((c, i) => {
    const s = trimSpan(text, start + c.at, start + (i + 1 < cuts.length ? cuts[i + 1].at : body.length));
    const lead = c.lead.replace(/了$/, "");
    sections.push({
      kind: sectionKind(c.lead),
      lead: /^会议(原则同意|原则通过|同意|通过)$/.test(c.lead) ? "会议" : lead,
      text: text.slice(s.start, s.end),
      points: findPoints(text, s.start, s.end),
      ...s,
    });
  });
  return sections;
}

/** A decision fragment starts with its verb: «原则同意该《规划》», «同意上述两个文件», «决定…». */
const DECISION_PHRASE = /^(?:会议)?(?:明确|研究)?[，,：:]?(?:原则)?(?:同意|通过|批准|决定)/;
const FOLLOW_UP = /由.{2,40}?(?:负责|牵头|根据|会同|进一步|抓紧|修改|完善|组织|按程序|落实|实施|印发|发文)/;

function fragments(sentence: string): string[] {
  return sentence.split(/(?<=[，；])/);
}

/** Splits a decision sentence into the decision and its follow-up («由…修改完善后，按程序印发»). */
function splitDecision(frags: string[]): { decision: string; followUp: string | null } {
  const fi = frags.findIndex((f, i) => i > 0 && (FOLLOW_UP.test(f) || /^会后/.test(f)));
  const clean = (xs: string[]) => xs.join("").replace(/[，；。]$/, "").trim();
  return fi > 0 ? { decision: clean(frags.slice(0, fi)), followUp: clean(frags.slice(fi)) } : { decision: clean(frags), followUp: null };
}

/** Extracts decision and follow-up from the decision clauses of an item. */
function decisionOf(sections: Section[], itemText: string): { decision: string | null; followUp: string | null } {
  for (const s of sections.filter((x) => x.kind === "decision")) {
    const explicit = /^会议(明确|决定)/.test(s.text);
    const body = s.text.replace(/^会议(明确|决定)?[，,：:]?/, "").trim();
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
  // «1.会议同意县卫健委提出的…方案，…»: a decision inside a numbered list.
  const inList = /(?:^|[。\n]|\d[.．、]|）)\s*会议((?:原则)?(?:同意|通过|批准)[^。]*)/.exec(itemText);
  return inList ? splitDecision(fragments(inList[1])) : { decision: null, followUp: null };
}

function documentsOf(s: string): string[] {
  const docs: string[] = [];
  for (const m of s.matchAll(/《([^《》]+)》/g)) {
    const d = m[1].trim();
    if (!docs.includes(d)) docs.push(d);
  }
  // «该《规划》» is a back-reference to the full title, not another document.
  return docs.filter((d) => !(d.length <= 4 && docs.some((o) => o !== d && o.endsWith(d))));
}

function splitUnits(s: string): string[] {
  return s
    .split(/[、和及与]/)
    .map((u) => u.replace(/^(会后)?由/, "").trim())
    .filter((u) => u.length >= 2 && u.length <= 20);
}

function responsibleUnitsOf(item: { followUp: string | null; text: string; reportingUnit: string | null }): string[] {
  const units: string[] = [];
  const add = (u: string) => {
    if (!units.includes(u)) units.push(u);
  };
  const re = /由([^，。；由]{2,40}?)(?:负责|牵头|根据|会同|进一步|抓紧|组织|按程序|按|结合|对照|做好|修改|完善|报批|提请|印发|实施|制定|起草|落实|推进|督促|协调|完成|提出|研究|办理|统筹)/g;
  for (const m of item.text.matchAll(re)) splitUnits(m[1]).forEach(add);
  return units;
}

function reportingUnitOf(report: string): string | null {
  const m = /听取(?:并审议|并研究)?了?([^，。；]{2,40}?)(?:关于|所作|作的|就|对)/.exec(report) ??
    /听取(?:并审议|并研究)?了?([^，。；《]{2,30}?)(?:的)?(?:工作)?(?:情况)?汇报/.exec(report);
  if (!m) return null;
  const unit = m[1].replace(/^(了|关于)/, "").trim();
  return unit || null;
}

/** Splits «市交运局徐勤» into unit and name; names are 2–3 characters. */
export function splitUnitAndName(entry: string): Attendee | null {
  for (const len of [3, 2, 4]) {
    if (entry.length <= len) continue;
    const unit = entry.slice(0, -len);
    const name = entry.slice(-len);
    if (UNIT_SUFFIX.test(unit) && unit.length >= 2 && !NOT_A_SURNAME.test(name)) return { unit, name };
  }
  return null;
}

function parseAttendance(paras: Para[]): Attendance | null {
  const present: string[] = [];
  const attending: Attendee[] = [];
  const other: string[] = [];
  if (paras.length === 0) return null;
  for (const p of paras) {
    const m = /^(出席|列席|请假|缺席|记录)[：:]\s*(.*)$/.exec(p.text);
    const body = (m ? m[2] : p.text).replace(/[。.]$/, "");
    if (m?.[1] === "出席") {
      present.push(...body.split(/[、，,；;\s]+/).filter(Boolean));
    } else if (m?.[1] === "列席") {
      for (const entry of body.split(/[，,；;]/).map((e) => e.trim()).filter(Boolean)) {
        const [first, ...more] = entry.split("、");
        const head = splitUnitAndName(first);
        if (!head) {
          other.push(entry);
          continue;
        }
        attending.push(head);
        for (const name of more) if (name.trim()) attending.push({ unit: head.unit, name: name.trim() });
      }
    } else if (m) {
      other.push(`${m[1]}：${body}`);
    } else {
      other.push(body);
    }
  }
  return { present, attending, other, start: paras[0].start, end: paras[paras.length - 1].end };
}

function issuerAndKind(title: string): { issuer: string | null; kind: string } {
  const m = /^(.*?)((?:常务|办公|专题|工作|联席|协调|现场|全体)?会议纪要|纪要)$/.exec(title);
  if (!m) return { issuer: null, kind: "会议纪要" };
  return { issuer: m[1] || null, kind: m[2] };
}

function shortHash(s: string, n = 6): string {
  return createHash("sha256").update(s).digest("hex").slice(0, n);
}

/**
 * Parses the text of one minutes document into its structure.
 * Throws DocumentError (code not_minutes / file_empty) naming the file.
 */
export function parseMinutes(raw: string, source: ParseSource): Minutes {
  const norm = normalizeText(raw);
  const text = norm.text;
  if (!text.trim()) throw new DocumentError("file_empty", `${source.path}: the file has no text`, { subject: source.path });
  const paras: Para[] = norm.paragraphs.map((p) => ({ ...p, text: text.slice(p.start, p.end) }));

  const openingIdx = paras.findIndex((p) => isOpeningParagraph(p.text));
  const headerParas = paras.slice(0, Math.max(0, openingIdx));
  const titlePara =
    headerParas.find((p) => /纪要/.test(p.text) && p.text.length <= 40) ?? paras.slice(0, 6).find((p) => /纪要$/.test(p.text));
  if (!titlePara || openingIdx < 0) {
    throw new DocumentError(
      "not_minutes",
      `${source.path}: not meeting minutes — ${!titlePara ? "no «…纪要» title in the header" : "no opening paragraph giving the meeting date and chair"}`,
      { subject: source.path },
    );
  }
  // «青禾县人民政府» / «办公会议纪要» on two lines is one title.
  const ti = paras.indexOf(titlePara);
  const title =
    ti > 0 && /^[\u4e00-\u9fa5]{0,6}会议纪要$/.test(titlePara.text) && /(政府|委员会|办公室|人民政府)$/.test(paras[ti - 1].text)
      ? paras[ti - 1].text + titlePara.text
      : titlePara.text;
  const { issuer, kind } = issuerAndKind(title);
  const headerText = headerParas.map((p) => p.text).join("\n");
  const numMatch = /第([0-9]+|[一二三四五六七八九十百]+)号/.exec(headerText) ?? /〔(\d{4})〕(\d+)号/.exec(headerText);
  const number = numMatch ? (numMatch.length === 3 ? Number(numMatch[2]) : chineseToNumber(numMatch[1])) : null;
  const headerDates = headerParas.map((p) => DATE.exec(p.text)).filter((m): m is RegExpExecArray => !!m);
  const issuedOn = isoDate(headerDates[headerDates.length - 1] ?? null);

  const opening = paras[openingIdx];
  const dm = meetingDate(opening.text, issuedOn);
  const period = /\d日(上午|下午|晚上|晚间|中午)/.exec(opening.text)?.[1] ?? null;
  const where = "(?:同志)?(?:在[^，。；]{0,30})?(?:主持|召集)";
  const chairA = new RegExp(`([\\u4e00-\\u9fa5]{2,3})(${CHAIR_ROLES})${where}`).exec(opening.text);
  const chairB = new RegExp(`(${CHAIR_ROLES})([\\u4e00-\\u9fa5]{2,3}?)${where}`).exec(opening.text);
  let chair: string | null = null;
  let chairRole: string | null = null;
  if (chairA && (!chairB || chairA.index <= chairB.index)) {
    chair = chairA[1].replace(/^[，、由在]/, "");
    chairRole = chairA[2];
  } else if (chairB) {
    chair = chairB[2];
    chairRole = chairB[1];
  }
  if (chair && chair.length === 3 && /^[上下午日，由]/.test(chair)) chair = chair.slice(1);
  const sessionM = /第\s*([0-9]+|[一二三四五六七八九十百]+)\s*次([\u4e00-\u9fa5]{0,6}会议)/.exec(opening.text);
  const nameM = /(?:主持召开|召开|主持)(?:了)?([^，。；]*?会议)/.exec(opening.text);

  // The body ends where attendance or the closing (整理, dates, publication mark) begins.
  let bodyEnd = paras.length;
  for (let i = openingIdx + 1; i < paras.length; i++) {
    if (/^(出席|列席|请假)[：:]/.test(paras[i].text)) {
      bodyEnd = i;
      break;
    }
  }
  let closingStart = paras.length;
  for (let i = paras.length - 1; i > openingIdx; i--) {
    const t = paras[i].text;
    if (/^（?(此件|本件)[^）]*）?$/.test(t) || /^\d{4}年\d{1,2}月\d{1,2}日$/.test(t) || /整理$|^.{2,30}(整理|印发)\s*\d{4}年/.test(t) || /^(抄送|抄报|发送|分送)[：:]/.test(t)) {
      closingStart = i;
    } else break;
  }
  bodyEnd = Math.min(bodyEnd, closingStart);
  const attendanceParas = paras.slice(bodyEnd, closingStart).filter((p) => p.text.length > 0);
  const attendance = parseAttendance(attendanceParas.filter((p, i) => i > 0 || /^(出席|列席|请假)[：:]/.test(p.text)));

  const closingText = paras.slice(closingStart).map((p) => p.text).join("\n");
  const compiled = /(.{2,30}?)\s*整理\s*\n?\s*(\d{4}年\d{1,2}月\d{1,2}日)?/.exec(closingText);
  const compiledBy = compiled ? compiled[1].trim() : null;
  const compiledOn = compiled ? isoDate(DATE.exec(closingText.slice(compiled.index))) : null;

  const marks = [closingText, headerText].join("\n");
  const visibility = PUBLIC_MARK.test(marks) && !NON_PUBLIC_MARK.test(marks) ? "public" : "internal";

  // Agenda items: headings 一、二、… in sequence.
  const headings: { idx: number; ordinal: number; label: string; title: string }[] = [];
  for (let i = openingIdx + 1; i < bodyEnd; i++) {
    const m = ITEM_HEADING.exec(paras[i].text);
    if (!m) continue;
    const ordinal = chineseToNumber(m[1]);
    const looksLikeHeading = !/。$/.test(m[2]) && m[2].length <= 120;
    if (ordinal === headings.length + 1 && looksLikeHeading) headings.push({ idx: i, ordinal, label: m[1], title: m[2].trim() });
  }

  const items: Item[] = [];
  const buildItem = (ordinal: number, label: string, heading: string, headStart: number, bodyStart: number, end: number): Item => {
    const sections = findSections(text, bodyStart, end);
    const report = sections.find((s) => s.kind === "report")?.text ?? "";
    const { decision, followUp } = decisionOf(sections, text.slice(bodyStart, end));
    const itemText = text.slice(headStart, end);
    const reportingUnit = reportingUnitOf(report);
    return {
      ordinal,
      label,
      title: heading,
      documents: documentsOf(`${heading}\n${report}`),
      reportingUnit,
      decision,
      followUp,
      responsibleUnits: responsibleUnitsOf({ followUp, text: itemText, reportingUnit }),
      sections,
      text: itemText,
      start: headStart,
      end,
    };
  };
  headings.forEach((h, i) => {
    const endPara = i + 1 < headings.length ? headings[i + 1].idx - 1 : bodyEnd - 1;
    const end = paras[Math.max(h.idx, endPara)].end;
    const bodyStart = paras[h.idx].end;
    items.push(buildItem(h.ordinal, h.label, h.title, paras[h.idx].start, bodyStart, end));
  });
  if (items.length === 0 && bodyEnd > openingIdx + 1) {
    // Minutes without numbered items (common for 专题会议): the body is one implicit item.
    const start = paras[openingIdx + 1].start;
    const end = paras[bodyEnd - 1].end;
    const topic = /(?:专题)?研究(?:了)?([^，。；]{2,40})/.exec(opening.text)?.[1] ?? nameM?.[1] ?? "会议内容";
    items.push({ ...buildItem(1, "", topic, start, start, end) });
  }
  if (items.length === 0 || !items.some((it) => it.sections.some((s) => s.kind !== "other"))) {
    throw new DocumentError("not_minutes", `${source.path}: not meeting minutes — no agenda items or «会议…» clauses found`, {
      subject: source.path,
    });
  }

  const year = issuedOn ? Number(issuedOn.slice(0, 4)) : dm ? Number(dm[1]) : null;
  const sha256 = source.sha256 ?? createHash("sha256").update(raw).digest("hex");
  const id =
    number !== null && year !== null
      ? `${shortHash(`${issuer ?? ""}|${kind}`)}-${year}-${String(number).padStart(3, "0")}`
      : `${shortHash(`${issuer ?? ""}|${kind}`)}-${shortHash(sha256, 10)}`;

  const page: Source = {
    path: source.path,
    sha256,
    encoding: source.encoding ?? "utf-8",
    format: source.format ?? "text",
    ocr: source.ocr ?? false,
    ...(norm.pageStarts.length > 1 ? { pageStarts: norm.pageStarts } : {}),
  };

  const minutes: Minutes = {
    id,
    title,
    kind,
    issuer,
    number,
    year,
    issuedOn,
    compiledBy,
    compiledOn,
    meeting: {
      date: isoDate(dm),
      period,
      chair,
      chairRole,
      session: sessionM ? chineseToNumber(sessionM[1]) : null,
      name: nameM ? nameM[1].trim() : null,
    },
    visibility,
    summary: opening.text,
    summarySpan: { start: opening.start, end: opening.end },
    headerSpan: { start: paras[0].start, end: opening.end },
    items,
    attendance,
    text,
    source: page,
  };
  return MinutesSchema.parse(minutes);
}
