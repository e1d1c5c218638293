/**
 * A reproducible generator of realistic meeting minutes for benchmarks:
 * 常务会议 / 办公会议 / 专题会议 of fictional cities, counties and districts,
 * 6–15 agenda items each with 会议听取 / 认为 / 明确·同意·决定 / 强调 / 要求
 * clauses and 2–5 numbered points, attendance blocks, a public and internal
 * mix, 8–15 KB per document; plus questions whose expected agenda item is
 * known. Every document is parsed with the production parser while it is
 * generated, so the question file records the parser's own minutes ids.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseMinutes } from "../src/minutes/parse.js";
import type { Minutes } from "../src/minutes/schema.js";
import {
  CHAIR_ROLES,
  FOLLOW_UPS,
  GIVEN,
  KINDS,
  OPINION_FRAMES,
  PLACE_FIRST,
  PLACE_SECOND,
  POINT_VERBS,
  ROAD_FIRST,
  SURNAMES,
  TOPICS,
  TOWN_FIRST,
  TOWN_SECOND,
  type Topic,
} from "./banks.js";

export interface CorpusOptions {
  docs: number;
  seed?: number | string;
  /** Share of internal (unpublished) documents, 0–1 (default 0.3). */
  internalRatio?: number;
  /** Number of questions (default: 600, at most 5 per document). */
  questions?: number;
  /** First year of the archive (default 2015); documents spread over `years` years. */
  startYear?: number;
  years?: number;
}

export type QuestionKind = "emphasis" | "decision" | "unit" | "meta" | "topic";
export const QUESTION_KINDS: QuestionKind[] = ["emphasis", "decision", "unit", "meta", "topic"];

/** One question in the format of tests/fixtures/eval/seed-dev.jsonl, plus the document it is about. */
export interface GeneratedQuestion {
  id: string;
  q: string;
  /** Expected agenda item ordinals in the document `minutesId` (empty for meta questions). */
  items: number[];
  must: string[];
  alt?: string[];
  kind: QuestionKind;
  minutesId: string;
  minutesNumber: number;
  year: number;
  issuer: string;
  visibility: "public" | "internal";
}

export interface GeneratedDoc {
  /** Path relative to the minutes folder. */
  file: string;
  text: string;
  minutes: Minutes;
}

export interface CorpusSummary {
  docs: number;
  bytes: number;
  minBytes: number;
  maxBytes: number;
  items: number;
  internal: number;
  questions: number;
  byKind: Record<QuestionKind, number>;
  /** Question candidates dropped because the parsed document did not bear them out (should be 0). */
  rejected: number;
}

// ---------------------------------------------------------------- PRNG

/** sfc32 seeded through a string hash: fast, small, reproducible across platforms. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    let h = 1779033703 ^ String(seed).length;
    const s = String(seed);
    for (let i = 0; i < s.length; i++) {
      h = Math.imul(h ^ s.charCodeAt(i), 3432918353);
      h = (h << 13) | (h >>> 19);
    }
    const next = () => {
      h = Math.imul(h ^ (h >>> 16), 2246822507);
      h = Math.imul(h ^ (h >>> 13), 3266489909);
      return (h ^= h >>> 16) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** k distinct elements in random order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a.slice(0, Math.min(k, a.length));
  }
}

// ---------------------------------------------------------------- plan

const CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/** 1 → 一, 12 → 十二, 21 → 二十一. */
export function cnNumber(n: number): string {
  if (n <= 10) return CN[n];
  if (n < 20) return `十${CN[n - 10]}`;
  return `${CN[Math.floor(n / 10)]}十${CN[n % 10]}`;
}

interface Issuer {
  code: string;
  place: string;
  lvl: "市" | "县" | "区";
  /** 澜山市人民政府 */
  name: string;
  /** Leaders per five-year term: chair candidates and members present. */
  terms: { head: string; exec: string; deputies: string[]; secretary: string }[];
}

