/**
 * Page layout → paragraphs, shared by the PDF text layer and OCR output.
 * Coordinates grow rightwards (x) and downwards (y), in any unit (PDF points or pixels).
 */
import { isCjk, joinPieces, trimPara } from "./common.js";

/** A run of text at one position, e.g. a pdf.js text item. `y` is the baseline. */
export interface Glyphs {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

/** One visual line. `y` is its baseline (or bottom), `size` its glyph height. */
export interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

export interface PageLayout {
  lines: Line[];
  width: number;
  height: number;
  /** OCR'd page: its margins are measured on the page itself, since scans shift. */
  scanned?: boolean;
}

const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Groups positioned text runs into lines (by baseline), each read left to right. */
export function glyphsToLines(items: Glyphs[]): Line[] {
  const runs = items.filter((g) => g.str.length > 0 && g.size > 0 && Number.isFinite(g.x) && Number.isFinite(g.y));
  runs.sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: Glyphs[][] = [];
  let current: Glyphs[] = [];
  let baseline = 0;
  let size = 0;
  for (const g of runs) {
    if (current.length > 0 && Math.abs(g.y - baseline) <= 0.45 * Math.max(size, g.size)) {
      current.push(g);
      continue;
    }
    if (current.length > 0) groups.push(current);
    current = [g];
    baseline = g.y;
    size = g.size;
  }
  if (current.length > 0) groups.push(current);

  const lines: Line[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x);
    let text = "";
    let prev: Glyphs | undefined;
    let pendingSpace = false;
    let x0 = Infinity;
    let x1 = -Infinity;
    for (const g of group) {
      // Whitespace runs (often synthesised by pdf.js for a gap) only count where the
      // text on both sides is not CJK, or where the gap is wide.
      if (g.str.trim() === "") {
        pendingSpace = true;
        continue;
      }
      if (prev) {
        // Fake bold: the same string drawn twice a hair apart.
        if (g.str === prev.str && Math.abs(g.x - prev.x) < 0.25 * g.size) continue;
        const gap = g.x - (prev.x + prev.w);
        const em = Math.max(g.size, prev.size);
        const a = text[text.length - 1];
        const b = g.str[0];
        const cjk = isCjk(a) || isCjk(b);
        const spaced = /\s/.test(a ?? " ") || /\s/.test(b);
        if (!spaced && (gap > 1.5 * em || (!cjk && (pendingSpace || gap > 0.2 * em)) || (cjk && pendingSpace && gap > 0.8 * em))) text += " ";
      }
      pendingSpace = false;
      text += g.str;
      x0 = Math.min(x0, g.x);
      x1 = Math.max(x1, g.x + g.w);
      prev = g;
    }
    text = text.replace(/[ \t\u00a0]+/g, " ").trim();
    if (!text) continue;
    lines.push({ text, x0, x1, y: median(group.map((g) => g.y)), size: median(group.map((g) => g.size)) });
  }
  return lines;
}

const DASH = "-—–－―一~·•_=";
const PAGE_NUMBER = [
  new RegExp(`^[${DASH}]*\\d{1,4}[${DASH}]*$`),
  /^第[\d一二三四五六七八九十百零〇]+页([,，]?共[\d一二三四五六七八九十百零〇]+页)?$/,
  /^共[\d一二三四五六七八九十百零〇]+页[,，]?第[\d一二三四五六七八九十百零〇]+页$/,
  /^\d{1,4}\/\d{1,4}$/,
  /^page\d{1,4}(of\d{1,4})?$/i,
];

/** «— 2 —», «- 3 -», «第2页», «第 2 页 共 9 页», «2/9», «Page 2 of 9», a bare «3». */
export function isPageNumber(text: string): boolean {
  const t = text.replace(/[\s\u3000]+/g, "");
  return t.length > 0 && t.length <= 16 && PAGE_NUMBER.some((re) => re.test(t));
}

/** How many lines at the top and at the bottom of a page may be a running header or footer. */
const EDGE_LINES = 2;
const MARGIN_ZONE = 0.15;

/**
 * Removes page numbers and running headers/footers: lines among the first or last
 * two of a page, in its top or bottom margin zone, that look like a page number or
 * whose text (digits ignored) recurs at the same height on at least two pages and
 * a quarter of all pages.
 */
