/**
 * Telegram HTML: the one place where dynamic text is escaped, and the renderers
 * for answers, sources, search hits and agenda items. Messages are built from
 * blocks (paragraphs) and split at block boundaries so that every message stays
 * within Telegram's 4096-character limit, counted after entity parsing.
 */
import { chineseDate } from "../answer/reference.js";
import type { Answer, MinutesSummary, SearchHit } from "../answer/types.js";
import type { Item, Minutes } from "../minutes/schema.js";
import { itemName, minutesName, sourceSpans, span, type Span, type Style } from "../text/source-line.js";
import { truncate } from "../text/truncate.js";
import { T } from "./texts.js";

/** Telegram's limit on message text, in UTF-16 code units after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** Escapes a dynamic string for parse_mode HTML. Every dynamic string goes through here. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A paragraph: the unit messages are split at. */
export interface Block {
  spans: Span[];
  /** Rendered inside <blockquote expandable>. */
  quote?: boolean;
  /** Rendered inside <pre>: Telegram shows it monospaced with a copy button, and copies it without formatting. */
  pre?: boolean;
  /** Separator before the block when it follows another block in the same message (default "\n\n"). */
  sep?: string;
  /** Keep in the same message as the previous block when the pair fits. */
  glue?: boolean;
}

export const para = (text: string, style?: Style, extra: Omit<Block, "spans"> = {}): Block => ({ spans: [span(text, style)], ...extra });

export function spansHtml(spans: Span[]): string {
  return spans.map((s) => (s.style ? `<${s.style}>${escapeHtml(s.text)}</${s.style}>` : escapeHtml(s.text))).join("");
}

export function blockHtml(b: Block): string {
  const inner = spansHtml(b.spans);
  if (b.pre) return `<pre>${inner}</pre>`;
  return b.quote ? `<blockquote expandable>${inner}</blockquote>` : inner;
}

/** Visible length (UTF-16 code units) of a block once Telegram has parsed the HTML. */
export function blockLength(b: Block): number {
  let n = 0;
  for (const s of b.spans) n += s.text.length;
  return n;
}

const plainOf = (b: Block) => b.spans.map((s) => s.text).join("");

/** Cuts `text` after a natural boundary at or before `max` (a line, a sentence, a clause), never inside a surrogate pair. */
function cutPoint(text: string, from: number, max: number): number {
  const hard = from + max;
  if (hard >= text.length) return text.length;
  const window = text.slice(from, hard);
  const floor = Math.floor(max * 0.5);
  for (const re of [/\n/g, /[。！？；!?;]/g, /[，、,：:\s]/g]) {
    let last = -1;
    for (const m of window.matchAll(re)) last = m.index;
    if (last >= floor) return from + last + 1;
  }
  let cut = hard;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return cut;
}

function sliceSpans(spans: Span[], from: number, to: number): Span[] {
  const out: Span[] = [];
  let pos = 0;
  for (const s of spans) {
    const a = Math.max(from, pos);
    const b = Math.min(to, pos + s.text.length);
    if (a < b) out.push({ ...s, text: s.text.slice(a - pos, b - pos) });
    pos += s.text.length;
  }
  return out;
}

function trimSpans(spans: Span[]): Span[] {
  const out = spans.map((s) => ({ ...s }));
  while (out.length && out[0].text.trimStart() === "") out.shift();
  while (out.length && out[out.length - 1].text.trimEnd() === "") out.pop();
  if (out.length) {
    out[0].text = out[0].text.trimStart();
    out[out.length - 1].text = out[out.length - 1].text.trimEnd();
  }
  return out;
}

/** Splits a block whose visible text is longer than `max` into blocks of at most `max`. */
export function splitBlock(b: Block, max: number): Block[] {
  const text = plainOf(b);
  if (text.length <= max) return [b];
  const out: Block[] = [];
  let from = 0;
  while (from < text.length) {
    const to = cutPoint(text, from, max);
    const spans = trimSpans(sliceSpans(b.spans, from, to));
    if (spans.length) out.push({ ...b, spans, ...(out.length ? { sep: "\n", glue: false } : {}) });
    from = to;
  }
  return out;
}

/**
 * Packs blocks into as few messages as possible, each at most `limit` visible
 * characters, splitting only between blocks (or inside a block longer than a
 * whole message). Returns the HTML of each message.
 */
export function renderBlocks(blocks: Block[], limit = TELEGRAM_TEXT_LIMIT): string[] {
  const messages: { parts: string[]; len: number }[] = [];
  let cur: { parts: string[]; len: number } | null = null;
  const place = (b: Block) => {
    const len = blockLength(b);
    const sep = b.sep ?? "\n\n";
    if (cur && cur.len + sep.length + len <= limit) {
      cur.parts.push(sep, blockHtml(b));
      cur.len += sep.length + len;
      return;
    }
    cur = { parts: [blockHtml(b)], len };
    messages.push(cur);
  };
  // Groups of glued blocks are kept together when they fit in one message.
  const groups: Block[][] = [];
  for (const b of blocks) {
    if (blockLength(b) === 0 || plainOf(b).trim() === "") continue;
    if (b.glue && groups.length) groups[groups.length - 1].push(b);
    else groups.push([b]);
  }
  for (const g of groups) {
    const glen = g.reduce((n, b, i) => n + blockLength(b) + (i ? (b.sep ?? "\n\n").length : 0), 0);
    const c = cur as { parts: string[]; len: number } | null;
    const fitsHere = c !== null && c.len + (g[0].sep ?? "\n\n").length + glen <= limit;
    if (!fitsHere && glen <= limit && c !== null) cur = null; // start the group on a fresh message
    for (const b of g) for (const piece of splitBlock(b, limit)) place(piece);
  }
  return messages.map((m) => m.parts.join(""));
}

