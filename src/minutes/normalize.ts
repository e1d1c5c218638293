/**
 * Normalization repairs what PDF extraction does to minutes: letter-spaced
 * headings, spaced digits («2022 年 1 月 21 日»), markdown emphasis markers,
 * radicals standing in for ideographs («⼀、», «⼈⺠»), paragraphs split
 * mid-sentence across page breaks, and the furniture of a copied web page.
 * Genuine paragraph breaks are kept. The result is the text every offset points into.
 */
import { furnitureLine, isNavigationRow, publicationRow, stripDateline, type PageFacts } from "./clutter.js";
import { foldCompatibility } from "./compat.js";
import { hasMarkup, SEAM_MARK, stripMarkup } from "./markup.js";
import { isOpeningParagraph, startsLikeOpening } from "./meeting.js";
import { isPageNumber } from "./readers/layout.js";

export interface NormalizedText {
  text: string;
  /** Start offset of each paragraph in `text`. */
  paragraphs: { start: number; end: number }[];
  /** Offset where each page starts (page n starts at pageStarts[n-1]); [0] when the input had no pages. */
  pageStarts: number[];
  /** What the dropped page furniture said (publication date, disclosure mode). */
  page: PageFacts;
  /** Number of furniture lines dropped. */
  dropped: number;
  /** The dropped rows of publication facts as they read («发布时间：…　来源：…», «责任编辑：…»), in page order. */
  publication: string[];
  /** Offsets in `text` where removed text (furniture, markup, a dateline) stood between kept text, ascending. */
  seams: number[];
}

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";
const CJK_PUNCT = "\\u3000-\\u303f\\uff00-\\uffef\\u2018-\\u201f\\u2026\\u2014\\u00b7";
const WIDE = `${CJK}${CJK_PUNCT}`;

const SPACE_BETWEEN_WIDE = new RegExp(
  `(?<=[${WIDE}])[ \\t\\u3000\\u00a0]+(?=[${WIDE}0-9A-Za-z])|(?<=[${WIDE}0-9A-Za-z])[ \\t\\u3000\\u00a0]+(?=[${WIDE}])`,
  "g",
);
const SPACE_IN_DIGITS_BEFORE_CJK = /(?<=\d)[ \t\u00a0]+(?=\d+[ \t]*[年月日号次])/g;

/** Characters that can end a paragraph. */
const TERMINAL = /[。！？；：!?;:”」』）)】…]$/;
/** A paragraph that starts a structure is never a continuation. */
const STRUCTURAL_START =
  /^(?:[一二三四五六七八九十百零〇]+、|（[一二三四五六七八九十]+）|\(?[0-9]+[.．、)）]|（[0-9]+）|会议(?:听取|审议|认为|明确|强调|指出|要求|同意|决定|原则|研究|提出|由|号召|部署)|出席|列席|请假|缺席|记录|抄送|抄报|发送|分送|主送|印送|（此件)/;
/** Lines that stand alone: headings, dates, signatures. */
const STANDALONE =
  /^(?:[一二三四五六七八九十百零〇]+、[^。]{0,80}|.{0,30}\d{4}年\d{1,2}月\d{1,2}日|.{0,30}(?:整理|印发|办公室|纪要)|第\d+号|〔\d{4}〕\d+号|篇\s*\d+|\[\d{4}-\d{2}-\d{2}\].{0,40})$/;

/** Removes markdown emphasis markers while keeping their text. */
function stripMarkdown(s: string): string {
  return s
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/__(.+?)__/g, "$1")
    .replace(/\*\*/g, "");
}

/** Folds spacing inside Chinese text: «太 仓 市» → «太仓市», «2022 年 1 月» → «2022年1月». */
export function foldSpacing(line: string): string {
  const folded = line.replace(SPACE_IN_DIGITS_BEFORE_CJK, "").trim();
  // «出席：许文澜　宋嘉禾　方立伟»: in a roster a wide space separates names (a PDF's letter spacing is one narrow space);
  // in a table row copied as text («1　完成…接入　供电公司蔚岭分公司　2025年8月15日») it separates cells.
  const roster = ROSTER.test(folded);
  const row = !roster && (folded.match(CELL_GAP) ?? []).length >= 2;
  if (row || roster)
    return folded
      .replace(row ? CELL_GAP : NAME_GAP, "\u0001")
      .replace(SPACE_BETWEEN_WIDE, "")
      .replace(/\u0001/g, "\u3000")
      .trim();
  return folded.replace(SPACE_BETWEEN_WIDE, "").trim();
}

