/**
 * Reads the structure of a government document (公文): its title and kind, 文号,
 * issuer and date, its headings (第X编/章/节/条, 一、（一）1.（1）①, unnumbered
 * section lines of a 规划 or 报告, 附件, the document a 关于印发…的通知 prints)
 * and the body blocks under them. Patterns read the match view (simplified,
 * full-width punctuation, one code unit for one); offsets and labels are into
 * the record's own text, so traditional characters keep their form.
 */
import { z } from "zod";
import { datesIn, type FoundDate } from "./dates.js";
import { matchView } from "./match-view.js";

/** A structural heading of a document: 第一章 总则, 第三条, 一、（一）1.（1）, or an unnumbered heading line. */
export const DocHeadingSchema = z.object({
  level: z.number().int().positive(),
  label: z.string(),
  title: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type DocHeading = z.infer<typeof DocHeadingSchema>;

/** A body block: a paragraph, an article or a numbered point, with the headings above it. */
export const DocBlockSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  path: z.array(z.number().int().nonnegative()),
});
export type DocBlock = z.infer<typeof DocBlockSchema>;

export const DocumentSchema = z.object({
  title: z.string().nullable(),
  kind: z.string().nullable(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  date: z.string().nullable(),
  headings: z.array(DocHeadingSchema),
  blocks: z.array(DocBlockSchema),
  /** Why this text reads as a document: «title ends with 办法», «12 articles 第X条», «文号» … */
  evidence: z.array(z.string()),
});
export type DocumentStructure = z.infer<typeof DocumentSchema>;

/** What the reader knows besides the text: the file's first line, the page's 发布日期, and 文号 / 发文机关 from a page's metadata table. */
export interface DocumentHints {
  fileTitle?: string | null;
  published?: string | null;
  docNumber?: string | null;
  issuer?: string | null;
}

/** Kinds a title ends with (公文种类 and the usual policy-document names), longest first where one ends another. */
const KINDS =
  "办法|规划|方案|通知|意见|决定|报告|规定|细则|指南|计划|纲要|条例|规则|制度|公告|通告|批复|决议|要点|措施|清单|目录|守则|章程|预案|导则|公报|通报|指引|准则|规程|须知|函";
/** A title's trailing remarks: «（试行）», «（2023—2025年）», «（征求意见稿）», «（草案）». */
const TITLE_SUFFIX = /(?:（[^（）]{1,20}）|\([^()]{1,20}\))+$/;
const TITLE_KIND = new RegExp(`(${KINDS})$`);
/** 文号: «X政发〔2022〕12号», «X办〔2023〕5号» with 〔〕[]（）【】 brackets. */
const DOC_NUMBER = /[\u4e00-\u9fa5A-Za-z]{1,16}\s*[〔[（(【［]\s*\d{4}\s*[〕\]）)】］]\s*第?\s*\d{1,5}\s*号/;
const ORGAN = "人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|管理委员会|政府|局|厅|委|办|中心|院";
const ISSUER_LINE = new RegExp(`^[\\u4e00-\\u9fa5（）]{2,40}?(?:${ORGAN})$`);
const TITLE_ISSUER = new RegExp(`^([\\u4e00-\\u9fa5]{2,30}?(?:${ORGAN}))(?=关于|印发)`);
const RED_HEADER = new RegExp(`^([\\u4e00-\\u9fa5]{2,40}?(?:${ORGAN}))文件$`);
const CN_NUM = "[一二三四五六七八九十百零〇两]+";
const RANKED = new RegExp(`^第(${CN_NUM}|\\d{1,3})(编|部分|章|节)\\s*(.{0,40})$`);
const JOINED_CHAPTER = new RegExp(`^第(?:${CN_NUM}|\\d{1,3})(?:编|部分|章|节)[^。；，第]{0,30}(?=第(?:${CN_NUM}|\\d{1,3})条)`);
const ARTICLE = new RegExp(`^第(${CN_NUM}|\\d{1,3})条[\\s　]*`);
const NUMBERED: { kind: string; re: RegExp }[] = [
  { kind: "一、", re: /^[一二三四五六七八九十百]+、\s*/ },
  { kind: "（一）", re: /^（[一二三四五六七八九十]+）\s*/ },
  { kind: "1.", re: /^\d{1,2}[.．、](?!\d)\s*/ },
  { kind: "（1）", re: /^（\d{1,2}）\s*/ },
  { kind: "①", re: /^[①-⑳]\s*/ },
];
const ANNEX = /^附件\s*([0-9一二三四五六七八九十]{0,3})\s*[:：]?$/;
const TERMINAL = /[。！？；：!?;:”」』）)】…]$/;
/** Lines that close a document or its notice: publication mark, 版记 (抄送, …印发), bare dates. */
const CLOSING =
  /^[（(]此页无正文[）)]$|^[（(【]?\s*此件[^）)】]{0,12}[）)】]?$|^[（(]?(?:此件|本件)?(?:公开发布|主动公开|依申请公开|不予公开)[）)]?$|^(?:抄送|抄报|主送|分送)[:：]|印发$/;