/** Blocks of a cited answer: notice, the answer with [n] markers, then the numbered sources with quotes. */
export function answerBlocks(a: Answer): Block[] {
  const blocks: Block[] = [];
  if (a.notice) blocks.push(para(a.notice, "i"));
  for (const p of a.answer.split(/\n+/)) if (p.trim()) blocks.push(para(p.trim()));
  if (a.citations.length) {
    blocks.push(para(T.sources, "b"));
    for (const c of a.citations) {
      blocks.push({ spans: [span(`[${c.n}] `), ...sourceSpans(c)], sep: "\n", glue: false });
      blocks.push({ spans: [span(c.quote)], quote: true, sep: "\n", glue: true });
    }
  }
  return blocks;
}

/** The HTML messages of an answer, split under the limit. */
export function renderAnswer(a: Answer, limit = TELEGRAM_TEXT_LIMIT): string[] {
  return renderBlocks(answerBlocks(a), limit);
}

/**
 * The 引用 message: a header, then the formal references in one <pre> block
 * (split across messages, each its own block, only when they do not fit in one).
 */
export function referencesMessages(references: string[], withheld: number, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const blocks: Block[] = [para(T.referencesHeader(references.length), "b")];
  if (withheld) blocks.push(para(T.referencesWithheld(withheld), "i", { sep: "\n" }));
  blocks.push({ spans: [span(references.join("\n\n"))], pre: true, sep: "\n" });
  return renderBlocks(blocks, limit);
}

/** A compact numbered list of excerpts with citations (search, 更多). */
export function hitsBlocks(title: string, hits: Omit<SearchHit, "passageId">[], firstIndex: number, quoteChars = 280): Block[] {
  const blocks: Block[] = [para(title, "b")];
  hits.forEach((h, i) => {
    blocks.push({ spans: [span(`${firstIndex + i}. `), ...sourceSpans(h)], sep: i === 0 ? "\n\n" : "\n" });
    blocks.push({ spans: [span(truncate(h.quote, quoteChars))], quote: true, sep: "\n", glue: true });
  });
  return blocks;
}

/** One line per minutes: number, date, title, item count. */
export function meetingsBlocks(list: MinutesSummary[]): Block[] {
  const blocks: Block[] = [para(T.meetingsHeader(list.length), "b")];
  for (const m of list) {
    const parts = [chineseDate(m.meetingDate ?? m.issuedOn) ?? "日期不详", T.itemCount(m.itemCount)];
    blocks.push({ spans: [span(minutesName(m), "b"), span(` · ${parts.join(" · ")}`)], sep: "\n" });
  }
  return blocks;
}

/** The agenda of one minutes document. */
export function agendaBlocks(m: Minutes): Block[] {
  const head: string[] = [];
  if (m.meeting.date) head.push(`会议日期：${m.meeting.date}${m.meeting.period ?? ""}`);
  if (m.meeting.chair) head.push(`主持：${m.meeting.chairRole ?? ""}${m.meeting.chair}`);
  if (m.meeting.name) head.push(`会议：${m.meeting.name}`);
  const blocks: Block[] = [para(minutesName(m), "b")];
  if (head.length) blocks.push(para(head.join("\n"), undefined, { sep: "\n" }));
  m.items.forEach((it, i) => blocks.push(para(itemName(it), undefined, { sep: i === 0 ? "\n\n" : "\n" })));
  blocks.push(para(T.agendaHint, "i"));
  return blocks;
}

/**
 * The pages of an agenda item's full text (原文): a header naming the minutes,
 * then the item's paragraphs, at most `pageChars` visible characters per page.
 */
export function itemPages(m: Minutes, item: Item, pageChars = 3500): string[] {
  const header: Block = {
    spans: [span(minutesName(m), "b"), ...(m.meeting.date ? [span(` · ${m.meeting.date}`)] : [])],
  };
  const paragraphs = item.text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const body: Block[] = paragraphs.map((p, i) => (i === 0 && p.startsWith(`${item.label}、`) ? para(p, "b") : para(p)));
  if (body.length === 0 || body[0].spans[0].style !== "b") body.unshift(para(itemName(item), "b"));
  const footerRoom = 24;
  const room = Math.max(200, pageChars - blockLength(header) - footerRoom);
  const pages = renderBlocks(body, room);
  return pages.map((html, i) => {
    const footer = pages.length > 1 ? `\n\n<i>${escapeHtml(T.page(i + 1, pages.length))}</i>` : "";
    return `${blockHtml(header)}\n\n${html}${footer}`;
  });
}

/** The message an inline result sends: the citation line and the verbatim quote. */
export function inlineMessage(h: Omit<SearchHit, "passageId">, limit = TELEGRAM_TEXT_LIMIT): string {
  const label: Block = { spans: sourceSpans(h) };
  const room = limit - blockLength(label) - 1;
  return `${blockHtml(label)}\n${blockHtml({ spans: [span(truncate(h.quote, room))], quote: true })}`;
}
