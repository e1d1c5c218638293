import type { Item, Minutes } from "../minutes/schema.js";
import { fold } from "../index/tokenize.js";
import { unitCore } from "../retrieval/lexicon.js";
import type { AnalyzedQuery } from "../retrieval/query.js";
import { contentWords, termPresence, visible, type RankedPassage, type Retriever } from "../retrieval/retriever.js";
import { citePassage, citeSpan, citeSubstring } from "./citations.js";
import { resolveFollowUp, type ResolvedQuestion } from "./followup.js";
import { listFilter } from "./intent.js";
import type { Access, Answer, Citation, Intent, ItemRef, Turn } from "./types.js";

/** Below this coverage of the question's content words, the archive is taken to have no answer. */
export const DEFAULT_THRESHOLD = 0.5;

type Cite = Omit<Citation, "n">;

interface Draft {
  found: boolean;
  lines: { text: string; cite?: Cite }[];
  focus: ItemRef | null;
}

/** Intents a person's name turns into an attendance question; a clause (强调, 决定…) or meta question stays what it is. */
const PERSON_INTENTS = new Set<Intent>(["unit", "topic", "locate"]);

const itemHead = (it: Item) => `${it.label ? `${it.label}、` : ""}${it.title}`;

/** Sentence of [from, to) that contains `needle`, as exact offsets. */
function sentenceAround(text: string, needle: string, from: number, to: number): [number, number] | null {
  const at = text.slice(from, to).indexOf(needle);
  if (at < 0) return null;
  let s = from + at;
  while (s > from && !/[。；\n]/.test(text[s - 1])) s--;
  let e = from + at + needle.length;
  while (e < to && !/[。；\n]/.test(text[e])) e++;
  if (e < to) e++;
  return [s, e];
}

/**
 * The offline answerer: composes answers only from verbatim quotes of the
 * minutes, structured by what the question asks. It refuses («not found»)
 * when the evidence does not cover the question.
 */
export class ExtractiveAnswerer {
  constructor(
    private readonly retriever: Retriever,
    readonly threshold = DEFAULT_THRESHOLD,
  ) {}

  async answer(question: string, opts: { access?: Access; history?: Turn[] } = {}): Promise<Answer> {
    const access = opts.access ?? { internal: false };
    let resolved = resolveFollowUp(question, opts.history);
    // «由谁修改完善？» names no topic of its own: it asks about the item just discussed.
    const lastFocus = [...(opts.history ?? [])].reverse().find((t) => t.focus)?.focus ?? null;
    if (!resolved.followUp && lastFocus && !contentWords(this.retriever.analyze(resolved.query)).some((w) => w.weight === 1)) {
      resolved = { ...resolved, focus: lastFocus, followUp: true };
    }
    // «周淑亚是哪个单位的»: a person's name asks about attendance — unless the question asks for a clause.
    if (PERSON_INTENTS.has(resolved.intent) && this.mentionsAttendee(resolved.query)) resolved = { ...resolved, intent: "attendance" };
    const draft = await this.draft(resolved, access);
    return this.finish(question, resolved.intent, draft, access);
  }

  private attendees: Set<string> | null = null;

  /** True when the question names someone on an attendance list («周淑亚是哪个单位的»), outside 《》 titles and quotes. */
  private mentionsAttendee(question: string): boolean {
    const q = question.replace(/《[^》]*》|“[^”]*”|"[^"]*"/g, " ");
    this.attendees ??= new Set(this.retriever.index.minutes.flatMap((m) => [...(m.attendance?.present ?? []), ...(m.attendance?.attending.map((a) => a.name) ?? [])]).filter((n) => n.length >= 2));
    for (let i = 0; i < q.length; i++) for (let n = 2; n <= 4 && i + n <= q.length; n++) if (this.attendees.has(q.slice(i, i + n))) return true;
    return false;
  }

