/**
 * Files that hold several meetings: a 汇总 page («篇1 篇2»), a column page
 * listing several reports, minutes of two meetings pasted together. Each
 * meeting becomes its own record; a file of one meeting is one span.
 */
import { toSimplified } from "../text/script.js";
import { isOpeningParagraph, meetingFacts, startsLikeOpening } from "./meeting.js";

export interface Span {
  start: number;
  end: number;
}

const PART_MARK = /^(?:篇|第)\s*[0-9一二三四五六七八九十]+\s*篇?$|^【?(?:篇|文章)\s*[0-9一二三四五六七八九十]+】?$/;

function signature(p: string): string {
  const f = meetingFacts(p);
  return [f.dateMatch?.text ?? "", f.session ?? "", f.name ?? "", f.chair ?? ""].join("|");
}

/** Spans of the records in a normalized text, in order. */
export function splitRecords(text: string, paragraphs: Span[]): Span[] {
  // One convening phrase and no part marks: one meeting (most files), without reading every paragraph.
  if ((text.match(/召[开開]/g)?.length ?? 0) < 2 && !/篇\s*[0-9一二三四五六七八九十]/.test(text)) return [{ start: 0, end: text.length }];
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
    if (lastOpening >= 0 && (i - lastOpening < 2 || !startsLikeOpening(v) || /^会议/.test(v))) continue;
    if (!isOpeningParagraph(v)) continue;
    if (lastOpening < 0) {
      lastOpening = i;
      current = signature(v);
      continue;
    }
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