export function stripHeadersFooters(pages: PageLayout[]): PageLayout[] {
  const sorted = pages.map((p) => ({ ...p, lines: [...p.lines].sort((a, b) => a.y - b.y || a.x0 - b.x0) }));
  // Headers and footers sit in the page margins: among the first or last lines, and
  // in the top or bottom 15 % of the page.
  const edge = (p: PageLayout, i: number) =>
    (i < EDGE_LINES && p.lines[i].y <= MARGIN_ZONE * p.height) || (i >= p.lines.length - EDGE_LINES && p.lines[i].y >= (1 - MARGIN_ZONE) * p.height);
  const keyOf = (l: Line) => l.text.replace(/[\s\u3000]+/g, "").replace(/\d+/g, "#");

  const seen = new Map<string, { page: number; y: number; height: number }[]>();
  sorted.forEach((p, pi) => {
    p.lines.forEach((l, i) => {
      if (!edge(p, i)) return;
      const key = keyOf(l);
      if (key.length === 0 || key.length > 80) return;
      const list = seen.get(key) ?? [];
      list.push({ page: pi, y: l.y, height: p.height });
      seen.set(key, list);
    });
  });
  const minPages = Math.max(2, Math.ceil(pages.length / 4));
  const repeated = (key: string, y: number, height: number): boolean => {
    const hits = seen.get(key);
    if (!hits) return false;
    const tol = Math.max(0.02 * height, 2);
    const pagesHit = new Set(hits.filter((h) => Math.abs(h.y - y) <= tol).map((h) => h.page));
    return pagesHit.size >= minPages;
  };

  return sorted.map((p) => ({
    ...p,
    lines: p.lines.filter((l, i) => !(edge(p, i) && (isPageNumber(l.text) || repeated(keyOf(l), l.y, p.height)))),
  }));
}

interface Geometry {
  left: number;
  right: number;
  pitch: number;
}

function geometry(lines: Line[]): Geometry {
  const em = median(lines.map((l) => l.size)) || 1;
  // The body's left margin: the most common line start (bucketed to a quarter em).
  const buckets = new Map<number, { n: number; x: number }>();
  for (const l of lines) {
    const k = Math.round(l.x0 / (em / 4));
    const b = buckets.get(k) ?? { n: 0, x: l.x0 };
    b.n++;
    b.x = Math.min(b.x, l.x0);
    buckets.set(k, b);
  }
  let left = Math.min(...lines.map((l) => l.x0));
  let best = 0;
  for (const b of buckets.values()) if (b.n > best || (b.n === best && b.x < left)) [best, left] = [b.n, b.x];
  const ends = lines.map((l) => l.x1).sort((a, b) => a - b);
  const right = ends[Math.floor(0.9 * (ends.length - 1))];
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const d = lines[i].y - lines[i - 1].y;
    if (d > 0 && Math.abs(lines[i].size - lines[i - 1].size) < 0.2 * lines[i].size) gaps.push(d);
  }
  return { left, right, pitch: median(gaps) };
}

/**
 * Joins the lines of one page into paragraphs. A line continues the previous one
 * when that line runs to the right margin, this one starts at the left margin
 * (no first-line indent, not centred), the font size is the same and the line gap
 * is ordinary.
 */
export function linesToParagraphs(lines: Line[], geo?: Geometry): string[] {
  if (lines.length === 0) return [];
  const g = geo ?? geometry(lines);
  const paras: string[] = [];
  let cur = "";
  let prev: Line | undefined;
  for (const l of lines) {
    let breakHere = true;
    if (prev) {
      const em = Math.max(l.size, prev.size);
      const sameSize = Math.abs(l.size - prev.size) <= 0.2 * em;
      const normalGap = g.pitch <= 0 || l.y - prev.y <= 1.6 * g.pitch;
      const prevFull = prev.x1 >= g.right - 1.5 * em;
      const atLeft = l.x0 <= g.left + 0.8 * em;
      breakHere = !(sameSize && normalGap && prevFull && atLeft);
    }
    if (breakHere) {
      if (prev) paras.push(cur);
      cur = l.text;
    } else cur = joinPieces(cur, l.text);
    prev = l;
  }
  paras.push(cur);
  return paras.map(trimPara).filter(Boolean);
}

/**
 * Pages → text: paragraphs joined by "\n", pages by "\f". Margins are measured over
 * the document's text-layer pages (which share them), and per page for scanned
 * pages with enough lines to measure.
 */
export function pagesToText(pages: PageLayout[]): string {
  const digital = pages.filter((p) => !p.scanned).flatMap((p) => p.lines);
  const all = digital.length > 0 ? digital : pages.flatMap((p) => p.lines);
  const docGeo = all.length > 0 ? geometry(all) : undefined;
  return pages
    .map((p) => {
      const lines = [...p.lines].sort((a, b) => a.y - b.y || a.x0 - b.x0);
      const geo = (p.scanned || !docGeo) && lines.length >= 8 ? geometry(lines) : docGeo;
      return linesToParagraphs(lines, geo).join("\n");
    })
    .join("\f");
}
