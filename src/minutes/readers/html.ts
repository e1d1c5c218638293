/**
 * A saved government-portal page (政府信息公开 layout) → the article: its title,
 * its 发布日期 and the body paragraphs. Navigation, header, footer, breadcrumbs,
 * share/print buttons, scripts and styles are dropped. htmlparser2 builds the tree;
 * the article container is the element holding most of the page's paragraph
 * text, scored here with the class names of Chinese government CMSs.
 * Charsets: BOM, <meta charset>, then UTF-8 if valid, else GB18030; pages that
 * declare gb2312/gbk but were re-saved as UTF-8 are recognised.
 */
import { Parser } from "htmlparser2";
import { byteOrderMark, charsetKnown, decodeBytes } from "./charset.js";
import { docError, isCjk, parseDate, remainingMs, startRead, timeoutError, trimPara } from "./common.js";
import type { ExtractedText, Reader, ReaderOptions } from "./types.js";

// ---------------------------------------------------------------- decoding

const GBK_LABELS = new Set(["gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312", "chinese", "iso-ir-58", "gb_2312-80", "gb_2312"]);

function declaredCharset(head: string): string | undefined {
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return meta?.[1].toLowerCase();
}

function validUtf8(bytes: Buffer): string | undefined {
  try {
    return decodeBytes(bytes, "utf-8", { fatal: true });
  } catch {
    return undefined;
  }
}

/** Decodes the page; returns the text and the encoding name reported to callers. */
export function decodeHtml(bytes: Buffer): { text: string; encoding: string } {
  const bom = byteOrderMark(bytes);
  if (bom) return { text: decodeBytes(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding };
  const declared = declaredCharset(bytes.subarray(0, 4096).toString("latin1"));
  const utf8 = validUtf8(bytes);
  const hasMultibyte = bytes.some((b) => b >= 0x80);
  if (declared === "utf-8" || declared === "utf8" || declared === undefined) {
    if (utf8 !== undefined) return { text: utf8, encoding: "utf-8" };
    // Undeclared or wrongly declared, not UTF-8: Chinese pages are then GBK/GB18030.
    return { text: decodeBytes(bytes, "gb18030"), encoding: "gb18030" };
  }
  if (GBK_LABELS.has(declared) || declared === "gb18030") {
    // A page saved from a browser is often re-encoded as UTF-8 but keeps its meta.
    if (utf8 !== undefined && hasMultibyte) return { text: utf8, encoding: "utf-8" };
    return { text: decodeBytes(bytes, "gb18030"), encoding: declared === "gb18030" ? "gb18030" : "gbk" };
  }
  if (charsetKnown(declared)) return { text: decodeBytes(bytes, declared), encoding: declared };
  return utf8 !== undefined ? { text: utf8, encoding: "utf-8" } : { text: decodeBytes(bytes, "gb18030"), encoding: "gb18030" };
}

// ---------------------------------------------------------------- parsing

export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent?: HtmlElement;
}
export type HtmlNode = HtmlElement | string;

const MAX_DEPTH = 400;

/** More elements than this: the page is refused (bounded memory). */
export const MAX_ELEMENTS = 1_000_000;
/**
 * More elements open at once than this: the page is refused (bounded time;
 * htmlparser2's open-element stack costs time quadratic in its depth).
 */
export const MAX_OPEN_ELEMENTS = 20_000;
/** A page over one of the caps above; `what` completes «the HTML page has …». */
export class TooManyElements extends Error {
  constructor(
    readonly what: string,
    readonly limit: Record<string, number>,
  ) {
    super(what);
  }
}

/**
 * Parses HTML into a tree with htmlparser2 (implied end tags, void and raw-text
 * elements, entities). Elements nested deeper than MAX_DEPTH join the deepest
 * kept one, so a hostile page cannot make the tree walks below recurse without end.
 */
