// @ts-check
// The reader's links between a document and the meetings that passed it (links.passedBy / links.passed from
// /api/minutes). The server leaves out a meeting the caller may not see. Every field is inserted as text.
import { formatDate, h, minutesName } from "./dom.js";

/** Where a passing decision opens: its meeting's item, the decision sentence highlighted and named as a decision. @param {any} l */
export function decisionHref(l) {
  return `#/minutes/${encodeURIComponent(l.minutesId)}/items/${l.itemOrdinal}?hl=${l.start}-${l.end}&why=decision`;
}

/** @param {any} r */
export const documentHref = (r) => `#/minutes/${encodeURIComponent(r.documentId)}`;

/**
 * A document's «由石湖市…常务会议（2024年5月20日）第一项审议：“会议原则同意《…》…”», one line per meeting decision.
 * @param {any[]} passedBy
 */
export function passedByList(passedBy) {
  const list = h("ul", { class: "record-links passed-by" });
  for (const l of passedBy) {
    const date = formatDate(l.meetingDate);
    const where = `${minutesName(l.minutesTitle, l.number)}${date ? `（${date}）` : ""}第${l.itemLabel || l.itemOrdinal}项`;
    list.append(h("li", {}, "由", h("a", { href: decisionHref(l) }, where), "审议：", h("q", {}, l.decision)));
  }
  return list;
}

/**
 * The documents an agenda item passed: «通过文件：《…》», each a link to the document.
 * @param {any[]} passed
 */
export function passedList(passed) {
  const list = h("ul", { class: "record-links passed" });
  for (const l of passed) list.append(h("li", {}, "通过文件：", h("a", { href: documentHref(l) }, `《${l.title}》`)));
  return list;
}

/**
 * The list card's note on links: «经 2 次会议审议» for a document, «通过文件 1 件» for a meeting; empty without links.
 * @param {any} links
 */
export function linksNote(links) {
  if (links?.passedBy?.length) return `经 ${links.passedBy.length} 次会议审议`;
  if (links?.passed?.length) return `通过文件 ${links.passed.length} 件`;
  return "";
}