/** «相关阅读：», «【推荐新闻】»: a list of other pages' headlines follows. */
/** «往期推荐», «猜你喜欢»: a public account's list of its other posts, to the end of the page. */
const RECOMMENDED_HEAD = /^[【[]?\s*(?:往期推荐|往期回顾|往期精彩|猜你喜欢|热门推荐|精彩推荐|相关推荐|推荐阅读)\s*[】\]]?\s*[:：]?$/;
const RELATED_HEAD = /^[【[]?\s*(?:相关|延伸|推荐)(?:新闻|阅读|链接|文章|稿件)\s*[】\]]?\s*[:：]?$/;

/** A line listing who attended: 出席, 列席, 参加, 缺席, 请假 (and 出席者, 出席人员, 与会人员…). */
export const ROSTER = /^(?:出席|列席|参加|参会|与会|缺席|请假|出席者|列席者)(?:人员|单位|领导|者)?\s*[：:]/;
/** A wide gap between two cells of a row: two or more spaces or an ideographic one, inside the line. */
const CELL_GAP = /(?<=\S)(?:[ \t\u00a0]{2,}|[ \t\u00a0]*\u3000[ \t\u3000\u00a0]*)(?=\S)/g;
/** A row of cells as `foldSpacing` keeps it: two ideographic gaps or more. */
const TABLE_ROW = /\S\u3000+\S.*\S\u3000+\S/;

/** Two or more spaces, or an ideographic one, between two characters of names. */
const NAME_GAP = /(?<=[\u3400-\u9fff])(?:[ \t\u00a0]{2,}|[ \t\u00a0]*\u3000[ \t\u3000\u00a0]*)(?=[\u3400-\u9fff])/g;

function shouldJoin(prev: string, next: string, inHeader: boolean): boolean {
  if (inHeader) return false;
  // Rows of a table stand one a line.
  if (TABLE_ROW.test(prev) || TABLE_ROW.test(next)) return false;
  if (TERMINAL.test(prev)) return false;
  if (STANDALONE.test(prev)) return false;
  // «…办公室 整理» and a date line close the document; they never continue an attendance list.
  if (/^.{0,30}(?:整理|印发)(?:\s*\d{4}年\d{1,2}月\d{1,2}日)?$|^\d{4}年\d{1,2}月\d{1,2}日$/.test(next)) return false;
  if (STRUCTURAL_START.test(next)) {
    // «（二）要» / «加快构建…»: a point label left at the end of a page keeps its sentence.
    return false;
  }
  // «…县财政预算安排0.» / «7亿元解决。»: a figure cut at its decimal point.
  if (/\d\.$/.test(prev) && /^\d/.test(next)) return true;
  // The previous line was cut mid-sentence when it ends in a character that cannot end a paragraph.
  return /[\u3400-\u9fff\w，、“《（(“‘]$/.test(prev);
}

/**
 * The line at `k` with the lines a hard wrap cut from it (a PDF copied as text
 * breaks «…在区行政中心二楼209会议» / «室主持召开区长办公会议，…» mid-sentence):
 * the header ends at the opening sentence only when it is read whole.
 */
function wrappedParagraph(pieces: { text: string }[], k: number): string {
  let text = pieces[k].text;
  // A wrapped line is a full one cut inside a sentence; a short line, a field («时间：…») or a headline (no
  // punctuation: «石砚县召开县政府办公会议研究城区停车难等问题») ends where it stands.
  if (text.length < WRAPPED_LINE || FIELD_LINE.test(text) || !/[，、；]/.test(text)) return text;
  for (
    let j = k + 1;
    j < pieces.length && j <= k + 3 && !FIELD_LINE.test(pieces[j].text) && !DATED_START.test(pieces[j].text) && shouldJoin(text, pieces[j].text, false);
    j++
  )
    text += pieces[j].text;
  return text;
}

/** The shortest line a hard wrap leaves in a body (A4 at 28–34 characters a line, 20 with wide indents). */
const WRAPPED_LINE = 20;
/** A line starting with its date («9月5日上午，…») starts a sentence: a headline above it does not run on into it. */
const DATED_START = /^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|近日|日前)/;
const FIELD_LINE = /^[^，。；]{1,10}[：:]/;