export function parseHtml(src: string): HtmlElement {
  let count = 0;
  const root: HtmlElement = { tag: "#root", attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  let flattened = 0; // open elements beyond MAX_DEPTH, folded into the top of the stack
  const top = () => stack[stack.length - 1];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (++count > MAX_ELEMENTS) throw new TooManyElements(`more than ${MAX_ELEMENTS} elements`, { maxElements: MAX_ELEMENTS });
        if (stack.length + flattened > MAX_OPEN_ELEMENTS) {
          throw new TooManyElements(`more than ${MAX_OPEN_ELEMENTS} elements open inside each other`, { maxOpenElements: MAX_OPEN_ELEMENTS });
        }
        if (stack.length >= MAX_DEPTH) {
          flattened++;
          return;
        }
        const el: HtmlElement = { tag: name, attrs, children: [], parent: top() };
        top().children.push(el);
        stack.push(el);
      },
      onclosetag() {
        if (flattened > 0) flattened--;
        else if (stack.length > 1) stack.pop();
      },
      ontext(text) {
        top().children.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(src);
  return root;
}

// ---------------------------------------------------------------- extraction

/** Elements that break the text into paragraphs. */
export const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "center",
  "dd",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "html",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "ul",
  "#root",
]);
/** Elements whose content is page furniture or not text: dropped with everything inside. */
export const DROP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "svg",
  "canvas",
  "object",
  "embed",
  "nav",
  "header",
  "footer",
  "aside",
  "form",
  "button",
  "select",
  "input",
  "textarea",
  "map",
  "audio",
  "video",
  "head",
  "title",
  "meta",
  "link",
]);
/** class/id words of page furniture on Chinese portals (and in general). */
const NOISE =
  /(^|[-_])(nav|navbar|menu|header|footer|foot|bottom|breadcrumbs?|crumbs?|position|location|dqwz|share|bshare|jiathis|social|toolbar|tools|sidebar|search|login|copyright|banner|logo|qrcode|erweima|ewm|print|related|relate|xgxx|xgwz|friendlinks?|yqlj|pager|pagination|comments?|advert|ads)([-_]|$)/i;
/** Common article containers of Chinese government CMSs (TRS, Hanweb/大汉, UCAP …). */
const CONTENT =
  /(^|[-_])(zoom|trs_editor|trs_ueditor|ucap-content|custom_unionstyle|article-?content|art_?con|content|contents|conTxt|detail|zw|zwnr|wzcon|news_?content|pages_content|xxgk_content|wordsection\d*|text|txt|article|main-?text)([-_]|$)/i;

const words = (el: HtmlElement): string[] => `${el.attrs.id ?? ""} ${el.attrs.class ?? ""}`.split(/\s+/).filter(Boolean);
const isNoise = (el: HtmlElement): boolean =>
  DROP.has(el.tag) || words(el).some((w) => NOISE.test(w)) || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.attrs.style ?? "") || "hidden" in el.attrs;

function* elements(root: HtmlElement): Generator<HtmlElement> {
  const todo: HtmlElement[] = [root];
  while (todo.length) {
    const el = todo.pop()!;
    yield el;
    for (let k = el.children.length - 1; k >= 0; k--) {
      const c = el.children[k];
      if (typeof c !== "string") todo.push(c);
    }
  }
}

/**
 * Renders an element as text lines: blocks and <br> break lines, table cells are
 * separated by tabs, whitespace collapses (a line break between CJK characters
 * disappears, as in the browser's rendering of Chinese), indents are trimmed.
 */
