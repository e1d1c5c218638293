// @ts-check
// 纪要问答 — the chat page. Plain ES module, no build step, no external resources.
// Every piece of data from the server is inserted as text (textContent / text nodes), never as HTML.
// Checked with `npx tsc --noEmit --allowJs --checkJs src/web/public/app.js` (tests/web/api.test.ts).

/**
 * The limits the server enforces (GET /api/config), so the page keeps no copies of them.
 * @typedef {{ questionChars: number, historyTurns: number, historyAnswerChars: number, keptAnswerChars: number }} PageConfig
 */

/** An earlier turn as the API takes it back. @typedef {{ question: string, intent?: string, focus?: unknown, answer?: string }} Turn */

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const els = {
  chat: $("chat"),
  reader: $("reader"),
  intro: $("intro"),
  conversation: $("conversation"),
  form: /** @type {HTMLFormElement} */ ($("ask-form")),
  question: /** @type {HTMLTextAreaElement} */ ($("question")),
  send: /** @type {HTMLButtonElement} */ ($("send")),
  error: $("ask-error"),
  status: $("status"),
  newChat: $("new-chat"),
  crumbs: $("crumbs"),
  readerTitle: $("reader-title"),
  readerBody: $("reader-body"),
  navChat: $("nav-chat"),
  navMinutes: $("nav-minutes"),
};

/**
 * Creates an element. `attrs` are set with setAttribute (or as properties for `class`/`text`);
 * children are nodes or strings (strings become text nodes).
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {...(Node | string | null | undefined | false)} children
 */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = String(v);
    else if (k === "text") el.textContent = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === "string" ? document.createTextNode(c) : c);
  return el;
}

// ------------------------------------------------------------------ formatting

/** 2022-01-21 → 2022年1月21日 */
function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : "";
}

/** «太仓市人民政府常务会议纪要（第1号）» */
function minutesName(title, number) {
  return number === null || number === undefined ? title : `${title}（第${number}号）`;
}

function itemName(item) {
  return item ? `${item.label}、${item.title}` : "";
}

function citationLabel(c) {
  const parts = [minutesName(c.title, c.number)];
  if (c.meetingDate) parts.push(formatDate(c.meetingDate));
  if (c.item) parts.push(itemName(c.item));
  if (c.section) parts.push(`${c.section}${c.pointLabel ?? ""}`);
  return parts.join(" · ");
}

function citationHref(c) {
  const hl = `?hl=${c.start}-${c.end}`;
  const id = encodeURIComponent(c.minutesId);
  return c.item ? `#/minutes/${id}/items/${c.item.ordinal}${hl}` : `#/minutes/${id}/text${hl}`;
}

// ------------------------------------------------------------------ HTTP

class ApiFailure extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/** A short Chinese sentence for a failed request. */
function failureText(err) {
  if (err instanceof ApiFailure) {
    if (err.status === 429) return `提问太频繁了，请${err.retryAfter ? ` ${err.retryAfter} 秒后` : "稍后"}再试。`;
    if (err.status === 413) return "问题或对话太长了，请缩短问题或点「新对话」重新开始。";
    if (err.status === 400) return `无法处理这个问题：${err.message}`;
    if (err.status === 404) return "没有找到这份纪要或议题。";
    if (err.status === 502 || err.status === 503) return err.message || "服务暂时不可用，请稍后再试。";
    return "服务出错了，请稍后再试。";
  }
  if (err && err.name === "AbortError") return "已取消。";
  return "无法连接服务器，请检查网络后再试。";
}

async function failureFrom(res) {
  let message = "";
  try {
    const body = await res.json();
    message = body?.error?.message ?? "";
  } catch {
    /* not JSON */
  }
  return new ApiFailure(res.status, message, res.headers.get("Retry-After"));
}

/** @param {string} path */
async function getJson(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  if (!res.ok) throw await failureFrom(res);
  return res.json();
}

/**
 * Asks through the streaming endpoint: `onDelta(text)` for LLM text as it arrives; resolves to the final Answer.
 * @returns {Promise<any>}
 */
async function askStreaming(question, history, onDelta) {
  const res = await fetch("/api/ask/stream", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify({ question, history }),
  });
  if (!res.ok || !res.body) throw await failureFrom(res);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let final = null;
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value ?? new Uint8Array(), { stream: !done });
    let cut;
    while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
      let event = "message";
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (!data.length) continue;
      const payload = JSON.parse(data.join("\n"));
      if (event === "delta") onDelta(payload.text ?? "");
      else if (event === "final") final = payload;
      else if (event === "error") throw new ApiFailure(payload.code === "input_invalid" ? 400 : 503, payload.message ?? "");
    }
    if (done) break;
  }
  if (!final) throw new ApiFailure(500, "");
  return final;
}