  /** Numbers citations in order of appearance and renders the plain-text answer. */
  finish(question: string, intent: Intent, draft: Draft, access: Access): Answer {
    const citations: Citation[] = [];
    const lines = draft.lines.map((l) => {
      if (!l.cite) return l.text;
      const key = `${l.cite.minutesId}:${l.cite.start}-${l.cite.end}`;
      let c = citations.find((x) => `${x.minutesId}:${x.start}-${x.end}` === key);
      if (!c) {
        c = { ...l.cite, n: citations.length + 1 };
        citations.push(c);
      }
      return `${l.text}[${c.n}]`;
    });
    if (!draft.found || citations.length === 0) {
      return { question, mode: "extractive", intent, found: false, answer: this.notFoundText(question, access), citations: [], focus: null };
    }
    return { question, mode: "extractive", intent, found: true, answer: lines.join("\n"), citations, focus: draft.focus };
  }

  /** What to say when the archive has no answer: plainly, with what it covers and what to try. */
  notFoundText(question: string, access: Access): string {
    const docs = this.retriever.index.minutes.filter((m) => visible(m, access));
    const covers = docs
      .slice(-5)
      .map((m) => `${m.title}${m.number !== null ? `第${m.number}号` : ""}（${m.meeting.date ?? "日期不详"}）`)
      .join("、");
    const more = docs.length > 5 ? `等 ${docs.length} 份纪要` : "";
    return [
      `未找到：现有会议纪要中没有与「${question.trim()}」直接相关的内容。`,
      docs.length ? `本库收录：${covers}${more}。` : "本库目前没有可查询的纪要。",
      "可以换个说法，或只输入关键词再试。",
    ].join("\n");
  }

  private async draft(r: ResolvedQuestion, access: Access): Promise<Draft> {
    const aq = this.retriever.analyze(r.query);
    const hits = await this.retriever.retrieveAnalyzed(aq, { k: 24, access });
    switch (r.intent) {
      case "meta":
        return this.meta(r, aq, hits, access);
      case "attendance":
        return this.attendance(r, aq, hits, access);
      case "list":
        return this.list(r, aq, hits, access);
      case "emphasis":
      case "decision":
      case "unit":
      case "followup": {
        const target = this.pickItem(r, aq, hits, access);
        if (!target) return { found: false, lines: [], focus: null };
        // «老旧小区改造要注意什么» names a topic inside an item, not the item: quote the passages that cover it.
        if (r.intent === "emphasis" && !r.focus && target.titleMatch < 0.5) return this.topic(aq, hits);
        const d = this.itemAnswer(r.intent, target.minutes, target.item, target.score);
        return d ?? this.topic(aq, hits.filter((h) => h.minutes.id === target.minutes.id && h.passage.itemOrdinal === target.item.ordinal));
      }
      default:
        return this.topic(aq, hits);
    }
  }

  /** How well an item's title, documents and units match the question (0–1). */
  private itemMatch(aq: AnalyzedQuery, it: Item): number {
    const words = contentWords(aq);
    if (!words.length) return 0;
    const hay = fold(`${it.title} ${it.documents.join(" ")} ${it.reportingUnit ?? ""}`);
    const total = words.reduce((n, w) => n + w.weight, 0);
    return words.reduce((n, w) => n + w.weight * termPresence(w.word, hay, this.retriever.lexicon), 0) / total;
  }

  /** The agenda item a structured question is about, or null when the evidence is too weak. */
  private pickItem(r: ResolvedQuestion, aq: AnalyzedQuery, hits: RankedPassage[], access: Access) {
    if (r.focus) {
      const m = this.retriever.byId.get(r.focus.minutesId);
      const item = m?.items[r.focus.ordinal - 1];
      if (m && item && visible(m, access)) {
        const own = contentWords(aq).length ? this.bestItem(aq, hits) : null;
        if (!own || own.titleMatch < 0.5) return { minutes: m, item, score: 1, coverage: 1, titleMatch: 1 };
      }
    }
    const best = this.bestItem(aq, hits);
    if (!best) return null;
    if (Math.max(best.coverage, best.titleMatch) < this.threshold) return null;
    return best;
  }