export function blockText(root: HtmlElement, skip: (el: HtmlElement) => boolean = isNoise): string[] {
  const lines: string[] = [];
  let cur = "";
  const flush = () => {
    // \u0001 marks whitespace that contained a line break in the source.
    const t = cur
      .replace(/[ \f\u00a0]*\u0001[ \r\n\f\u0001\u00a0]*/g, (m, off: number, all: string) => (isCjk(all[off - 1]) && isCjk(all[off + m.length]) ? "" : " "))
      .replace(/[ \r\n\f\u00a0]+/g, " ")
      .replace(/ ?\t[ \t]*/g, "\t");
    const line = trimPara(t).replace(/^\t+|\t+$/g, "");
    if (line) lines.push(line);
    cur = "";
  };
  type Step = { node: HtmlNode; exit?: HtmlElement };
  const todo: Step[] = [{ node: root }];
  while (todo.length) {
    const { node, exit } = todo.pop()!;
    if (exit) {
      if (exit.tag === "td" || exit.tag === "th") cur += "\t";
      else if (BLOCK.has(exit.tag)) flush();
      continue;
    }
    if (typeof node === "string") {
      cur += node.replace(/[\u0000-\u0008\u000b\u000e-\u001f]/g, "").replace(/[ \t]*[\r\n][ \t\r\n]*/g, "\u0001");
      continue;
    }
    if (node !== root && skip(node)) continue;
    if (node.tag === "br") {
      flush();
      continue;
    }
    if (node.tag === "img" || node.tag === "hr") continue;
    if (node.tag === "tr" || BLOCK.has(node.tag)) flush();
    todo.push({ node, exit: node });
    for (let k = node.children.length - 1; k >= 0; k--) todo.push({ node: node.children[k] });
  }
  flush();
  return lines;
}

const textLength = (s: string): number => {
  let n = 0;
  for (const ch of s) if (isCjk(ch) || /[A-Za-z0-9]/.test(ch)) n++;
  return n;
};

/**
 * The article container: each paragraph (p, li, td, h1…) scores its text length
 * to its parent and half to its grandparent; a div with text of its own scores to
 * itself, half to its parent. Link text counts against; known content class/ids
 * get a bonus.
 */
function findContainer(root: HtmlElement): HtmlElement {
  const score = new Map<HtmlElement, number>();
  const add = (el: HtmlElement | undefined, v: number) => {
    if (el) score.set(el, (score.get(el) ?? 0) + v);
  };
  for (const el of elements(root)) {
    if (!BLOCK.has(el.tag) && el.tag !== "td" && el.tag !== "th") continue;
    // Direct text: text nodes and inline descendants, not nested blocks.
    let direct = "";
    let linked = "";
    const todo: HtmlNode[] = [...el.children];
    while (todo.length) {
      const c = todo.pop()!;
      if (typeof c === "string") {
        direct += c;
        continue;
      }
      if (BLOCK.has(c.tag) || c.tag === "td" || c.tag === "th" || DROP.has(c.tag)) continue;
      if (c.tag === "a") linked += blockText(c, () => false).join("");
      todo.push(...c.children);
    }
    const len = textLength(direct) + textLength(linked);
    if (len < 10 || isNoiseAncestor(el, root)) continue;
    const value = len - 2 * textLength(linked);
    if (value <= 0) continue;
    if (PARAGRAPH.has(el.tag)) {
      add(el.parent, value);
      add(el.parent?.parent, value / 2);
    } else {
      // A div holding text itself (lines split by <br>) is a container of its own.
      add(el, value);
      add(el.parent, value / 2);
      add(el.parent?.parent, value / 4);
    }
  }
  let best = root;
  let bestScore = 0;
  for (const [el, s] of score) {
    const bonus = words(el).some((w) => CONTENT.test(w)) ? 1.25 : 1;
    if (s * bonus > bestScore) [best, bestScore] = [el, s * bonus];
  }
  return best;
}

function meta(root: HtmlElement, ...names: string[]): string | undefined {
  for (const el of elements(root)) {
    if (el.tag !== "meta") continue;
    const key = (el.attrs.name ?? el.attrs.property ?? el.attrs["http-equiv"] ?? "").toLowerCase();
    if (names.includes(key) && el.attrs.content?.trim()) return el.attrs.content.trim();
  }
  return undefined;
}

const PARAGRAPH = new Set(["p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dd", "dt", "caption", "figcaption"]);

const BOILERPLATE = [
  /^(发布(时间|日期)|信息来源|来源|作者|点击数|访问次数)[:：].{0,60}$/,
  /^(【?\s*(打印|关闭|保存|收藏|返回)(本页|窗口|此页|顶部)?\s*】?\s*)+$/,
  /^分享到[:：]?/,
  /^字号[:：]?\s*[大中小\s【】[\]|]*$/,
  /扫一扫在手机(上)?打开当前页/,
  /^(上一篇|下一篇)[:：]/,
  /^(浏览次数|阅读次数|访问量)[:：]/,
];