// ------------------------------------------------------------------ chat

/** @type {Promise<PageConfig>} */
const pageConfig = getJson("/api/config");
void pageConfig.then((c) => els.question.setAttribute("maxlength", String(c.questionChars))).catch(() => undefined);

/** Earlier turns, sent with each question so follow-ups («那住房规划呢？») work. @type {Turn[]} */
let turns = [];
let busy = false;
/** The citation link that opened the reader, to return focus to it. */
let lastCitation = null;

function setStatus(text) {
  els.status.textContent = text;
}

function showError(text) {
  els.error.textContent = text;
  els.question.setAttribute("aria-invalid", text ? "true" : "false");
}

/** The answer text with each [n] marker turned into a link to citation n. */
function answerParagraphs(text, citations) {
  const byN = new Map(citations.map((c) => [c.n, c]));
  return text
    .split(/\n+/)
    .filter((p) => p.trim())
    .map((para) => {
      const p = h("p", { class: "answer-text" });
      let last = 0;
      for (const m of para.matchAll(/\[(\d+)\]/g)) {
        const c = byN.get(Number(m[1]));
        if (!c) continue;
        p.append(para.slice(last, m.index));
        p.append(h("a", { class: "ref", href: citationHref(c), "aria-label": `引用${c.n}：${citationLabel(c)}`, "data-cite": c.n }, `[${c.n}]`));
        last = m.index + m[0].length;
      }
      p.append(para.slice(last));
      return p;
    });
}

/** The citations as numbered links; a quote is repeated under its link only when the answer text does not contain it. */
function citationList(citations, answerText) {
  if (!citations.length) return null;
  const list = h("ol", { class: "citations", "aria-label": "引用" });
  for (const c of citations) {
    list.append(
      h(
        "li",
        { class: "citation" },
        h(
          "a",
          { class: "cite-chip", href: citationHref(c), "data-cite": c.n, "data-minutes": c.minutesId, "data-item": c.item ? c.item.ordinal : "" },
          h("span", { class: "cite-n", "aria-hidden": "true" }, String(c.n)),
          h("span", { class: "visually-hidden" }, `引用${c.n}：`),
          h("span", { class: "cite-label" }, citationLabel(c)),
        ),
        // The answer shows a source's «[9]» as «［9］».
        answerText.includes(c.quote.replace(/\[(\d+)\]/g, "［$1］")) ? null : h("blockquote", { class: "cite-quote" }, c.quote),
        c.reference
          ? h("button", { type: "button", class: "quiet copy-btn", "data-copy-ref": c.n, "aria-label": `复制引用${c.n}的正式引注` }, "复制引用")
          : null,
      ),
    );
  }
  return list;
}

// ------------------------------------------------------------------ copy and export

/**
 * Puts `text` on the clipboard: the Clipboard API where the page may use it (HTTPS, localhost),
 * otherwise a hidden textarea and execCommand("copy") (pages served over plain HTTP).
 * @returns {Promise<boolean>}
 */
async function copyText(text) {
  if (window.isSecureContext && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      /* denied: try the fallback */
    }
  }
  const area = /** @type {HTMLTextAreaElement} */ (h("textarea", { class: "clipboard-proxy", readonly: true, "aria-hidden": "true", tabindex: "-1" }));
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** The whole answer as plain text for pasting: question, answer with [n] markers, numbered formal references. */
function answerPlainText(answer) {
  const out = [`问题：${answer.question}`, "", answer.answer];
  const refs = answer.citations.filter((c) => c.reference);
  if (refs.length) out.push("", "引用：", ...refs.map((c) => `[${c.n}] ${c.reference}`));
  return out.join("\n");
}

/** Shows on the button (and to screen readers) whether the copy worked, then restores its label. */
function confirmOn(button, ok, what) {
  const label = button.dataset.label ?? button.textContent;
  button.dataset.label = label;
  button.textContent = ok ? "已复制 ✓" : "复制失败";
  button.classList.toggle("copied", ok);
  setStatus(ok ? `已复制${what}。` : "复制失败，请手动选中文字复制。");
  clearTimeout(Number(button.dataset.timer));
  button.dataset.timer = String(
    setTimeout(() => {
      button.textContent = label;
      button.classList.remove("copied");
    }, 2000),
  );
}

const EXPORTS = { docx: "Word 文档", md: "Markdown 文件" };