const SPEAKER_LINE = /^[\u4e00-\u9fa5]{0,20}(?:市长|县长|区长|省长|主任|书记|局长|代市长|代县长)\s*[\u4e00-\u9fa5]{2,4}$/;
/** Kinds of document that title their sections with unnumbered short lines. */
const PLAIN_HEADING_KINDS = new Set(["规划", "报告", "纲要", "计划"]);

interface Line {
  start: number;
  end: number;
  /** The match view of the line. */
  v: string;
}

type Role = "furniture" | "title" | "number" | "closing" | "body";

interface Title {
  text: string;
  kind: string;
  first: number;
  last: number;
}

function linesOf(text: string, view: string): Line[] {
  const out: Line[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end <= start) continue;
    // «第一章总则第一条…»: a chapter heading run into its first article by a line join is two lines.
    const joined = JOINED_CHAPTER.exec(view.slice(start, end));
    if (joined) {
      const at = start + joined[0].length;
      out.push({ start, end: at, v: view.slice(start, at) });
      start = at;
    }
    out.push({ start, end, v: view.slice(start, end) });
  }
  return out;
}

const compact = (s: string) => s.replace(/[\s　]+/g, "");
const bare = (s: string) => compact(s).replace(TITLE_SUFFIX, "");

/** The document kind a title ends with, after its bracketed remarks; null when it ends with none. */
export function titleKind(title: string): string | null {
  const t = compact(title)
    .replace(/[。.]$/, "")
    .replace(TITLE_SUFFIX, "");
  const m = TITLE_KIND.exec(t);
  if (!m) return null;
  // «…的函» is a letter; a bare «函» ending another word is not.
  if (m[1] === "函" && !/的函$/.test(t)) return null;
  return m[1];
}

function looksLikeTitle(v: string): boolean {
  return v.length >= 4 && v.length <= 90 && !/[。；！？，]/.test(v.replace(/（[^）]*）/g, "")) && !/[：:]$/.test(v) && !isHeadingLabel(v);
}

function isHeadingLabel(v: string): boolean {
  return RANKED.test(v) || ARTICLE.test(v) || NUMBERED.some((n) => n.re.test(v)) || ANNEX.test(v);
}

/** A line that is a whole title by itself: more than its kind word, and not the end of a 《》 opened above. */
function standsAlone(v: string, kind: string): boolean {
  const b = bare(v);
  return b.length >= kind.length + 6 && !/^[^《]*》/.test(b);
}

/** A title on line i, or wrapped over up to three lines from i. */
function titleAt(lines: Line[], i: number, text: string): Title | null {
  let joined = "";
  let written = "";
  for (let j = i; j < Math.min(lines.length, i + 3); j++) {
    const l = lines[j];
    if (!looksLikeTitle(l.v) || joined.length + l.v.length > 120) return null;
    joined += l.v;
    written += text.slice(l.start, l.end);
    const kind = titleKind(joined);
    // A line above a complete title joins it only when it names the issuer («桐江区人民政府» / «关于印发…的通知»).
    if (kind && j > i && standsAlone(l.v, kind) && (!ISSUER_LINE.test(lines[i].v) || TITLE_ISSUER.test(l.v))) return null;
    if (kind) return { text: written, kind, first: i, last: j };
    // Only a title's first part («…关于印发《…») continues on the next line; a short complete line stands alone.
    if (j > i && /》$|[)）]$/.test(joined)) return null;
  }
  return null;
}

function isoOf(d: FoundDate): string {
  return `${d[1]}-${d[2].padStart(2, "0")}-${d[3].padStart(2, "0")}`;
}

