// @ts-check
// 纪要问答 — the chat page's entry: the chat (chat.js, sources.js), the minutes reader and the tabs.
// Plain ES modules, no build step, no external resources. Every piece of data from the server is inserted as
// text (textContent / text nodes), never as HTML.
// Checked with `npx tsc --noEmit --allowJs --checkJs src/web/public/app.js` (tests/web/api.test.ts), which follows the imports.
import { failureText, getJson } from "./api.js";
import "./chat.js";
import { $, formatDate, h, itemName, minutesName } from "./dom.js";
import { linksNote, passedByList, passedList } from "./links.js";
import { closeSources } from "./sources.js";

const els = {
  question: /** @type {HTMLTextAreaElement} */ ($("question")),
  reader: $("reader"),
  crumbs: $("crumbs"),
  readerTitle: $("reader-title"),
  readerBody: $("reader-body"),
  navChat: $("nav-chat"),
  navMinutes: $("nav-minutes"),
};

// ------------------------------------------------------------------ minutes reader

const cache = new Map();
function cached(path) {
  if (!cache.has(path))
    cache.set(
      path,
      getJson(path).catch((err) => {
        cache.delete(path);
        throw err;
      }),
    );
  return cache.get(path);
}

function crumbs(parts) {
  const list = h("ol");
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    list.append(h("li", {}, last ? h("span", { "aria-current": "page" }, p.text) : h("a", { href: p.href }, p.text)));
  });
  els.crumbs.replaceChildren(list);
}

/**
 * Appends `text` to `el` as paragraphs (blank lines separate them), wrapping the characters
 * [from, to) in <mark> when the range is valid. Returns the first mark, or null.
 */
function highlighted(el, text, from = -1, to = -1) {
  const valid = Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= text.length;
  let first = null;
  const re = /\n{2,}/g;
  let at = 0;
  const paragraph = (start, end) => {
    if (start >= end) return;
    const p = h("p");
    const a = valid ? Math.max(from, start) : end;
    const b = valid ? Math.min(to, end) : end;
    if (a < b) {
      const mark = h("mark", {}, text.slice(a, b));
      if (!first) {
        first = mark;
        mark.id = "quote";
        mark.tabIndex = -1;
      }
      p.append(text.slice(start, a), mark, text.slice(b, end));
    } else p.append(text.slice(start, end));
    el.append(p);
  };
  for (const m of text.matchAll(re)) {
    paragraph(at, m.index);
    at = m.index + m[0].length;
  }
  paragraph(at, text.length);
  return first;
}

function meta(rows) {
  const dl = h("dl", { class: "meta" });
  for (const [k, v] of rows) if (v) dl.append(h("div", {}, h("dt", {}, k), h("dd", {}, v)));
  return dl;
}

/** The list's groups: minutes, then the documents (some passed by those meetings), then plain texts. */
const GROUPS = [
  { reading: "meeting", name: "会议纪要" },
  { reading: "document", name: "文件" },
  { reading: "text", name: "文本" },
];

/** @param {any} m */
function card(m) {
  const date = formatDate(m.meetingDate);
  const facts =
    m.reading === "document" ? ["文件", date && `日期 ${date}`] : m.reading === "text" ? ["文本"] : [date && `会议日期 ${date}`, `${m.itemCount} 项议题`];
  facts.push(linksNote(m.links));
  return h(
    "li",
    {},
    h(
      "a",
      { href: `#/minutes/${encodeURIComponent(m.id)}`, class: "card-link" },
      h("span", { class: "card-title" }, minutesName(m.title, m.number)),
      h("span", { class: "card-meta" }, facts.filter(Boolean).join(" · ")),
    ),
  );
}

async function showList() {
  crumbs([{ text: "纪要列表" }]);
  els.readerTitle.textContent = "纪要列表";
  const { minutes } = await cached("/api/minutes");
  if (!minutes.length) return [h("p", {}, "还没有可查询的纪要。")];
  const out = [];
  for (const g of GROUPS) {
    const records = minutes.filter((/** @type {any} */ m) => (m.reading ?? "meeting") === g.reading);
    if (!records.length) continue;
    const list = h("ul", { class: "minutes-list", "data-reading": g.reading });
    for (const m of records) list.append(card(m));
    out.push(h("section", { class: "record-group", "aria-label": g.name }, h("h3", { class: "section-title" }, `${g.name}（${records.length}）`), list));
  }
  return out;
}