  private bestItem(aq: AnalyzedQuery, hits: RankedPassage[]) {
    let best: { minutes: Minutes; item: Item; score: number; coverage: number; titleMatch: number } | null = null;
    const top = hits[0]?.score ?? 0;
    for (const h of hits.slice(0, 12)) {
      if (h.passage.itemOrdinal === null) continue;
      const item = h.minutes.items[h.passage.itemOrdinal - 1];
      const titleMatch = this.itemMatch(aq, item);
      const score = (top ? h.score / top : 0) + titleMatch + h.coverage * 0.5;
      if (!best || score > best.score) best = { minutes: h.minutes, item, score, coverage: h.coverage, titleMatch };
    }
    return best;
  }

  /** Answers from an item's structure; null when the item lacks the asked-for part. */
  private itemAnswer(intent: Intent, m: Minutes, it: Item, score: number): Draft | null {
    const focus = { minutesId: m.id, ordinal: it.ordinal };
    const head = { text: `${itemHead(it)}：` };
    if (intent === "emphasis") {
      const sections = it.sections.filter((s) => s.kind === "emphasis");
      const chosen = sections.length ? sections : it.sections.filter((s) => s.kind === "instruction");
      if (!chosen.length) return null;
      const lines: Draft["lines"] = [];
      for (const s of chosen) {
        const section = s.lead && s.lead !== "会议" ? s.lead : s.kind === "emphasis" ? "会议强调" : "会议要求";
        lines.push({ text: `${itemHead(it)}——${section}：` });
        if (s.points.length === 0) {
          lines.push({ text: s.text, cite: citeSpan(m, s.start, s.end, { item: it, section, sectionKind: s.kind, score }) });
          continue;
        }
        const leadText = m.text.slice(s.start, s.points[0].start).replace(/^会议[\u4e00-\u9fa5]{0,4}[，,：:]?/, "").trim();
        if (leadText.length >= 8) {
          const c = citeSubstring(m, leadText, s.start, s.points[0].start, { item: it, section, sectionKind: s.kind, score });
          if (c) lines.push({ text: leadText, cite: c });
        }
        for (const p of s.points) {
          lines.push({ text: p.text, cite: citeSpan(m, p.start, p.end, { item: it, section, sectionKind: s.kind, pointLabel: p.label, score }) });
        }
      }
      return { found: true, lines, focus };
    }
    const decisionSection = it.sections.find((s) => s.kind === "decision");
    if (intent === "decision") {
      if (!it.decision) return null;
      const where = decisionSection ?? it;
      const span = sentenceAround(m.text, it.decision, where.start, where.end);
      if (!span) return null;
      const c = citeSpan(m, span[0], span[1], { item: it, section: decisionSection?.lead && decisionSection.lead !== "会议" ? decisionSection.lead : "会议决定", sectionKind: "decision", score });
      return { found: true, lines: [head, { text: `会议决定：${it.decision}。`, cite: c }], focus };
    }
    if (intent === "followup") {
      const phrase = it.followUp;
      if (!phrase) return null;
      const span = sentenceAround(m.text, phrase, it.start, it.end);
      if (!span) return null;
      const c = citeSpan(m, span[0], span[1], { item: it, section: "会后落实", sectionKind: "decision", score });
      return { found: true, lines: [head, { text: `${phrase}。`, cite: c }], focus };
    }
    // unit: who reported, who is responsible afterwards.
    const lines: Draft["lines"] = [head];
    const report = it.sections.find((s) => s.kind === "report");
    if (it.reportingUnit && report) {
      const span = sentenceAround(m.text, it.reportingUnit, report.start, report.end);
      if (span) lines.push({ text: `汇报（起草）单位：${it.reportingUnit}。`, cite: citeSpan(m, span[0], span[1], { item: it, section: report.lead ?? "会议听取", sectionKind: "report", score }) });
    }
    if (it.followUp && it.responsibleUnits.length) {
      const span = sentenceAround(m.text, it.followUp, it.start, it.end);
      if (span) lines.push({ text: `会后负责单位：${it.responsibleUnits.join("、")}。`, cite: citeSpan(m, span[0], span[1], { item: it, section: "会后落实", sectionKind: "decision", score }) });
    }
    return lines.length > 1 ? { found: true, lines, focus } : null;
  }