/** A line that is only a date («2022年3月1日», «二〇二二年三月一日», in brackets or not). */
function dateLine(v: string): FoundDate | null {
  const d = datesIn(v)[0];
  if (!d) return null;
  const rest = v.replace(d[0], "").replace(/[（）()\s]/g, "");
  return rest === "" ? d : null;
}

/** Titles a notice prints or forwards: «现将《…》印发给你们», «…印发《…》». */
function printedTitles(v: string): string[] {
  const out: string[] = [];
  for (const m of v.matchAll(/《([^《》]{2,80})》/g)) {
    const around = v.slice(Math.max(0, m.index - 12), m.index + m[0].length + 16);
    if (/现将|印发|转发|颁布|发布/.test(around) && !out.includes(m[1])) out.push(m[1]);
  }
  return out;
}

/** Rank of a heading kind that has a fixed place: a document or annex above all, then 编 (or 第X部分) > 章 > 节 > 条. */
const RANK: Record<string, number> = { doc: -1, annex: -1, 编: 0, 部分: 0, 章: 1, 节: 2, 条: 3 };

/**
 * Reads the structure of a document. `text` is the normalized text (Minutes.text); offsets index into it.
 * Returns null when nothing marks the text as a document (no title kind, no 文号, fewer than 2 structural headings).
 */
