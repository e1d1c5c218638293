/**
 * Links a document record to the meeting decisions that pass it: a decision
 * sentence («会议原则同意《…（草案）》») naming a document by its title. Titles
 * are compared after folding script, brackets, quotes and spaces and dropping
 * a draft's suffix, never by similarity: «共享单车管理办法» and
 * «公共自行车管理办法» are different documents.
 */
import { toSimplified } from "../text/script.js";
import type { DocumentStructure } from "./document.js";
import { matchView } from "./match-view.js";
import type { Item } from "./schema.js";

/** A document passed by a meeting: the decision sentence naming 《title》 and the document record with that title. */
export interface DocumentLink {
  documentId: string;
  minutesId: string;
  itemOrdinal: number;
  /** The decision sentence as written («会议原则同意《…》，由…印发实施»). */
  decision: string;
  /** The decision span in the minutes text. */
  start: number;
  end: number;
  /** The passed document's title as the document record writes it (for a notice, the title of the document it prints). */
  title: string;
  meetingDate: string | null;
}

/** What linking reads of a record: a `Minutes` is one. */
export interface LinkableRecord {
  id: string;
  text: string;
  items: Pick<Item, "ordinal" | "start" | "end">[];
  meeting: { date: string | null };
  document?: DocumentStructure | null;
  /** The record's reading, when known: a stored record reads its structure lazily, so this is looked at first. */
  reading?: "meeting" | "document" | "text";
}

/** A draft's suffix, which the final title drops: «（草案）», «（征求意见稿）», «（送审稿）». */
const DRAFT_SUFFIX = /\((?:修订)?(?:草案|征求意见稿|送审稿|审议稿|讨论稿|代拟稿|修订稿)\)$/;
const DECISION_VERB = /原则同意|原则通过|审议通过|讨论通过|研究通过|同意|通过|批准/;

/**
 * The form titles are compared in: simplified, without spaces, 《》 and quotes, one kind of bracket and dash,
 * ASCII digits, and without a draft's suffix.
 */
export function normalizeTitle(title: string): string {
  let t = toSimplified(title)
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000《》〈〉“”"'‘’「」『』]/g, "")
    .replace(/[（【〔[［]/g, "(")
    .replace(/[）】〕\]］]/g, ")")
    .replace(/[—–－~～]+/g, "-");
  while (DRAFT_SUFFIX.test(t)) t = t.replace(DRAFT_SUFFIX, "");
  return t;
}

/** The titles a document record answers to: its own, the one its 关于印发《…》的通知 title names, the documents it prints. */
function titlesOf(doc: DocumentStructure): string[] {
  const out: string[] = [];
  if (doc.title) {
    out.push(doc.title);
    for (const m of doc.title.matchAll(/《([^《》]+)》/g)) out.push(m[1]);
  }
  for (const e of doc.evidence) {
    const m = /^prints 《(.+)》$/.exec(e);
    if (m) out.push(m[1]);
  }
  return out;
}

/** Sentences of a span that decide and name a document in 《》, with offsets into the text. */
function decisionSentences(text: string, view: string, start: number, end: number): { start: number; end: number; titles: string[] }[] {
  const out: { start: number; end: number; titles: string[] }[] = [];
  const span = view.slice(start, end);
  for (const m of span.matchAll(/[^。；！？\n]+[。；！？]?/g)) {
    const s = m[0];
    if (!DECISION_VERB.test(s) || !s.includes("《")) continue;
    let a = start + m.index;
    let b = a + s.length;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    const titles = [...text.slice(a, b).matchAll(/《([^《》]+)》/g)].map((t) => t[1]);
    out.push({ start: a, end: b, titles });
  }
  return out;
}

/** Links documents to the decisions that name them (title match after normalising; a draft's suffix matches the final title). */
export function linkDocuments(records: readonly LinkableRecord[]): DocumentLink[] {
  const byTitle = new Map<string, { id: string; title: string }[]>();
  for (const r of records) {
    if ((r.reading && r.reading !== "document") || !r.document) continue;
    for (const written of titlesOf(r.document)) {
      const list = byTitle.get(normalizeTitle(written)) ?? [];
      if (!list.some((d) => d.id === r.id)) list.push({ id: r.id, title: written });
      byTitle.set(normalizeTitle(written), list);
    }
  }
  const links: DocumentLink[] = [];
  if (byTitle.size === 0) return links;
  for (const r of records) {
    if ((r.reading && r.reading !== "meeting") || r.document || r.items.length === 0) continue;
    const view = matchView(r.text);
    for (const item of r.items) {
      const itemTitles = decisionSentences(r.text, view, item.start, item.end);
      const named = [...r.text.slice(item.start, item.end).matchAll(/《([^《》]+)》/g)].map((t) => normalizeTitle(t[1]));
      const seen = new Set<string>();
      for (const sentence of itemTitles) {
        for (const written of sentence.titles) {
          let key = normalizeTitle(written);
          // «该《办法》» stands for the full title the item named before.
          if (!byTitle.has(key) && key.length <= 4) key = named.find((n) => n !== key && n.endsWith(key)) ?? key;
          for (const doc of byTitle.get(key) ?? []) {
            if (doc.id === r.id || seen.has(doc.id)) continue;
            seen.add(doc.id);
            links.push({
              documentId: doc.id,
              minutesId: r.id,
              itemOrdinal: item.ordinal,
              decision: r.text.slice(sentence.start, sentence.end),
              start: sentence.start,
              end: sentence.end,
              title: doc.title,
              meetingDate: r.meeting.date,
            });
          }
        }
      }
    }
  }
  return links;
}