  /**
   * The minutes a meeting-level question is about: narrowed by number, year,
   * session and date when the question gives them, then by the issuer it
   * names, then by retrieval. Null when what it names does not exist.
   */
  private pickMinutes(r: ResolvedQuestion, aq: AnalyzedQuery, hits: RankedPassage[], access: Access): Minutes | null {
    let all = this.retriever.index.minutes.filter((m) => visible(m, access));
    const narrow = (keep: (m: Minutes) => boolean) => (all = all.filter(keep));
    if (aq.minutesNumber !== null) narrow((m) => m.number === aq.minutesNumber);
    if (aq.year !== null) narrow((m) => m.year === aq.year || (m.meeting.date ?? "").startsWith(String(aq.year)));
    if (aq.session !== null && all.some((m) => m.meeting.session === aq.session)) narrow((m) => m.meeting.session === aq.session);
    if (aq.date) narrow((m) => Boolean(m.meeting.date && (m.meeting.date === aq.date || m.meeting.date.endsWith(aq.date!.slice(2)))));
    const named = aq.minutesNumber !== null || aq.year !== null || aq.date !== null;
    if (!named && r.focus) return this.retriever.byId.get(r.focus.minutesId) ?? null;
    if (all.length <= 1) return all[0] ?? null;
    const q = fold(aq.raw);
    const byIssuer = all.filter((m) => {
      const issuer = fold(m.issuer ?? "");
      return issuer.length >= 2 && (q.includes(issuer) || q.includes(issuer.replace(/人民政府$/, "")));
    });
    if (byIssuer.length) all = byIssuer;
    const ids = new Set(all.map((m) => m.id));
    return hits.find((h) => ids.has(h.minutes.id))?.minutes ?? all.at(-1) ?? null;
  }

  private meta(r: ResolvedQuestion, aq: AnalyzedQuery, hits: RankedPassage[], access: Access): Draft {
    const m = this.pickMinutes(r, aq, hits, access);
    if (!m) return { found: false, lines: [], focus: null };
    const q = r.query;
    const header = (text: string, section = "会议概况") => citeSubstring(m, text, m.headerSpan.start, m.headerSpan.end, { item: null, section, sectionKind: "header" });
    const lines: Draft["lines"] = [{ text: `${m.title}${m.number !== null ? `第${m.number}号` : ""}：` }];
    const opening = m.summary.split(/[，,]/).slice(0, 2).join("，");
    const openingCite = header(/主持/.test(opening) ? opening : m.summary.split("，")[0]) ?? header(m.summary);
    if (/印发|发布|下发|发文/.test(q) && m.issuedOn) {
      const dateLine = m.text.slice(m.headerSpan.start, m.summarySpan.start).split("\n").map((l) => l.trim()).filter((l) => /\d{4}年\d{1,2}月\d{1,2}日/.test(l)).at(-1);
      const c = dateLine ? header(dateLine, "印发日期") : null;
      lines.push({ text: `印发日期：${m.issuedOn}。`, cite: c ?? undefined });
    } else if (/整理/.test(q) && m.compiledBy) {
      const c = citeSubstring(m, m.compiledBy, m.attendance?.end ?? m.summarySpan.end, m.text.length, { item: null, section: "落款", sectionKind: "header" });
      lines.push({ text: `整理单位：${m.compiledBy}，${m.compiledOn ?? ""}。`, cite: c ?? undefined });
    } else {
      const parts: string[] = [];
      if (/主持|谁/.test(q) && m.meeting.chair) parts.push(`主持人：${m.meeting.chair}${m.meeting.chairRole ?? ""}`);
      if (/哪天|哪一天|什么时候|何时|日期|时间|几月/.test(q) && m.meeting.date) parts.push(`会议日期：${m.meeting.date}${m.meeting.period ?? ""}`);
      if (/第几次|哪次|名称/.test(q) && m.meeting.name) parts.push(`会议：${m.meeting.name}`);
      if (/第几号|几号/.test(q) && m.number !== null) parts.push(`纪要编号：第${m.number}号`);
      if (!parts.length) parts.push(`${m.meeting.date ?? ""}${m.meeting.period ?? ""}，${m.meeting.chair ?? ""}${m.meeting.chairRole ?? ""}主持召开${m.meeting.name ?? "会议"}`);
      lines.push({ text: `${parts.join("；")}。`, cite: openingCite ?? undefined });
    }
    return { found: lines.some((l) => l.cite), lines, focus: null };
  }