export function readDocument(text: string, hints: DocumentHints = {}): DocumentStructure | null {
  const view = matchView(text);
  const lines = linesOf(text, view);
  const roles: Role[] = lines.map(() => "body");
  const evidence: string[] = [];

  // Header: furniture, 文号 and the title among the first lines, before the body starts.
  let title: Title | null = null;
  let docNumber: string | null = null;
  let headerIssuer: string | null = null;
  let subtitleDate: string | null = null;
  let bodyFrom = 0;
  const headerEnd = Math.min(lines.length, 12);
  for (let i = 0; i < headerEnd; i++) {
    const v = lines[i].v;
    const num = DOC_NUMBER.exec(v);
    if (num && v.length <= num[0].length + 12) {
      docNumber ??= text.slice(lines[i].start + num.index, lines[i].start + num.index + num[0].length).replace(/\s+/g, "");
      roles[i] = "number";
      bodyFrom = i + 1;
      continue;
    }
    if (title) {
      // Under the title: «（2023年4月10日市政府第12次常务会议审议通过）», a report's «——在…会议上» and its speaker.
      if (/^[（(].{2,60}(?:通过|发布|印发|施行)[）)]$/.test(v) || /^[—－-]{1,2}/.test(v) || SPEAKER_LINE.test(v)) {
        roles[i] = "furniture";
        // A report's «——2024年1月16日在…会议上» dates it when no signature does.
        const said = /^[—－-]/.test(v) ? datesIn(v)[0] : undefined;
        if (said) subtitleDate ??= isoOf(said);
        bodyFrom = i + 1;
        continue;
      }
      break;
    }
    if (isHeadingLabel(v) || /[：:]$/.test(v) || (v.length > 40 && /[。；]/.test(v))) break;
    const red = RED_HEADER.exec(v);
    if (red) {
      headerIssuer ??= text.slice(lines[i].start, lines[i].start + red[1].length);
      roles[i] = "furniture";
      bodyFrom = i + 1;
      continue;
    }
    const t = titleAt(lines, i, text);
    if (t) {
      title = t;
      for (let j = t.first; j <= t.last; j++) roles[j] = "title";
      bodyFrom = t.last + 1;
      i = t.last;
      continue;
    }
    if (v.length <= 20 && !/[。；，]/.test(v)) {
      // Short furniture above a title: «签发人：…», «特急», «机密★1年».
      roles[i] = "furniture";
      continue;
    }
    break;
  }
  if (!title && hints.fileTitle) {
    const kind = titleKind(hints.fileTitle);
    if (kind) title = { text: hints.fileTitle.trim(), kind, first: -1, last: -1 };
  }
  if (title) evidence.push(`title ends with ${title.kind}`);
  if (!docNumber && hints.docNumber) docNumber = hints.docNumber;
  if (docNumber) evidence.push(`文号 ${docNumber}`);

  // Closing lines: issuer + date signature, publication mark, 版记.
  let issuer: string | null = null;
  let date: string | null = null;
  for (let i = bodyFrom; i < lines.length; i++) {
    const v = lines[i].v;
    if (CLOSING.test(v)) {
      roles[i] = "closing";
      continue;
    }
    const d = dateLine(v);
    if (d) {
      roles[i] = "closing";
      const prev = lines[i - 1];
      if (prev && roles[i - 1] === "body" && ISSUER_LINE.test(prev.v) && prev.v.length <= 40) {
        roles[i - 1] = "closing";
        if (!issuer) {
          issuer = text.slice(prev.start, prev.end);
          date = isoOf(d);
          evidence.push("issuer and date close the text");
        }
      }
      date ??= isoOf(d);
      continue;
    }
    // «XX市人民政府　2022年3月1日» on one line.
    const inline = datesIn(v).at(-1);
    if (inline && v.endsWith(inline[0]) && v.length <= 50) {
      const who = v.slice(0, v.length - inline[0].length).trim();
      if (ISSUER_LINE.test(who)) {
        roles[i] = "closing";
        if (!issuer) {
          issuer = text.slice(lines[i].start, lines[i].start + who.length);
          date = isoOf(inline);
          evidence.push("issuer and date close the text");
        }
      }
    }
  }
  if (!issuer) {
    const fromTitle = title ? TITLE_ISSUER.exec(matchView(title.text)) : null;
    issuer = headerIssuer ?? (fromTitle ? title!.text.slice(0, fromTitle[1].length) : null) ?? hints.issuer ?? null;
  }
  date ??= subtitleDate ?? hints.published ?? null;

  // The document a notice prints: its title line becomes the outermost heading of what follows.
  const printed = new Set<string>();
  if (title) for (const t of printedTitles(matchView(title.text))) printed.add(bare(t));
  for (let i = bodyFrom; i < lines.length; i++) if (roles[i] === "body") for (const t of printedTitles(lines[i].v)) printed.add(bare(t));

  const headings: DocHeading[] = [];
  const blocks: DocBlock[] = [];
  const stack: { kind: string; index: number }[] = [];
  let open: DocBlock | null = null;
  let inArticle = false;
  let prevEndsSentence = true;
  let articles = 0;
  // A 规划 or 报告 titles its sections with unnumbered lines, and so does one a notice prints (from its title on).
  let plainHeadings = title ? PLAIN_HEADING_KINDS.has(title.kind) : false;

  const push = (kind: string, h: DocHeading) => {
    const rank = RANK[kind];
    if (rank !== undefined) {
      while (stack.length) {
        const top = RANK[stack[stack.length - 1].kind];
        if (top !== undefined && top < rank) break;
        stack.pop();
      }
    } else {
      const at = stack.findIndex((s) => s.kind === kind);
      if (at >= 0) stack.length = at;
    }
    h.level = stack.length + 1;
    headings.push(h);
    stack.push({ kind, index: headings.length - 1 });
    inArticle = kind === "条";
  };
  const startBlock = (line: Line) => {
    open = { start: line.start, end: line.end, path: stack.map((s) => s.index) };
    blocks.push(open);
  };

  for (let i = bodyFrom; i < lines.length; i++) {
    if (roles[i] !== "body") {
      if (roles[i] === "closing") {
        open = null;
        prevEndsSentence = true;
      }
      continue;
    }
    const line = lines[i];
    const v = line.v;
    const cv = compact(v);
    // A portal prints the title as its headline and again above the document.
    if (title && i <= bodyFrom + 3 && cv === compact(matchView(title.text))) {
      roles[i] = "title";
      continue;
    }

    // The printed document's title, one line or wrapped over two.
    if (printed.size && looksLikeTitle(v)) {
      const two = lines[i + 1] && roles[i + 1] === "body" ? compact(v + lines[i + 1].v) : null;
      const hit = printed.has(bare(cv)) ? 1 : two && printed.has(bare(two)) ? 2 : 0;
      if (hit) {
        const last = lines[i + hit - 1];
        plainHeadings ||= PLAIN_HEADING_KINDS.has(titleKind(view.slice(line.start, last.end)) ?? "");
        push("doc", {
          level: 1,
          label: "",
          title: text.slice(line.start, line.end) + (hit === 2 ? text.slice(last.start, last.end) : ""),
          start: line.start,
          end: last.end,
        });
        evidence.push(`prints 《${headings[headings.length - 1].title}》`);
        i += hit - 1;
        open = null;
        prevEndsSentence = true;
        continue;
      }
    }

    const annex = ANNEX.exec(v);
    if (annex) {
      // «附件1» and the attachment's title on the next line.
      const next = lines[i + 1];
      const named = next && roles[i + 1] === "body" && looksLikeTitle(next.v) && !isHeadingLabel(next.v);
      push("annex", {
        level: 1,
        label: text.slice(line.start, line.end).replace(/[:：]$/, ""),
        title: named ? text.slice(next.start, next.end) : "",
        start: line.start,
        end: named ? next.end : line.end,
      });
      if (named) {
        if (printed.has(bare(next.v))) evidence.push(`prints 《${text.slice(next.start, next.end)}》`);
        i++;
      }
      open = null;
      prevEndsSentence = true;
      continue;
    }

    const ranked = RANKED.exec(v);
    if (ranked && !/[。；，]/.test(ranked[3])) {
      const labelEnd = v.indexOf(ranked[2]) + ranked[2].length;
      push(ranked[2], {
        level: 1,
        label: text.slice(line.start, line.start + labelEnd),
        title: text.slice(line.start + labelEnd, line.end).trim(),
        start: line.start,
        end: line.end,
      });
      open = null;
      prevEndsSentence = true;
      continue;
    }

    const article = ARTICLE.exec(v);
    if (article) {
      const label = text.slice(line.start, line.start + article[0].length).trim();
      push("条", { level: 1, label, title: firstSentence(text, line.start + article[0].length, line.end), start: line.start, end: line.end });
      articles++;
      startBlock(line);
      prevEndsSentence = TERMINAL.test(v);
      continue;
    }

    const numbered = inArticle ? null : NUMBERED.map((n) => ({ kind: n.kind, m: n.re.exec(v) })).find((n) => n.m);
    if (numbered?.m) {
      const labelLen = numbered.m[0].length;
      const label = text.slice(line.start, line.start + labelLen).trim();
      // A label with a short name alone on its line is a pure heading; anything said after it (or a full stop) is body text too.
      const rest = v.slice(labelLen);
      const pure = rest.length <= 40 && !/[。；！？：，]/.test(rest);
      push(numbered.kind, {
        level: 1,
        label,
        title: pure ? text.slice(line.start + labelLen, line.start + labelLen + rest.length) : firstSentence(text, line.start + labelLen, line.end),
        start: line.start,
        end: line.end,
      });
      if (pure) open = null;
      else startBlock(line);
      prevEndsSentence = pure || TERMINAL.test(v);
      continue;
    }

    if (plainHeadings && !inArticle && prevEndsSentence && isPlainHeading(v, lines[i + 1])) {
      push("plain", { level: 1, label: "", title: text.slice(line.start, line.end), start: line.start, end: line.end });
      open = null;
      continue;
    }

    // Body text: an article keeps its items and continuation lines; a line cut mid-sentence continues its paragraph.
    const current = open as DocBlock | null;
    if (current && (inArticle || !prevEndsSentence)) current.end = line.end;
    else startBlock(line);
    prevEndsSentence = TERMINAL.test(v);
  }

  const structural = headings.filter((h) => h.label !== "").length;
  if (articles) evidence.push(`${articles} articles 第X条`);
  const chapters = headings.filter((h) => /^第.+章$/.test(h.label)).length;
  if (chapters) evidence.push(`${chapters} chapters 第X章`);
  if (!title && !docNumber && structural < 2) return null;
  if (!articles && structural >= 2) evidence.push(`${structural} numbered headings`);
  return {
    title: title?.text ?? null,
    kind: title?.kind ?? null,
    docNumber,
    issuer,
    date,
    headings,
    blocks,
    evidence,
  };
}

/**
 * A short line without sentence punctuation that a paragraph (a long line or a sentence) or a numbered heading
 * follows; the cells of a flattened table (short lines after short lines) are not headings.
 */
function isPlainHeading(v: string, next: Line | undefined): boolean {
  if (v.length > 20 || /[。；！？：，:;!?,]/.test(v) || dateLine(v) || !next) return false;
  return next.v.length > 20 || /[。！？；]$/.test(next.v) || isHeadingLabel(next.v);
}

/** The first sentence of a heading's text, without its end mark; at most 60 characters. */
function firstSentence(text: string, start: number, end: number): string {
  const s = text.slice(start, end).trimStart();
  const m = /[。；：！？;:!?]/.exec(s);
  return (m ? s.slice(0, m.index) : s).slice(0, 60).trim();
}