interface PlannedDoc {
  index: number;
  issuer: Issuer;
  kind: (typeof KINDS)[number];
  year: number;
  number: number;
  meeting: { month: number; day: number };
  issued: { month: number; day: number };
  internal: boolean;
  /** Ordinal of this meeting kind in the issuer's year (第N次). */
  session: number;
}

function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + (rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN));
}

function makeIssuers(rng: Rng, count: number, years: number): Issuer[] {
  const used = new Set<string>();
  const out: Issuer[] = [];
  while (out.length < count) {
    const core = rng.pick(PLACE_FIRST) + rng.pick(PLACE_SECOND);
    if (used.has(core)) continue;
    used.add(core);
    const lvl = (out.length % 5 === 0 || out.length % 5 === 2 ? "市" : out.length % 5 === 4 ? "区" : "县") as Issuer["lvl"];
    const terms = Array.from({ length: Math.ceil(years / 5) + 1 }, () => ({
      head: personName(rng),
      exec: personName(rng),
      deputies: Array.from({ length: 4 }, () => personName(rng)),
      secretary: personName(rng),
    }));
    out.push({ code: `g${String(out.length + 1).padStart(2, "0")}`, place: `${core}${lvl}`, lvl, name: `${core}${lvl}人民政府`, terms });
  }
  return out;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function planDocs(opts: Required<Pick<CorpusOptions, "docs" | "internalRatio" | "startYear" | "years">>, rng: Rng): PlannedDoc[] {
  // A city publishes 30–50 sets of minutes a year: about 35 per issuer-year.
  const issuerCount = Math.max(1, Math.min(60, Math.round(opts.docs / (opts.years * 35))));
  const issuers = makeIssuers(rng, issuerCount, opts.years);
  const slots: { issuer: Issuer; year: number; kind: (typeof KINDS)[number] }[] = [];
  for (let i = 0; i < opts.docs; i++) {
    const r = rng.next();
    const kind = r < 0.5 ? KINDS[0] : r < 0.75 ? KINDS[1] : KINDS[2];
    slots.push({ issuer: issuers[i % issuers.length], year: opts.startYear + (Math.floor(i / issuers.length) % opts.years), kind });
  }
  // Numbers run per issuer, kind and year, in date order.
  const groups = new Map<string, number[]>();
  slots.forEach((s, i) => {
    const key = `${s.issuer.code}|${s.kind.code}|${s.year}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const planned: PlannedDoc[] = new Array(slots.length);
  for (const members of groups.values()) {
    const dates = members
      .map(() => {
        const dayOfYear = rng.int(5, 355);
        let m = 0;
        let d = dayOfYear;
        while (d > DAYS_IN_MONTH[m]) d -= DAYS_IN_MONTH[m++];
        return { month: m + 1, day: d };
      })
      .sort((a, b) => a.month - b.month || a.day - b.day);
    members.forEach((i, k) => {
      const s = slots[i];
      const meeting = dates[k];
      let month = meeting.month;
      let day = meeting.day + rng.int(1, 6);
      if (day > DAYS_IN_MONTH[month - 1]) {
        day -= DAYS_IN_MONTH[month - 1];
        month++;
      }
      if (month > 12) {
        month = 12;
        day = 31;
      }
      planned[i] = {
        index: i,
        issuer: s.issuer,
        kind: s.kind,
        year: s.year,
        number: k + 1,
        meeting,
        issued: { month, day },
        internal: rng.chance(opts.internalRatio),
        session: k + 1,
      };
    });
  }
  return planned;
}

// ---------------------------------------------------------------- text

interface ItemDraft {
  heading: string;
  paragraphs: string[];
  topic: Topic;
  doc: string | null;
  /** Question candidates bound to this item. */
  facts: { emphasisPhrase?: string; decisionPhrase?: string; unit?: string; measure?: string };
}

interface Filler {
  rng: Rng;
  place: string;
  lvl: string;
  year: number;
  /** Every concrete measure written into the document (for the uniqueness of question anchors). */
  measures: string[];
}

function fill(tpl: string, f: Filler): string {
  const { rng } = f;
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => {
    switch (k) {
      case "n":
        return String(rng.int(3, 99));
      case "n2":
        return String(rng.int(100, 3000));
      case "pct":
        return String(rng.int(85, 99));
      case "share":
        return String(rng.int(30, 70));
      case "p":
        return String(rng.int(3, 20));
      case "dec":
        return (rng.int(15, 35) / 10).toFixed(1);
      case "month":
        return String(rng.int(3, 11));
      case "town":
        return rng.pick(TOWN_FIRST) + rng.pick(TOWN_SECOND);
      case "road":
        return rng.pick(ROAD_FIRST) + rng.pick(["路", "大道", "街"]);
      case "year":
        return String(f.year);
      case "place":
        return f.place;
      case "lvl":
        return f.lvl;
      default:
        return `{${k}}`;
    }
  });
}

const unitName = (lvl: string, u: string) => (u === "政府办" ? `${lvl}政府办` : `${lvl}${u}`);

function followUp(t: Topic, f: Filler): string {
  if (!f.rng.chance(0.75)) return "";
  const unit = unitName(f.lvl, f.rng.pick([t.unit, ...t.partners]));
  return f.rng
    .pick(FOLLOW_UPS)
    .replace(/\{unit\}/g, unit)
    .replace(/\{lvl\}/g, f.lvl)
    .replace(/\{goal\}/g, f.rng.pick(t.goals));
}

/** A point sentence: 要 + verb + object, then a concrete measure or a goal. */
function pointText(t: Topic, f: Filler, usedMeasures: Set<string>): { text: string; measure?: string } {
  const obj = f.rng.pick(t.objects);
  const verb = f.rng.pick(POINT_VERBS);
  const fresh = t.measures.filter((m) => !usedMeasures.has(m));
  if (fresh.length && f.rng.chance(0.65)) {
    const tpl = f.rng.pick(fresh);
    usedMeasures.add(tpl);
    const measure = fill(tpl, f);
    f.measures.push(measure);
    return { text: `要${verb}${obj}${obj.endsWith("工作") ? "" : "工作"}，${measure}。${followUp(t, f)}`, measure };
  }
  const unit = unitName(f.lvl, f.rng.pick([t.unit, ...t.partners]));
  return { text: `要${verb}${obj}，${unit}要主动作为、靠前服务，${f.rng.pick(t.goals)}。${followUp(t, f)}` };
}

/** «会议强调» / «会议要求» with 2–5 points in one of the numbering styles minutes use. */
function pointsClause(lead: string, t: Topic, f: Filler, count: number, used: Set<string>): { paras: string[]; first: string; measure?: string } {
  const pts = Array.from({ length: count }, () => pointText(t, f, used));
  const measure = pts.find((p) => p.measure)?.measure;
  const style = f.rng.int(0, 2);
  if (style === 0) {
    const body = pts.map((p, i) => `（${cnNumber(i + 1)}）${p.text}`).join("");
    return { paras: [`${lead}，${body}`], first: pts[0].text, measure };
  }
  if (style === 1) {
    return { paras: [`${lead}：`, ...pts.map((p, i) => `${i + 1}.${p.text}`)], first: pts[0].text, measure };
  }
  const body = pts.map((p, i) => `${cnNumber(i + 1)}${p.text}`).join("");
  return { paras: [`${lead}，${body}`], first: pts[0].text, measure };
}

const DOC_SHORT = /(方案|计划|办法|规划|措施|细则|规定|预案|职责)$/;

function itemDraft(t: Topic, f: Filler, budget: number, docTitle: string | null): ItemDraft {
  const { rng } = f;
  const unit = unitName(f.lvl, t.unit);
  const partners = t.partners.map((p) => unitName(f.lvl, p));
  const used = new Set<string>();
  const paras: string[] = [];
  const facts: ItemDraft["facts"] = {};
  let heading: string;
  if (docTitle) {
    heading = rng.pick([`审议《${docTitle}》`, `关于《${docTitle}》有关事项`, `研究《${docTitle}》`]);
    paras.push(`会议听取了${unit}关于《${docTitle}》起草情况的汇报。`);
    facts.unit = unit;
  } else {
    heading = rng.pick([`研究部署${f.year}年${t.area}工作`, `关于${t.area}有关事项`, `听取${t.area}工作情况汇报`, `研究${t.area}工作`]);
    paras.push(`会议听取了${unit}关于${rng.pick([`${f.year}年${t.area}工作情况和下一步工作安排`, `${t.area}工作进展情况`, `近期${t.area}工作情况`])}的汇报。`);
    facts.unit = unit;
  }
  let size = heading.length + paras[0].length;
  // Roughly 330 characters make a kilobyte of UTF-8 Chinese.
  if (size < budget - 120 || rng.chance(0.5)) {
    const opinion = `会议认为，${t.area}${rng.pick(OPINION_FRAMES)}。${rng.chance(0.7) ? `当前${rng.pick(t.problems)}，必须${rng.pick(["以更大力度、更实举措加以推进", "坚持问题导向、精准施策", "压紧压实各方责任"])}。` : ""}`;
    paras.push(opinion);
    size += opinion.length;
  }
  if (docTitle) {
    const short = DOC_SHORT.exec(docTitle)?.[1] ?? "方案";
    const verb = rng.pick(["原则同意", "原则同意", "同意"]);
    const follow = rng.pick([
      `由${unit}根据会议讨论意见修改完善后，按程序印发实施`,
      `会后由${unit}会同${partners[0]}进一步修改完善，以${f.lvl}政府名义印发`,
      `由${unit}根据会议意见修改后，提请${f.lvl}委常委会审议`,
    ]);
    const decision = `会议${verb}该《${short}》，${follow}。`;
    paras.push(decision);
    facts.decisionPhrase = `${verb}该《${short}》`;
    size += decision.length;
  } else if (rng.chance(0.6)) {
    const m = fill(rng.pick(t.measures), f);
    f.measures.push(m);
    const decision = rng.chance(0.5)
      ? `会议决定，自${f.year}年${rng.int(3, 12)}月1日起，${m}，由${unit}牵头，${partners.slice(0, 2).join("、")}配合抓好落实。`
      : `会议同意${unit}提出的${t.area}工作方案，所需资金${rng.int(50, 3000)}万元由${unitName(f.lvl, "财政局")}统筹安排。`;
    paras.push(decision);
    size += decision.length;
  }
  const left = budget - size;
  if (left > 150 || rng.chance(0.7)) {
    const count = Math.max(2, Math.min(5, Math.round(left / 120)));
    const em = pointsClause("会议强调", t, f, count, used);
    paras.push(...em.paras);
    facts.emphasisPhrase = em.first.slice(1, 9);
    if (em.measure) facts.measure = em.measure;
    size += em.paras.join("").length;
  }
  if (budget - size > 220) {
    const ins = pointsClause("会议要求", t, f, 2, used);
    paras.push(...ins.paras);
    if (!facts.measure && ins.measure) facts.measure = ins.measure;
  }
  return { heading, paragraphs: paras, topic: t, doc: docTitle, facts };
}

function dateCn(year: number, d: { month: number; day: number }): string {
  return `${year}年${d.month}月${d.day}日`;
}

interface DocDraft {
  text: string;
  items: ItemDraft[];
  measures: string[];
}

/** Size bounds of a generated document in bytes of UTF-8 (8–15 KB). */
export const MIN_DOC_BYTES = 8 * 1024;
export const MAX_DOC_BYTES = 15 * 1024;

function draftDocument(p: PlannedDoc, seed: number | string, usedDocs: Set<string>): DocDraft {
  const rng = new Rng(`${seed}/doc/${p.index}`);
  const targetBytes = rng.int(8600, 14400);
  let itemCount = rng.int(6, 15);
  let scale = 1;
  for (let attempt = 0; ; attempt++) {
    const used = new Set(usedDocs);
    const d = draftOnce(p, rng, used, targetBytes, itemCount, scale);
    const bytes = Buffer.byteLength(d.text);
    if (bytes >= MIN_DOC_BYTES && bytes <= MAX_DOC_BYTES && (Math.abs(bytes - targetBytes) < targetBytes * 0.12 || attempt >= 6)) {
      for (const k of used) usedDocs.add(k);
      return d;
    }
    if (attempt === 20) throw new Error(`could not draft document ${p.index} within ${MIN_DOC_BYTES}–${MAX_DOC_BYTES} bytes`);
    scale *= targetBytes / bytes;
    // Items have a largest natural size: a document that stays short gets another item.
    if (bytes < MIN_DOC_BYTES && attempt >= 2 && itemCount < 15) itemCount++;
    if (bytes > MAX_DOC_BYTES && attempt >= 2 && itemCount > 6) itemCount--;
  }
}

function draftOnce(p: PlannedDoc, rng: Rng, usedDocs: Set<string>, targetBytes: number, itemCount: number, scale: number): DocDraft {
  const { issuer, year } = p;
  const lvl = issuer.lvl;
  const f: Filler = { rng, place: issuer.place, lvl, year, measures: [] };
  const term = issuer.terms[Math.floor((year - 2000) / 5) % issuer.terms.length];
  const topics = rng.sample(TOPICS, itemCount);

  // Header and closing take about 1.3 KB; the rest is shared out over the items.
  const perItem = Math.max(120, Math.floor(((targetBytes - 1400) / 3 / itemCount) * scale));
  const items: ItemDraft[] = [];
  for (const t of topics) {
    let doc: string | null = null;
    if (rng.chance(0.55)) {
      for (const name of rng.sample(t.docs, t.docs.length)) {
        const title = rng.chance(0.8) ? `${issuer.place}${year}年${name}` : `${issuer.place}${name}（${year}—${year + 2}年）`;
        const key = `${issuer.code}|${title}`;
        if (!usedDocs.has(key)) {
          usedDocs.add(key);
          doc = title;
          break;
        }
      }
    }
    items.push(itemDraft(t, f, Math.round(perItem * (0.7 + rng.next() * 0.6)), doc));
  }

  const chairPick =
    p.kind.code === "topic" ? rng.pick([term.exec, ...term.deputies]) : p.kind.code === "standing" ? (rng.chance(0.85) ? term.head : term.exec) : term.head;
  const roles = CHAIR_ROLES[lvl];
  const role = chairPick === term.head ? roles[0] : chairPick === term.exec ? roles[1] : roles[2];
  const period = rng.pick(["上午", "下午", "上午", "下午", ""]);
  const meetingName = p.kind
    .meeting(lvl)
    .replace("{k}", String(p.session))
    .replace("{kcn}", cnNumber(Math.min(p.session, 99)))
    .replace("{year}", String(year));
  const docsReviewed = items.filter((i) => i.doc).map((i) => `《${i.doc}》`);
  const areas = items
    .filter((i) => !i.doc)
    .slice(0, 3)
    .map((i) => i.topic.area);
  const studies = areas.length ? `研究${areas.join("、")}等工作` : `研究${items[0].topic.area}等工作`;
  const chairText = rng.chance(0.8) ? `${role}${chairPick}` : `${chairPick}${role}`;
  const where = rng.chance(0.3) ? `在${lvl}政府${rng.pick(["常务会议室", "第一会议室", "三楼会议室", "五楼会议室"])}` : "";
  const opening =
    p.kind.code === "topic"
      ? `${dateCn(year, p.meeting)}${period}，${chairText}${where}主持召开专题会议，专题${studies}${docsReviewed.length ? `，审议${docsReviewed.slice(0, 3).join("")}` : ""}。${unitName(lvl, items[0].topic.unit)}等有关单位负责同志参加会议。现将会议议定事项纪要如下：`
      : `${dateCn(year, p.meeting)}${period}，${chairText}${where}主持召开${meetingName}，${studies}${docsReviewed.length ? `，审议${docsReviewed.slice(0, 4).join("")}` : ""}。现将会议议定事项纪要如下：`;

  const office = `${issuer.name}办公室`;
  const issued = dateCn(year, p.issued);
  const numberLine = rng.chance(0.75) ? `第${p.number}号` : `〔${year}〕${p.number}号`;
  const header: string[] = [];
  if (p.kind.code === "office" && rng.chance(0.5)) header.push(issuer.name, p.kind.title);
  else header.push(`${issuer.name}${p.kind.title}`);
  header.push(numberLine);
  if (rng.chance(0.5)) header.push(`${office}                    ${issued}`);
  else header.push(office, issued);

  const body: string[] = [];
  items.forEach((it, i) => {
    body.push(`${cnNumber(i + 1)}、${it.heading}`);
    body.push(...it.paragraphs);
  });

  // Attendance: leaders present, then units attending with their people.
  const present = [term.head, term.exec, ...rng.sample(term.deputies, rng.int(2, 4)), term.secretary].filter((n) => n !== chairPick);
  present.unshift(chairPick);
  const attendUnits = [...new Set(["政府办", ...items.flatMap((it) => [it.topic.unit, ...it.topic.partners.slice(0, 1)])])].slice(0, rng.int(8, 16));
  const attending = attendUnits.map((u) => `${unitName(lvl, u)}${personName(rng)}${rng.chance(0.2) ? `、${personName(rng)}` : ""}`);
  const attendance = [`出席：${[...new Set(present)].join("、")}。`, `列席：${attending.join("，")}。`];
  if (rng.chance(0.3)) attendance.push(`请假：${rng.pick(term.deputies)}（公务）。`);

  const closing: string[] = [];
  if (rng.chance(0.6)) closing.push(`${office} 整理`, dateCn(year, p.issued));
  if (p.internal) {
    const mark = rng.pick(["", "", "（此件依申请公开）", "（此件不予公开）"]);
    if (mark) closing.push(mark);
  } else {
    closing.push(rng.pick(["（此件公开发布）", "（此件主动公开）"]));
  }
  const text = `${[...header, opening, ...body, ...attendance, ...closing].join("\n\n").replace(/\n\n(\d+\.)/g, "\n$1")}\n`;
  return { text, items, measures: f.measures };
}

// ---------------------------------------------------------------- questions

interface Candidate {
  kind: QuestionKind;
  doc: number;
  q: string;
  items: number[];
  must: string[];
  alt?: string[];
  /** The phrase that makes the question point at one document; must occur once in the corpus. */
  anchor: string;
}

/** Question candidates of a document, checked against what the parser found; `rejected` counts facts it did not bear out. */
function candidatesOf(p: PlannedDoc, d: DocDraft, m: Minutes, rng: Rng): { out: Candidate[]; rejected: number } {
  const out: Candidate[] = [];
  let rejected = 0;
  d.items.forEach((it, i) => {
    const ord = i + 1;
    const item = m.items[i];
    const check = (ok: boolean) => {
      if (!ok) rejected++;
      return ok;
    };
    if (!check(Boolean(item) && item.title === it.heading)) return;
    if (it.doc) {
      const doc = it.doc;
      if (
        it.facts.emphasisPhrase &&
        check(item.sections.some((s) => s.kind === "emphasis" && s.points.length >= 2 && s.text.includes(it.facts.emphasisPhrase!)))
      ) {
        const q = rng.pick([`《${doc}》强调了什么？`, `审议《${doc}》时会议强调了哪些要求？`, `${doc}有哪些要求？`]);
        out.push({ kind: "emphasis", doc: p.index, q, items: [ord], must: [it.facts.emphasisPhrase], anchor: doc });
      }
      if (it.facts.decisionPhrase && check(Boolean(item.decision?.includes(it.facts.decisionPhrase)))) {
        const q = rng.pick([`会议对《${doc}》作出了什么决定？`, `《${doc}》通过了吗？`, `《${doc}》是怎么定的？`]);
        out.push({ kind: "decision", doc: p.index, q, items: [ord], must: [it.facts.decisionPhrase.replace(/该《.*》$/, "")], anchor: doc });
      }
      if (it.facts.unit && check(item.reportingUnit === it.facts.unit)) {
        const q = rng.pick([`《${doc}》由哪个部门起草？`, `《${doc}》是哪个单位汇报的？`, `哪个部门负责起草《${doc}》？`]);
        out.push({ kind: "unit", doc: p.index, q, items: [ord], must: [it.facts.unit], anchor: doc });
      }
    }
    if (it.facts.measure && check(item.text.includes(it.facts.measure))) {
      // «在东塘片区新建…»: a concrete measure, asked about with the place and without the question's answer words.
      const core = it.facts.measure.replace(/[，。；].*$/, "");
      if (core.length >= 10) {
        const q = `${p.issuer.place}${core}是怎么安排的？`;
        out.push({ kind: "topic", doc: p.index, q, items: [ord], must: [core.slice(-8)], anchor: core });
      }
    }
  });
  if (m.issuedOn) {
    const [y, mo, da] = m.issuedOn.split("-").map(Number);
    const q = rng.pick([
      `${p.issuer.name}${p.year}年第${p.number}号${p.kind.title}是哪天印发的？`,
      `${p.issuer.place}${p.year}年第${p.number}号${p.kind.title.replace("纪要", "")}纪要什么时候印发的？`,
    ]);
    out.push({
      kind: "meta",
      doc: p.index,
      q,
      items: [],
      must: [`${y}年${mo}月${da}日`],
      alt: [m.issuedOn],
      anchor: `${p.issuer.code}|${p.kind.code}|${p.year}|${p.number}`,
    });
  }
  return { out, rejected };
}

// ---------------------------------------------------------------- driver

export interface CorpusResult {
  summary: CorpusSummary;
  questions: GeneratedQuestion[];
}

/**
 * Generates the corpus, handing each parsed document to `onDoc` as soon as it
 * is made (so 10,000 documents need not be held in memory), then picks the
 * questions. Throws when a generated document does not parse as minutes.
 */
export async function generateCorpus(opts: CorpusOptions, onDoc: (d: GeneratedDoc) => void | Promise<void>): Promise<CorpusResult> {
  const seed = opts.seed ?? 1;
  const o = { docs: opts.docs, internalRatio: opts.internalRatio ?? 0.3, startYear: opts.startYear ?? 2015, years: opts.years ?? 10 };
  if (!Number.isInteger(o.docs) || o.docs < 1) throw new Error("docs must be a positive integer");
  if (!(o.internalRatio >= 0 && o.internalRatio <= 1)) throw new Error("internal ratio must be between 0 and 1");
  const rng = new Rng(`${seed}/plan`);
  const plan = planDocs(o, rng);
  const usedDocs = new Set<string>();
  const anchors = new Map<string, number>();
  const candidates: Candidate[][] = [];
  const meta: { id: string; number: number; year: number; issuer: string; visibility: "public" | "internal" }[] = [];
  const summary: CorpusSummary = {
    docs: 0,
    bytes: 0,
    minBytes: Infinity,
    maxBytes: 0,
    items: 0,
    internal: 0,
    questions: 0,
    byKind: { emphasis: 0, decision: 0, unit: 0, meta: 0, topic: 0 },
    rejected: 0,
  };
  for (const p of plan) {
    const d = draftDocument(p, seed, usedDocs);
    const file = `${p.year}/${p.issuer.code}-${p.kind.code}-${String(p.number).padStart(3, "0")}.txt`;
    const m = parseMinutes(d.text, { path: file });
    if (m.items.length !== d.items.length) throw new Error(`${file}: generated ${d.items.length} items, the parser found ${m.items.length}`);
    if (m.number !== p.number || m.visibility !== (p.internal ? "internal" : "public"))
      throw new Error(`${file}: number or visibility not parsed as generated`);
    const bytes = Buffer.byteLength(d.text);
    summary.docs++;
    summary.bytes += bytes;
    summary.minBytes = Math.min(summary.minBytes, bytes);
    summary.maxBytes = Math.max(summary.maxBytes, bytes);
    summary.items += m.items.length;
    if (p.internal) summary.internal++;
    const qrng = new Rng(`${seed}/q/${p.index}`);
    const { out: cands, rejected } = candidatesOf(p, d, m, qrng);
    summary.rejected += rejected;
    // An anchor counts once per document; measures can repeat by chance, so every measure written counts.
    const docAnchors = new Set([...cands.map((c) => c.anchor), ...d.measures.map((x) => x.replace(/[，。；].*$/, ""))]);
    for (const a of docAnchors) anchors.set(a, (anchors.get(a) ?? 0) + 1);
    candidates.push(cands);
    meta.push({ id: m.id, number: p.number, year: p.year, issuer: p.issuer.name, visibility: m.visibility });
    await onDoc({ file, text: d.text, minutes: m });
  }

  // Questions: spread over documents, cycling through the kinds, only with anchors unique in the corpus.
  const want = Math.min(opts.questions ?? 600, plan.length * QUESTION_KINDS.length);
  const questions: GeneratedQuestion[] = [];
  const pickRng = new Rng(`${seed}/pick`);
  const order = pickRng.sample(
    plan.map((p) => p.index),
    plan.length,
  );
  let k = 0;
  for (let round = 0; questions.length < want && round < QUESTION_KINDS.length; round++) {
    for (const di of order) {
      if (questions.length >= want) break;
      const kind = QUESTION_KINDS[(k + round) % QUESTION_KINDS.length];
      k++;
      const options = candidates[di].filter((c) => c.kind === kind && anchors.get(c.anchor) === 1 && !questions.some((q) => q.q === c.q));
      if (!options.length) continue;
      const c = pickRng.pick(options);
      candidates[di] = candidates[di].filter((x) => x !== c);
      const dm = meta[di];
      questions.push({
        id: `g${String(questions.length + 1).padStart(4, "0")}`,
        q: c.q,
        items: c.items,
        must: c.must,
        ...(c.alt ? { alt: c.alt } : {}),
        kind: c.kind,
        minutesId: dm.id,
        minutesNumber: dm.number,
        year: dm.year,
        issuer: dm.issuer,
        visibility: dm.visibility,
      });
      summary.byKind[c.kind]++;
    }
  }
  summary.questions = questions.length;
  if (summary.docs === 0) summary.minBytes = 0;
  return { summary, questions };
}

/** Writes the corpus under `out`: minutes/<year>/<issuer>-<kind>-<nnn>.txt, questions.jsonl and corpus.json. */
export async function writeCorpus(opts: CorpusOptions & { out: string; onProgress?: (done: number, total: number) => void }): Promise<CorpusResult> {
  const minutesDir = join(opts.out, "minutes");
  await mkdir(minutesDir, { recursive: true });
  const dirs = new Set<string>();
  let done = 0;
  const res = await generateCorpus(opts, async (d) => {
    const file = join(minutesDir, d.file);
    const dir = dirname(file);
    if (!dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      dirs.add(dir);
    }
    await writeFile(file, d.text);
    opts.onProgress?.(++done, opts.docs);
  });
  await writeFile(join(opts.out, "questions.jsonl"), `${res.questions.map((q) => JSON.stringify(q)).join("\n")}\n`);
  const { onProgress: _p, out: _o, ...options } = opts;
  await writeFile(
    join(opts.out, "corpus.json"),
    `${JSON.stringify({ options: { seed: 1, internalRatio: 0.3, ...options }, summary: res.summary }, null, 2)}\n`,
  );
  return res;
}