  private attendance(r: ResolvedQuestion, aq: AnalyzedQuery, hits: RankedPassage[], access: Access): Draft {
    const m = this.pickMinutes(r, aq, hits, access);
    if (!m?.attendance) return { found: false, lines: [], focus: null };
    const att = m.attendance;
    const q = fold(r.query);
    const cores = (u: string) => [u, unitCore(u)];
    const aliases = [...this.retriever.lexicon.units].flatMap(([canonical, list]) => (list.some((a) => q.includes(a)) ? [unitCore(canonical)] : []));
    const asked = att.attending.filter((a) => cores(a.unit).some((u) => u.length >= 2 && q.includes(fold(u))) || aliases.includes(unitCore(a.unit)));
    const lines: Draft["lines"] = [{ text: `${m.title}${m.number !== null ? `第${m.number}号` : ""}：` }];
    const ctx = { item: null, section: "列席", sectionKind: "attendance" as const };
    if (asked.length) {
      const byUnit = new Map<string, string[]>();
      for (const a of asked) byUnit.set(a.unit, [...(byUnit.get(a.unit) ?? []), a.name]);
      for (const [unit, names] of byUnit) {
        const c = citeSubstring(m, `${unit}${names[0]}`, att.start, att.end, ctx) ?? citeSubstring(m, unit, att.start, att.end, ctx);
        lines.push({ text: `${unit}列席：${names.join("、")}。`, cite: c ?? undefined });
      }
      return { found: true, lines, focus: null };
    }
    const person = att.attending.find((a) => q.includes(a.name));
    if (person) {
      // «市政府办王晨清、汪志杰»: cite from the unit to the name asked about.
      const unitAt = m.text.indexOf(person.unit, att.start);
      const nameAt = unitAt >= 0 ? m.text.indexOf(person.name, unitAt) : -1;
      const c = nameAt >= 0 && nameAt < att.end ? citeSpan(m, unitAt, nameAt + person.name.length, ctx) : null;
      lines.push({ text: `${person.name}：${person.unit}，列席。`, cite: c ?? undefined });
      return { found: Boolean(c), lines, focus: null };
    }
    // «市委宣传部代表»: lines naming a unit without people.
    const otherAsked = att.other.find((o) => {
      const unit = o.replace(/(的)?(代表|同志|负责同志|有关负责人)(等)?$/, "");
      return unit.length >= 2 && (q.includes(fold(unit)) || q.includes(fold(unitCore(unit))));
    });
    if (otherAsked) {
      const c = citeSubstring(m, otherAsked, att.start, att.end, { ...ctx, section: "出席情况" });
      lines.push({ text: `${otherAsked}。`, cite: c ?? undefined });
      return { found: Boolean(c), lines, focus: null };
    }
    const nameAsked = att.present.find((n) => q.includes(n));
    if (nameAsked || /出席|谁参加|与会|参会/.test(q) || !/列席/.test(q)) {
      const presentPara = m.text.slice(att.start, att.end).split("\n\n").find((p) => /^出席/.test(p));
      if (presentPara) lines.push({ text: `出席：${att.present.join("、")}。`, cite: citeSubstring(m, presentPara, att.start, att.end, { ...ctx, section: "出席" }) ?? undefined });
    }
    if (/列席|参加|与会|参会/.test(q) || lines.length === 1) {
      const para = m.text.slice(att.start, att.end).split("\n\n").find((p) => /^列席/.test(p));
      if (para) lines.push({ text: `列席单位 ${new Set(att.attending.map((a) => a.unit)).size} 个、共 ${att.attending.length} 人，名单见原文。`, cite: citeSubstring(m, para, att.start, att.end, ctx) ?? undefined });
    }
    return { found: lines.some((l) => l.cite), lines, focus: null };
  }