const dateLabel = /(发布日期|发布时间|公开日期|发布于)\s*[:：]?\s*(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})/;

export const readHtml: Reader = async (bytes: Buffer, path: string, opts?: ReaderOptions): Promise<ExtractedText> => {
  const limits = startRead(bytes, path, "HTML", opts);
  const checkTime = (stage: string) => {
    if (remainingMs(limits) <= 0) throw timeoutError(path, stage, limits);
  };
  const { text: src, encoding } = decodeHtml(bytes);
  if (src.includes("\u0000")) throw docError("file_binary", path, `${path}: not an HTML page (binary content)`);
  if (!/<[A-Za-z!/]/.test(src)) throw docError("format_invalid", path, `${path}: not an HTML page (no tags)`);
  let root: HtmlElement;
  try {
    root = parseHtml(src);
  } catch (e) {
    if (e instanceof TooManyElements) throw docError("file_too_large", path, `${path}: the HTML page has ${e.what}`, e.limit, e);
    throw e;
  }
  checkTime("parsing the HTML page");

  // 发布日期: labelled on the page (信息公开 table or article info line), else meta.
  const whole = blockText(root, (el) => DROP.has(el.tag));
  let publishedOn: string | undefined;
  for (const line of whole) {
    const m = dateLabel.exec(line.replace(/\t+/g, " "));
    if (m && (publishedOn = parseDate(m[2]))) break;
  }
  publishedOn ??= parseDate(meta(root, "pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date") ?? "");

  const container = findContainer(root);
  checkTime("finding the article in the HTML page");
  let lines = blockText(container).filter((l) => !BOILERPLATE.some((re) => re.test(l)));

  // Title: the CMS's ArticleTitle meta, a title-classed element or h1 near the
  // article, else the <title> up to the site name.
  let title = meta(root, "articletitle", "og:title", "dc.title")?.replace(/\s+/g, " ");
  if (!title) {
    // Nearest to the article first: the container's parent, grandparent, then the page.
    const scopes = [container.parent, container.parent?.parent, root].filter((e): e is HtmlElement => e !== undefined);
    for (const scope of scopes) {
      title = findTitle(scope, root);
      if (title) break;
    }
  }
  if (!title) {
    const t = [...elements(root)].find((el) => el.tag === "title");
    const raw = t ? (t.children[0] as string | undefined)?.trim() : undefined;
    title = raw?.split(/\s*[_|]\s*|\s+[-–—]\s+/)[0]?.trim() || undefined;
  }

  if (lines.length === 0) throw docError("format_invalid", path, `${path}: no article text found in the HTML page`);
  // Give the parser a title line when the body does not start with one.
  if (title) {
    const norm = (s: string) => s.replace(/[\s\p{P}]/gu, "");
    const nt = norm(title);
    const head = lines.slice(0, 3).map(norm);
    if (!head.some((h) => h.length >= 4 && (nt.includes(h) || h.includes(nt)))) lines = [title, ...lines];
  }
  return { text: lines.join("\n"), format: "html", encoding, ocr: false, ...(title ? { title } : {}), ...(publishedOn ? { publishedOn } : {}) };
};

function findTitle(scope: HtmlElement, root: HtmlElement): string | undefined {
  for (const el of elements(scope)) {
    const isTitle = /^h[1-3]$/.test(el.tag) || words(el).some((w) => /(^|[-_])(title|tit|bt|article-?title)([-_]|$)/i.test(w));
    if (!isTitle || el.tag === "title" || isNoiseAncestor(el, root)) continue;
    const t = blockText(el, () => false)
      .join(" ")
      .trim();
    if (textLength(t) >= 4 && t.length <= 200) return t;
  }
  return undefined;
}

/** Whether the element or one of its ancestors below the root is page furniture. */
function isNoiseAncestor(el: HtmlElement, root: HtmlElement): boolean {
  for (let e: HtmlElement | undefined = el; e && e !== root; e = e.parent) if (isNoise(e)) return true;
  return false;
}