async function showAgenda(id) {
  const m = await cached(`/api/minutes/${encodeURIComponent(id)}`);
  const name = minutesName(m.title, m.number);
  crumbs([{ text: "纪要列表", href: "#/minutes" }, { text: name }]);
  els.readerTitle.textContent = name;
  const chair = m.meeting?.chair ? `${m.meeting.chairRole ?? ""}${m.meeting.chair}` : "";
  const out = [
    meta([
      ["会议日期", formatDate(m.meeting?.date)],
      ["主持", chair],
      ["印发日期", formatDate(m.issuedOn)],
    ]),
  ];
  if (m.summary) out.push(h("p", { class: "summary" }, m.summary));
  const fullText = h("p", {}, h("a", { href: `#/minutes/${encodeURIComponent(m.id)}/text` }, m.reading === "document" ? "查看文件全文" : "查看纪要全文"));
  if (m.reading === "document") {
    const passedBy = m.links?.passedBy ?? [];
    out.push(h("h3", { class: "section-title" }, "会议审议"));
    out.push(passedBy.length ? passedByList(passedBy) : h("p", {}, "没有找到审议本文件的会议纪要。"), fullText);
    return out;
  }
  out.push(h("h3", { class: "section-title" }, `议题（${m.page?.itemCount ?? m.items.length}）`));
  const list = h("ol", { class: "agenda" });
  const passed = m.links?.passed ?? [];
  for (const it of m.items) {
    const li = h("li", {}, h("a", { href: `#/minutes/${encodeURIComponent(m.id)}/items/${it.ordinal}` }, itemName(it)));
    const docs = passed.filter((/** @type {any} */ l) => l.itemOrdinal === it.ordinal);
    if (docs.length) li.append(passedList(docs));
    list.append(li);
  }
  // The API sends the items a page at a time: a very long agenda shows its first page.
  if (m.page?.nextOffset) out.push(list, h("p", {}, `仅列出前 ${m.items.length} 项。`));
  else out.push(list);
  out.push(fullText);
  return out;
}

/** What a highlight marks: a quote an answer cited, or (from a document's page) the decision that passed it. */
const HL_NOTES = { answer: "黄色底纹标出的是回答所引用的原文。", decision: "黄色底纹标出的是会议审议该文件的决定。" };

async function showItem(id, ordinal, hl, why) {
  const data = await cached(`/api/minutes/${encodeURIComponent(id)}/items/${ordinal}`);
  const name = minutesName(data.title, data.number);
  const agendaHref = `#/minutes/${encodeURIComponent(data.minutesId)}`;
  crumbs([{ text: "纪要列表", href: "#/minutes" }, { text: name, href: agendaHref }, { text: `${data.item.label}、` }]);
  els.readerTitle.textContent = itemName(data.item);
  const out = [h("p", { class: "source-line" }, `${name}${data.meetingDate ? ` · 会议日期 ${formatDate(data.meetingDate)}` : ""}`)];
  const text = h("div", { class: "doc-text", lang: "zh-CN" });
  // Citation offsets index the whole minutes text; the item text starts at item.start.
  const mark = hl ? highlighted(text, data.item.text, hl[0] - data.item.start, hl[1] - data.item.start) : highlighted(text, data.item.text);
  if (mark) out.push(h("p", { class: "hl-note" }, why === "decision" ? HL_NOTES.decision : HL_NOTES.answer));
  out.push(text);
  if (data.passed?.length) out.push(passedList(data.passed));
  const nav = h("nav", { class: "pager", "aria-label": "上一项和下一项" });
  if (data.prev) nav.append(h("a", { href: `${agendaHref}/items/${data.prev}`, rel: "prev" }, "← 上一项"));
  nav.append(h("a", { href: agendaHref }, "议程"));
  if (data.next) nav.append(h("a", { href: `${agendaHref}/items/${data.next}`, rel: "next" }, "下一项 →"));
  out.push(nav);
  return out;
}