/** Downloads the answer as a Word or Markdown file, asked again with the same conversation so a follow-up exports as shown. */
async function exportAnswer(button, answer, sentHistory, ext) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = "正在导出…";
  try {
    const res = await fetch(`/api/answer.${ext}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: answer.question, history: sentHistory }),
    });
    if (!res.ok) throw await failureFrom(res);
    const url = URL.createObjectURL(await res.blob());
    const link = h("a", { href: url, download: `纪要问答-${answer.question.slice(0, 30)}.${ext}`, class: "visually-hidden" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus(`已导出${EXPORTS[ext]}。`);
  } catch (err) {
    setStatus(failureText(err));
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

/** «复制全部», «导出 Word» and «导出 Markdown» under an answer with citations. */
function answerActions(answer, sentHistory) {
  if (!answer.citations.length) return null;
  const copyAll = h("button", { type: "button", class: "quiet copy-all" }, "复制全部");
  copyAll.addEventListener("click", async () => confirmOn(copyAll, await copyText(answerPlainText(answer)), "回答和全部引注"));
  const exports = [
    ["docx", "导出 Word"],
    ["md", "导出 Markdown"],
  ].map(([ext, label]) => {
    const b = h("button", { type: "button", class: `quiet export-${ext}` }, label);
    b.addEventListener("click", () => void exportAnswer(b, answer, sentHistory, ext));
    return b;
  });
  return h("div", { class: "answer-actions", role: "group", "aria-label": "复制与导出" }, copyAll, ...exports);
}

function renderAnswer(container, answer, sentHistory = []) {
  container.replaceChildren();
  if (!answer.found) container.classList.add("not-found");
  for (const p of answerParagraphs(answer.answer, answer.citations)) container.append(p);
  if (answer.notice) container.append(h("p", { class: "notice" }, answer.notice));
  const list = citationList(answer.citations, answer.answer);
  if (list) {
    list.addEventListener("click", async (e) => {
      const button = e.target instanceof Element ? e.target.closest("button[data-copy-ref]") : null;
      const c = button && answer.citations.find((x) => String(x.n) === button.getAttribute("data-copy-ref"));
      if (c) confirmOn(button, await copyText(c.reference), `引注 ${c.n}`);
    });
    container.append(list);
  }
  const actions = answerActions(answer, sentHistory);
  if (actions) container.append(actions);
}

function addUserTurn(question) {
  els.conversation.append(h("div", { class: "turn turn-user" }, h("p", { class: "bubble" }, h("span", { class: "visually-hidden" }, "你问："), question)));
}

function addBotTurn() {
  const body = h("div", { class: "bubble" }, h("p", { class: "pending" }, "正在查找纪要…"));
  const li = h("div", { class: "turn turn-bot", "aria-busy": "true" }, h("span", { class: "visually-hidden" }, "回答："), body);
  els.conversation.append(li);
  li.scrollIntoView({ block: "nearest" });
  return { li, body };
}

async function ask(question) {
  if (busy) return;
  question = question.trim();
  if (!question) {
    showError("请先输入问题。");
    els.question.focus();
    return;
  }
  let limits;
  try {
    limits = await pageConfig;
  } catch (err) {
    showError(failureText(err));
    return;
  }
  if (question.length > limits.questionChars) {
    showError(`问题最多 ${limits.questionChars} 个字。`);
    return;
  }
  showError("");
  busy = true;
  els.send.disabled = true;
  els.send.textContent = "查找中…";
  els.intro.hidden = true;
  setStatus("正在查找纪要…");
  addUserTurn(question);
  const { li, body } = addBotTurn();
  let streamed = "";
  // Sent with the question, and again with an export, so a follow-up exports as it was answered.
  const sent = turns.slice(-limits.historyTurns);
  try {
    const answer = await askStreaming(question, sent, (delta) => {
      streamed += delta;
      body.replaceChildren(h("p", { class: "answer-text streaming" }, streamed));
    });
    renderAnswer(body, answer, sent);
    turns.push({
      question: answer.question,
      intent: answer.intent,
      focus: answer.focus ?? null,
      answer: answer.answer.slice(0, Math.min(limits.keptAnswerChars, limits.historyAnswerChars)),
    });
    turns = turns.slice(-limits.historyTurns);
    setStatus(answer.found ? `已回答，共 ${answer.citations.length} 处引用。` : "没有找到相关内容。");
    els.question.value = "";
  } catch (err) {
    body.replaceChildren(h("p", { class: "error-text" }, failureText(err)));
    li.classList.add("turn-error");
    setStatus(failureText(err));
  } finally {
    li.setAttribute("aria-busy", "false");
    busy = false;
    els.send.disabled = false;
    els.send.textContent = "发送";
    li.scrollIntoView({ block: "nearest" });
  }
}

els.form.addEventListener("submit", (e) => {
  e.preventDefault();
  void ask(els.question.value);
});

els.question.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    els.form.requestSubmit();
  }
});

els.question.addEventListener("input", () => {
  if (els.error.textContent) showError("");
});

for (const btn of Array.from(document.querySelectorAll("button.example"))) {
  btn.addEventListener("click", () => {
    els.question.value = btn.textContent ?? "";
    void ask(els.question.value);
  });
}

els.newChat.addEventListener("click", () => {
  turns = [];
  els.conversation.replaceChildren();
  els.intro.hidden = false;
  showError("");
  setStatus("已开始新对话。");
  els.question.focus();
});

els.conversation.addEventListener("click", (e) => {
  const link = e.target instanceof Element ? e.target.closest("a[data-cite]") : null;
  if (link) lastCitation = link;
});

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

async function showList() {
  crumbs([{ text: "纪要列表" }]);
  els.readerTitle.textContent = "纪要列表";
  const { minutes } = await cached("/api/minutes");
  if (!minutes.length) return [h("p", {}, "还没有可查询的纪要。")];
  const list = h("ul", { class: "minutes-list" });
  for (const m of minutes) {
    const date = formatDate(m.meetingDate);
    list.append(
      h(
        "li",
        {},
        h(
          "a",
          { href: `#/minutes/${encodeURIComponent(m.id)}`, class: "card-link" },
          h("span", { class: "card-title" }, minutesName(m.title, m.number)),
          h(
            "span",
            { class: "card-meta" },
            (m.reading === "document"
              ? ["文件", date && `日期 ${date}`]
              : m.reading === "text"
                ? ["文本"]
                : [date && `会议日期 ${date}`, `${m.itemCount} 项议题`]
            )
              .filter(Boolean)
              .join(" · "),
          ),
        ),
      ),
    );
  }
  return [list];
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
  out.push(h("h3", { class: "section-title" }, `议题（${m.page?.itemCount ?? m.items.length}）`));
  const list = h("ol", { class: "agenda" });
  for (const it of m.items) list.append(h("li", {}, h("a", { href: `#/minutes/${encodeURIComponent(m.id)}/items/${it.ordinal}` }, itemName(it))));
  // The API sends the items a page at a time: a very long agenda shows its first page.
  if (m.page?.nextOffset) out.push(list, h("p", {}, `仅列出前 ${m.items.length} 项。`));
  else out.push(list);
  out.push(h("p", {}, h("a", { href: `#/minutes/${encodeURIComponent(m.id)}/text` }, "查看纪要全文")));
  return out;
}