/**
 * Normalizes raw extracted text. Paragraph separators are blank lines, single
 * newlines and form feeds (page breaks); the output separates paragraphs with
 * a blank line.
 */
export function normalizeText(raw: string): NormalizedText {
  let input = foldCompatibility(raw.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n"));
  if (hasMarkup(input)) input = stripMarkup(input);
  // `seam`: removed text stood between this piece and the kept text before it.
  const pieces: { text: string; page: number; seam: boolean }[] = [];
  const facts: PageFacts = { published: null, disclosure: null, publisher: null };
  let dropped = 0;
  const publication: string[] = [];
  let page = 1;
  let gap = false;
  let inRelated = false;
  let inRecommended = false;
  for (const pageText of input.split("\f")) {
    for (const line of pageText.split("\n")) {
      // Markup removed inside a line («会议<b>强调</b>») leaves parts with a seam between them.
      line.split(SEAM_MARK).forEach((part, k) => {
        if (k > 0) gap = true;
        const folded = foldSpacing(stripMarkdown(part.replace(/[\u200b-\u200d\u2060\ufeff\ufffd]/g, "")));
        const t = stripDateline(folded);
        if (t !== folded) gap = true;
        if (!t) return;
        // «— 2 —» of a PDF copied as text; a bare «3» may be content, so only a marked number goes.
        if (isPageNumber(t) && /\D/.test(t.replace(/\s/g, ""))) {
          dropped++;
          return;
        }
        // The headlines listed under «相关阅读：» («·我县召开…», one a line) are other pages', like the label itself.
        // Under «往期推荐» (an account's earlier posts) the headlines stand one a line, unmarked.
        const related = inRelated && t.length <= 40 && (inRecommended || /^[·•・●\-—]/.test(t)) && !/[。；]/.test(t);
        inRecommended = RECOMMENDED_HEAD.test(t) || (related && inRecommended);
        inRelated = RELATED_HEAD.test(t) || inRecommended || related;
        const furniture = isNavigationRow(part) || related ? { published: null, disclosure: null, publisher: null } : furnitureLine(t);
        if (furniture) {
          if (!related && publicationRow(t)) publication.push(t);
          dropped++;
          gap = true;
          facts.published ??= furniture.published;
          facts.disclosure ??= furniture.disclosure;
          facts.publisher ??= furniture.publisher;
          return;
        }
        pieces.push({ text: t, page, seam: gap && pieces.length > 0 });
        gap = false;
      });
    }
    page++;
  }

  type Para = { text: string; page: number; breaks: { at: number; page: number }[]; seams: number[]; opening?: boolean };
  const paras: Para[] = [];
  let inHeader = true;
  pieces.forEach((piece, k) => {
    const prev = paras[paras.length - 1];
    // An opening never continues the line before it: a headline or «篇2» stands above it.
    // …unless the opening itself was cut by a hard wrap («…二楼209会议» / «室主持召开…»).
    const cut = Boolean(prev?.opening) && !inHeader && shouldJoin(prev.text, piece.text, false);
    const opening = !cut && (inHeader || startsLikeOpening(piece.text)) && isOpeningParagraph(wrappedParagraph(pieces, k));
    if (opening) inHeader = false;
    if (prev && !opening && shouldJoin(prev.text, piece.text, inHeader)) {
      if (piece.page !== prev.page && !prev.breaks.some((b) => b.page === piece.page)) {
        prev.breaks.push({ at: prev.text.length, page: piece.page });
      }
      if (piece.seam) prev.seams.push(prev.text.length);
      prev.text += piece.text;
    } else {
      paras.push({ text: piece.text, page: piece.page, breaks: [], seams: piece.seam ? [0] : [], opening });
    }
  });

  let text = "";
  const paragraphs: { start: number; end: number }[] = [];
  const pageStarts: number[] = [0];
  const seams: number[] = [];
  for (const p of paras) {
    if (text) text += "\n\n";
    const start = text.length;
    while (pageStarts.length < p.page) pageStarts.push(start);
    for (const b of p.breaks) while (pageStarts.length < b.page) pageStarts.push(start + b.at);
    for (const at of p.seams) seams.push(start + at);
    text += p.text;
    paragraphs.push({ start, end: text.length });
  }
  return { text, paragraphs, pageStarts, page: facts, dropped, seams, publication };
}