  private list(r: ResolvedQuestion, aq: AnalyzedQuery, hits: RankedPassage[], access: Access): Draft {
    const m = this.pickMinutes(r, aq, hits, access);
    if (!m) return { found: false, lines: [], focus: null };
    const kind = listFilter(r.query);
    const items = m.items.filter((it) => !kind || it.title.includes(kind) || it.documents.some((d) => d.includes(kind)));
    if (!items.length) return { found: false, lines: [], focus: null };
    const lines: Draft["lines"] = [{ text: `${m.title}${m.number !== null ? `第${m.number}号` : ""}（${m.meeting.date ?? ""}）${kind ? `审议的${kind}` : "的议题"}共 ${items.length} 项：` }];
    for (const it of items) {
      const headEnd = m.text.indexOf("\n", it.start);
      const end = headEnd > it.start && headEnd < it.end ? headEnd : Math.min(it.end, it.start + itemHead(it).length);
      lines.push({ text: itemHead(it), cite: citeSpan(m, it.start, end, { item: it, section: "议题", sectionKind: "item" }) });
    }
    return { found: true, lines, focus: null };
  }

  /** Best passages, grouped by agenda item with the item title as heading. */
  private topic(aq: AnalyzedQuery, all: RankedPassage[]): Draft {
    // Agenda items answer topic questions; the header and attendance lists only when nothing else does.
    const inItems = all.filter((h) => h.passage.itemOrdinal !== null && h.coverage >= this.threshold);
    const hits = inItems.length ? all.filter((h) => h.passage.itemOrdinal !== null) : all.filter((h) => h.passage.kind !== "attendance");
    const best = hits[0];
    if (!best || best.coverage < this.threshold) return { found: false, lines: [], focus: null };
    const chosen: RankedPassage[] = [];
    for (const h of hits) {
      if (chosen.length >= 4) break;
      if (h.coverage < this.threshold || h.score < best.score * 0.6) continue;
      if (chosen.some((c) => c.minutes.id === h.minutes.id && c.passage.start < h.passage.end && h.passage.start < c.passage.end)) continue;
      chosen.push(h);
    }
    const groups = new Map<string, RankedPassage[]>();
    for (const h of chosen) {
      const key = `${h.minutes.id}:${h.passage.itemOrdinal ?? "-"}`;
      groups.set(key, [...(groups.get(key) ?? []), h]);
    }
    const lines: Draft["lines"] = [];
    for (const group of groups.values()) {
      const { minutes: m, passage: p } = group[0];
      const it = p.itemOrdinal ? m.items[p.itemOrdinal - 1] : null;
      lines.push({ text: `${it ? itemHead(it) : p.section}（${m.title}${m.number !== null ? `第${m.number}号` : ""}）：` });
      for (const h of group.sort((a, b) => a.passage.start - b.passage.start)) {
        lines.push({ text: h.minutes.text.slice(h.passage.start, h.passage.end), cite: citePassage(h.minutes, h.passage, h.coverage) });
      }
    }
    const first = chosen[0];
    return { found: true, lines, focus: first.passage.itemOrdinal ? { minutesId: first.minutes.id, ordinal: first.passage.itemOrdinal } : null };
  }
}
