/**
 * Files that hold several meetings: a 汇总 page («篇1 篇2»), a column page
 * listing several reports, minutes of two meetings pasted together. Each
 * meeting becomes its own record; a file of one meeting is one span.
 */
import { toSimplified } from "../text/script.js";
import { isOpeningParagraph, meetingFacts } from "./meeting.js";

export interface Span {
  start: number;
  end: number;
}

const PART_MARK = /^(?:篇|第)\s*[0-9一二三四五六七八九十]+\s*篇?$|^【?(?:篇|文章)\s*[0-9一二三四五六七八九十]+】?$/;
/** A paragraph that opens a further meeting starts with its date or its convener, not inside a topic. */
const LATER_OPENING = /^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|近日|日前|今天|今日|昨天|昨日|当天|上午|下午)|^[^，。；]{0,30}(?:主持召开|召开)/;

function signature(p: string): string {
  const f = meetingFacts(p);
  return [f.dateMatch?.text ?? "", f.session ?? "", f.name ?? "", f.chair ?? ""].join("|");
}

/** Spans of the records in a normalized text, in order. */
export function splitRecords(text: string, paragraphs: Span[]): Span[] {
  const paras = paragraphs.map((p) => ({ ...p, v: toSimplified(text.slice(p.start, p.end)) }));
  const starts: number[] = [];
  let current: string | null = null;
  let lastOpening = -1;
  for (let i = 0; i < paras.length; i++) {
    const v = paras[i].v;
    if (PART_MARK.test(v)) {
      if (lastOpening >= 0) starts.push(i);
      current = null;
      lastOpening = -1;
      continue;
    }
    if (!isOpeningParagraph(v)) continue;
    if (lastOpening < 0) {
      lastOpening = i;
      current = signature(v);
      continue;
    }
    if (i - lastOpening < 2 || !LATER_OPENING.test(v) || /^会议/.test(v)) continue;
    const sig = signature(v);
    if (sig === current) continue;
    // The new record starts at its title lines: short, sentence-free paragraphs right before the opening.
    let s = i;
    while (s - 1 > lastOpening && paras[s - 1].v.length <= 60 && !/[。；]/.test(paras[s - 1].v) && !/^会议/.test(paras[s - 1].v)) s--;
    starts.push(s);
    lastOpening = i;
    current = sig;
  }
  if (starts.length === 0) return [{ start: 0, end: text.length }];
  const bounds = [0, ...starts.map((i) => paras[i].start), text.length];
  const spans: Span[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    let { [k]: start, [k + 1]: end } = bounds;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) spans.push({ start, end });
  }
  return spans;
}