async function showText(id, hl) {
  const m = await cached(`/api/minutes/${encodeURIComponent(id)}`);
  const name = minutesName(m.title, m.number);
  crumbs([{ text: "纪要列表", href: "#/minutes" }, { text: name, href: `#/minutes/${encodeURIComponent(m.id)}` }, { text: "全文" }]);
  els.readerTitle.textContent = `${name} 全文`;
  const text = h("div", { class: "doc-text", lang: "zh-CN" });
  const mark = hl ? highlighted(text, m.text, hl[0], hl[1]) : highlighted(text, m.text);
  const cut = m.page?.textTruncated ? h("p", { class: "hl-note" }, `全文过长，仅显示前 ${m.text.length} 字；各议题全文请从议程打开。`) : null;
  return [mark ? h("p", { class: "hl-note" }, HL_NOTES.answer) : null, text, cut].filter(Boolean);
}

/** #/minutes/<id>/items/<n>?hl=<start>-<end> → a route. */
function parseRoute(hash) {
  const [path, query = ""] = hash.replace(/^#/, "").split("?");
  const hlMatch = /(?:^|&)hl=(\d+)-(\d+)(?:&|$)/.exec(query);
  const hl = hlMatch ? [Number(hlMatch[1]), Number(hlMatch[2])] : null;
  const why = /(?:^|&)why=decision(?:&|$)/.test(query) ? "decision" : "answer";
  const seg = path
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  if (seg[0] !== "minutes") return { view: "chat" };
  if (seg.length === 1) return { view: "list" };
  if (seg.length === 2) return { view: "agenda", id: seg[1] };
  if (seg[2] === "items" && /^\d+$/.test(seg[3] ?? "")) return { view: "item", id: seg[1], ordinal: Number(seg[3]), hl, why };
  if (seg[2] === "text") return { view: "text", id: seg[1], hl };
  return { view: "list" };
}

let renderSeq = 0;
let chatScroll = 0;

async function route() {
  const r = parseRoute(location.hash);
  closeSources();
  const reading = r.view !== "chat";
  const wasReading = document.body.classList.contains("reading");
  if (reading && !wasReading) chatScroll = window.scrollY;
  document.body.classList.toggle("reading", reading);
  els.navChat.toggleAttribute("aria-current", !reading);
  if (!reading) els.navChat.setAttribute("aria-current", "page");
  els.navMinutes.toggleAttribute("aria-current", reading);
  if (reading) els.navMinutes.setAttribute("aria-current", "page");

  if (!reading) {
    if (wasReading) {
      window.scrollTo(0, chatScroll);
      els.question.focus({ preventScroll: true });
    }
    // On wide screens the reader stays visible: show the list there.
    if (!els.readerBody.childElementCount) await renderReader({ view: "list" }, false);
    return;
  }
  await renderReader(r, true);
}

async function renderReader(r, moveFocus) {
  const seq = ++renderSeq;
  els.readerBody.setAttribute("aria-busy", "true");
  let nodes;
  try {
    if (r.view === "agenda") nodes = await showAgenda(r.id);
    else if (r.view === "item") nodes = await showItem(r.id, r.ordinal, r.hl, r.why);
    else if (r.view === "text") nodes = await showText(r.id, r.hl);
    else nodes = await showList();
  } catch (err) {
    if (seq !== renderSeq) return;
    crumbs([{ text: "纪要列表", href: "#/minutes" }, { text: "出错" }]);
    els.readerTitle.textContent = "无法打开";
    nodes = [h("p", { class: "error-text" }, failureText(err)), h("p", {}, h("a", { href: "#/minutes" }, "返回纪要列表"))];
  }
  if (seq !== renderSeq) return;
  els.readerBody.replaceChildren(...nodes);
  els.readerBody.setAttribute("aria-busy", "false");
  const mark = els.readerBody.querySelector("mark");
  if (moveFocus) {
    if (mark) {
      mark.scrollIntoView({ block: "center" });
      /** @type {HTMLElement} */ (mark).focus({ preventScroll: true });
    } else {
      els.reader.scrollTop = 0;
      window.scrollTo(0, 0);
      els.readerTitle.focus({ preventScroll: true });
    }
  }
}

window.addEventListener("hashchange", () => void route());
void route();