async function showItem(id, ordinal, hl) {
  const data = await cached(`/api/minutes/${encodeURIComponent(id)}/items/${ordinal}`);
  const name = minutesName(data.title, data.number);
  const agendaHref = `#/minutes/${encodeURIComponent(data.minutesId)}`;
  crumbs([{ text: "纪要列表", href: "#/minutes" }, { text: name, href: agendaHref }, { text: `${data.item.label}、` }]);
  els.readerTitle.textContent = itemName(data.item);
  const out = [h("p", { class: "source-line" }, `${name}${data.meetingDate ? ` · 会议日期 ${formatDate(data.meetingDate)}` : ""}`)];
  const text = h("div", { class: "doc-text", lang: "zh-CN" });
  // Citation offsets index the whole minutes text; the item text starts at item.start.
  const mark = hl ? highlighted(text, data.item.text, hl[0] - data.item.start, hl[1] - data.item.start) : highlighted(text, data.item.text);
  if (mark) out.push(h("p", { class: "hl-note" }, "黄色底纹标出的是回答所引用的原文。"));
  out.push(text);
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
  return [mark ? h("p", { class: "hl-note" }, "黄色底纹标出的是回答所引用的原文。") : null, text, cut].filter(Boolean);
}

/** #/minutes/<id>/items/<n>?hl=<start>-<end> → a route. */
function parseRoute(hash) {
  const [path, query = ""] = hash.replace(/^#/, "").split("?");
  const hlMatch = /(?:^|&)hl=(\d+)-(\d+)(?:&|$)/.exec(query);
  const hl = hlMatch ? [Number(hlMatch[1]), Number(hlMatch[2])] : null;
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
  if (seg[2] === "items" && /^\d+$/.test(seg[3] ?? "")) return { view: "item", id: seg[1], ordinal: Number(seg[3]), hl };
  if (seg[2] === "text") return { view: "text", id: seg[1], hl };
  return { view: "list" };
}

let renderSeq = 0;
let chatScroll = 0;

async function route() {
  const r = parseRoute(location.hash);
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
      (lastCitation?.isConnected ? lastCitation : els.question).focus({ preventScroll: true });
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
    else if (r.view === "item") nodes = await showItem(r.id, r.ordinal, r.hl);
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
