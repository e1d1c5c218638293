// @ts-check
// The conversation: asking, answers with compact source chips, 👍/👎, regenerate and edit, conversations kept in
// this browser, and the empty page's overview of the archive. Plain ES module, no build step.
import { askStreaming, failureFrom, failureText, getJson, postJson } from "./api.js";
import { confirmOn, copyText, referencesText } from "./copy.js";
import { $, citationPlace, formatDate, h, setStatus } from "./dom.js";
import { openSources } from "./sources.js";
import { deleteConversation, loadConversations, newConversation, renameConversation, saveConversation } from "./store.js";

/**
 * The limits the server enforces (GET /api/config), so the page keeps no copies of them.
 * @typedef {{ questionChars: number, historyTurns: number, historyAnswerChars: number, keptAnswerChars: number }} PageConfig
 * @typedef {import("./store.js").StoredTurn} StoredTurn
 */

const els = {
  intro: $("intro"),
  summary: $("archive-summary"),
  examples: $("examples"),
  conversation: $("conversation"),
  form: /** @type {HTMLFormElement} */ ($("ask-form")),
  question: /** @type {HTMLTextAreaElement} */ ($("question")),
  send: /** @type {HTMLButtonElement} */ ($("send")),
  error: $("ask-error"),
  editing: $("editing"),
  newChat: $("new-chat"),
  listButton: $("conversations-toggle"),
  list: $("conversations"),
  listBody: $("conversations-list"),
};

/** @type {Promise<PageConfig>} */
const pageConfig = getJson("/api/config");
void pageConfig.then((c) => els.question.setAttribute("maxlength", String(c.questionChars))).catch(() => undefined);

let conv = newConversation();
let busy = false;
/** Index of the turn being edited (its question back in the box), or null. @type {number | null} */
let editing = null;

/** @param {string} text */
function showError(text) {
  els.error.textContent = text;
  els.question.setAttribute("aria-invalid", text ? "true" : "false");
}

// ------------------------------------------------------------------ the archive's overview (empty page)

/** @param {any} o */
function overviewText(o) {
  if (!o.records) return "还没有可查询的纪要。";
  const range = o.from && o.to ? (o.from === o.to ? `会议日期为${formatDate(o.from)}` : `会议时间从${formatDate(o.from)}到${formatDate(o.to)}`) : "";
  const bodies = o.bodies.length ? `，来自${o.bodies.slice(0, 3).join("、")}${o.bodies.length > 3 ? "等" : ""}` : "";
  return `本库收录 ${o.records} 次会议的纪要（${o.documents} 个文件）${range ? `，${range}` : ""}${bodies}。`;
}

async function showOverview() {
  try {
    const o = await getJson("/api/overview");
    els.summary.textContent = overviewText(o);
    els.examples.replaceChildren(...o.examples.map((/** @type {string} */ q) => h("li", {}, h("button", { type: "button", class: "example" }, q))));
  } catch (err) {
    els.summary.textContent = failureText(err);
  }
}

els.examples.addEventListener("click", (e) => {
  const btn = e.target instanceof Element ? e.target.closest("button.example") : null;
  if (btn) void ask(btn.textContent ?? "");
});

// ------------------------------------------------------------------ rendering one turn

/** The answer text with each [n] marker a button opening source n. @param {string} text @param {any[]} citations */
function answerParagraphs(text, citations) {
  const byN = new Map(citations.map((c) => [c.n, c]));
  return text
    .split(/\n+/)
    .filter((p) => p.trim())
    .map((para) => {
      const p = h("p", { class: "answer-text" });
      let last = 0;
      for (const m of Array.from(para.matchAll(/\[(\d+)\]/g))) {
        const c = byN.get(Number(m[1]));
        if (!c || m.index === undefined) continue;
        p.append(para.slice(last, m.index));
        p.append(h("button", { type: "button", class: "ref", "aria-label": `来源${c.n}：${citationPlace(c)}`, "data-source": c.n }, `[${c.n}]`));
        last = m.index + m[0].length;
      }
      p.append(para.slice(last));
      return p;
    });
}

/** Compact chips «[1] 第七项·会议强调（一）» that open the sources. @param {any[]} citations */
function sourceChips(citations) {
  if (!citations.length) return null;
  return h(
    "ul",
    { class: "chips", "aria-label": "来源" },
    ...citations.map((c) =>
      h(
        "li",
        {},
        h(
          "button",
          { type: "button", class: "cite-chip", "data-source": c.n, "data-cite": c.n, "aria-label": `来源${c.n}：${citationPlace(c)}，${c.title}` },
          `[${c.n}] ${citationPlace(c)}`,
        ),
      ),
    ),
  );
}

/** The whole answer as plain text for pasting: question, answer with [n] markers, the references. @param {any} answer */
function answerPlainText(answer) {
  const out = [`问题：${answer.question}`, "", answer.answer];
  const refs = referencesText(answer.citations);
  if (refs.length) out.push("", "引用：", ...refs);
  return out.join("\n");
}

const EXPORTS = { docx: "Word 文档", md: "Markdown 文件" };

/** Downloads the answer, asked again with the same conversation so a follow-up exports as shown. @param {HTMLButtonElement} button @param {StoredTurn} turn @param {"docx" | "md"} ext */
async function exportAnswer(button, turn, ext) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = "正在导出…";
  try {
    const res = await fetch(`/api/answer.${ext}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: turn.answer.question, history: turn.sent }),
    });
    if (!res.ok) throw await failureFrom(res);
    const url = URL.createObjectURL(await res.blob());
    const link = h("a", { href: url, download: `纪要问答-${turn.answer.question.slice(0, 30)}.${ext}`, class: "visually-hidden" });
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

/** 👍 / 👎, with an optional comment, sent to POST /api/feedback. @param {StoredTurn} turn */
function feedbackControls(turn) {
  const box = h("div", { class: "feedback", role: "group", "aria-label": "这个回答有帮助吗" });
  const thanks = () => box.replaceChildren(h("span", { class: "feedback-done" }, `已反馈（${turn.vote === "up" ? "有帮助" : "没有帮助"}），谢谢！`));
  if (turn.vote) {
    thanks();
    return box;
  }
  /** @param {"up" | "down"} vote */
  const openForm = (vote) => {
    const comment = /** @type {HTMLTextAreaElement} */ (
      h("textarea", {
        class: "feedback-comment",
        rows: 2,
        maxlength: 500,
        "aria-label": "补充说明（可选）",
        placeholder: "补充说明（可选）：哪里有用，哪里不对",
      })
    );
    const submit = /** @type {HTMLButtonElement} */ (h("button", { type: "button", class: "quiet feedback-send" }, "提交反馈"));
    const cancel = h("button", { type: "button", class: "quiet" }, "取消");
    submit.addEventListener("click", async () => {
      submit.disabled = true;
      try {
        const a = turn.answer;
        await postJson("/api/feedback", {
          vote,
          ...(comment.value.trim() ? { comment: comment.value.trim() } : {}),
          question: a.question,
          answer: a.answer.slice(0, 4000),
          mode: a.mode,
          ...(a.intent ? { intent: a.intent } : {}),
          found: a.found,
          citations: a.citations.slice(0, 20).map((/** @type {any} */ c) => ({
            n: c.n,
            minutesId: c.minutesId,
            title: c.title,
            item: c.item ? { ordinal: c.item.ordinal, label: c.item.label, title: c.item.title } : null,
            section: c.section,
            quote: c.quote.slice(0, 4000),
            start: c.start,
            end: c.end,
          })),
        });
        turn.vote = vote;
        saveConversation(conv);
        thanks();
        setStatus("已收到你的反馈，谢谢。");
      } catch (err) {
        submit.disabled = false;
        setStatus(failureText(err));
      }
    });
    cancel.addEventListener("click", () => box.replaceChildren(...buttons()));
    box.replaceChildren(h("span", { class: "feedback-vote" }, vote === "up" ? "有帮助" : "没有帮助"), comment, submit, cancel);
    comment.focus();
  };
  const buttons = () =>
    [
      ["up", "有帮助"],
      ["down", "没有帮助"],
    ].map(([vote, label]) => {
      // Words, not 👍/👎 alone: a machine without an emoji font would show empty boxes.
      const b = h("button", { type: "button", class: `quiet vote vote-${vote}` }, label);
      b.addEventListener("click", () => openForm(/** @type {"up" | "down"} */ (vote)));
      return b;
    });
  box.append(...buttons());
  return box;
}

/** Everything under an answer: feedback, regenerate (last answer), copy, exports. @param {StoredTurn} turn @param {number} index */
function answerActions(turn, index) {
  const a = turn.answer;
  const row = h("div", { class: "answer-actions", role: "group", "aria-label": "回答操作" });
  row.append(feedbackControls(turn));
  if (index === conv.turns.length - 1) {
    const again = h("button", { type: "button", class: "quiet regenerate" }, "重新生成");
    again.addEventListener("click", () => void ask(turn.question, index));
    row.append(again);
  }
  if (a.citations.length) {
    const copyAll = h("button", { type: "button", class: "quiet copy-all" }, "复制全部");
    copyAll.addEventListener("click", async () => confirmOn(copyAll, await copyText(answerPlainText(a)), "回答和全部引注"));
    row.append(copyAll);
    for (const [ext, label] of /** @type {const} */ ([
      ["docx", "导出 Word"],
      ["md", "导出 Markdown"],
    ])) {
      const b = /** @type {HTMLButtonElement} */ (h("button", { type: "button", class: `quiet export-${ext}` }, label));
      b.addEventListener("click", () => void exportAnswer(b, turn, ext));
      row.append(b);
    }
  }
  return row;
}

/** @param {HTMLElement} body @param {StoredTurn} turn @param {number} index */
function renderAnswer(body, turn, index) {
  const a = turn.answer;
  body.replaceChildren();
  body.classList.toggle("not-found", !a.found);
  for (const p of answerParagraphs(a.answer, a.citations)) body.append(p);
  if (a.notice) body.append(h("p", { class: "notice" }, a.notice));
  const chips = sourceChips(a.citations);
  if (chips) body.append(chips);
  body.append(answerActions(turn, index));
  body.addEventListener("click", (e) => {
    const b = e.target instanceof Element ? /** @type {HTMLElement | null} */ (e.target.closest("[data-source]")) : null;
    if (b) openSources(a, Number(b.dataset.source), b);
  });
}

/** The question bubble, with «编辑» to put it back in the box and ask again from there. @param {string} question @param {number} index */
function userTurn(question, index) {
  const edit = h("button", { type: "button", class: "quiet edit", "aria-label": `编辑问题：${question}` }, "编辑");
  edit.addEventListener("click", () => startEdit(index));
  return h(
    "div",
    { class: "turn turn-user", "data-turn": index },
    h("p", { class: "bubble" }, h("span", { class: "visually-hidden" }, "你问："), question),
    edit,
  );
}

/** @param {number} index */
function botTurn(index) {
  const body = h("div", { class: "bubble" }, h("p", { class: "pending" }, "正在查找纪要…"));
  const el = h("div", { class: "turn turn-bot", "aria-busy": "true", "data-turn": index }, h("span", { class: "visually-hidden" }, "回答："), body);
  return { el, body };
}

/** Draws the whole conversation (after reopening one, editing or regenerating). */
function renderConversation() {
  els.conversation.replaceChildren();
  conv.turns.forEach((turn, i) => {
    const { el, body } = botTurn(i);
    el.setAttribute("aria-busy", "false");
    renderAnswer(body, turn, i);
    els.conversation.append(userTurn(turn.question, i), el);
  });
  els.intro.hidden = conv.turns.length > 0;
}

/** Puts a question's top just under the top of whatever scrolls it, so the answer below it is in view above the box. @param {HTMLElement} el */
function bringIntoView(el) {
  el.scrollIntoView({ block: "start", behavior: "auto" });
}

// ------------------------------------------------------------------ asking

/** The API's history: earlier turns as question, intent, focus and a cut answer. @param {StoredTurn[]} turns @param {PageConfig} limits */
function apiHistory(turns, limits) {
  return turns.slice(-limits.historyTurns).map((t) => ({
    question: t.answer.question,
    ...(t.answer.intent ? { intent: t.answer.intent } : {}),
    focus: t.answer.focus ?? null,
    answer: t.answer.answer.slice(0, Math.min(limits.keptAnswerChars, limits.historyAnswerChars)),
  }));
}

/**
 * Asks `question`; with `from`, the turns from that index on are replaced (regenerate, edit and resend).
 * @param {string} question @param {number | null} [from]
 */
async function ask(question, from = null) {
  if (busy) return;
  question = question.trim();
  if (!question) {
    showError("请先输入问题。");
    els.question.focus();
    return;
  }
  /** @type {PageConfig} */
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
  if (from !== null) {
    conv.turns = conv.turns.slice(0, from);
    renderConversation();
  }
  endEdit();
  busy = true;
  els.send.disabled = true;
  els.send.textContent = "查找中…";
  els.intro.hidden = true;
  setStatus("正在查找纪要…");
  const index = conv.turns.length;
  const asked = userTurn(question, index);
  const { el, body } = botTurn(index);
  els.conversation.append(asked, el);
  bringIntoView(asked);
  let streamed = "";
  const sent = apiHistory(conv.turns, limits);
  try {
    const answer = await askStreaming(question, sent, (delta) => {
      streamed += delta;
      body.replaceChildren(h("p", { class: "answer-text streaming" }, streamed));
    });
    /** @type {StoredTurn} */
    const turn = { question, answer, sent };
    conv.turns.push(turn);
    if (!conv.title) conv.title = question.slice(0, 40);
    renderAnswer(body, turn, index);
    // «重新生成» belongs to the newest answer only.
    for (const old of Array.from(els.conversation.querySelectorAll(".regenerate"))) if (!body.contains(old)) old.remove();
    saveConversation(conv);
    renderList();
    setStatus(answer.found ? `已回答，共 ${answer.citations.length} 处引用。` : "没有找到相关内容。");
    els.question.value = "";
  } catch (err) {
    body.replaceChildren(h("p", { class: "error-text" }, failureText(err)));
    el.classList.add("turn-error");
    setStatus(failureText(err));
  } finally {
    el.setAttribute("aria-busy", "false");
    busy = false;
    els.send.disabled = false;
    els.send.textContent = "发送";
    bringIntoView(asked);
  }
}

/** @param {number} index */
function startEdit(index) {
  const turn = conv.turns[index];
  if (!turn || busy) return;
  editing = index;
  els.question.value = turn.question;
  els.editing.hidden = false;
  els.question.focus();
  setStatus("正在编辑问题，发送后将从这里重新回答。");
}

function endEdit() {
  editing = null;
  els.editing.hidden = true;
}

els.form.addEventListener("submit", (e) => {
  e.preventDefault();
  void ask(els.question.value, editing);
});
els.question.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    els.form.requestSubmit();
  }
  if (e.key === "Escape" && editing !== null) endEdit();
});
els.question.addEventListener("input", () => {
  if (els.error.textContent) showError("");
});
$("editing-cancel").addEventListener("click", () => {
  endEdit();
  els.question.value = "";
});

// ------------------------------------------------------------------ conversations

function renderList() {
  const list = loadConversations();
  els.listBody.replaceChildren(
    ...(list.length
      ? list.map((c) => {
          const open = h("button", { type: "button", class: "conv-open", "aria-current": c.id === conv.id ? "true" : null }, c.title || "（未命名）");
          open.addEventListener("click", () => openConversation(c.id));
          const rename = h("button", { type: "button", class: "quiet conv-rename", "aria-label": `重命名：${c.title}` }, "重命名");
          rename.addEventListener("click", () => startRename(item, c));
          const del = h("button", { type: "button", class: "quiet conv-delete", "aria-label": `删除：${c.title}` }, "删除");
          del.addEventListener("click", () => {
            deleteConversation(c.id);
            if (c.id === conv.id) startNew();
            renderList();
            setStatus("已删除这段对话。");
          });
          const item = h(
            "li",
            { class: "conv" },
            open,
            h("span", { class: "conv-meta" }, `${c.turns.length} 问 · ${new Date(c.updated).toLocaleDateString("zh-CN")}`),
            rename,
            del,
          );
          return item;
        })
      : [h("li", { class: "conv-empty" }, "还没有保存的对话。")]),
  );
}

/** @param {HTMLElement} item @param {import("./store.js").Conversation} c */
function startRename(item, c) {
  const input = /** @type {HTMLInputElement} */ (
    h("input", { type: "text", class: "conv-title-input", value: c.title, maxlength: 60, "aria-label": "对话名称" })
  );
  const done = (/** @type {boolean} */ keep) => {
    if (keep && input.value.trim()) {
      renameConversation(c.id, input.value.trim());
      if (c.id === conv.id) conv.title = input.value.trim();
      setStatus("已重命名。");
    }
    renderList();
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") done(true);
    if (e.key === "Escape") done(false);
  });
  input.addEventListener("blur", () => done(true));
  item.replaceChildren(input);
  input.focus();
  input.select();
}

/** @param {string} id */
function openConversation(id) {
  const found = loadConversations().find((c) => c.id === id);
  if (!found) return;
  conv = found;
  endEdit();
  renderConversation();
  toggleList(false);
  const last = els.conversation.querySelector(".turn-user:last-of-type");
  if (last instanceof HTMLElement) bringIntoView(last);
  setStatus(`已打开对话：${conv.title}`);
}

function startNew() {
  conv = newConversation();
  endEdit();
  els.conversation.replaceChildren();
  els.intro.hidden = false;
  showError("");
}

/** @param {boolean} [open] */
function toggleList(open) {
  const show = open ?? els.list.hidden;
  els.list.hidden = !show;
  els.listButton.setAttribute("aria-expanded", String(show));
  if (show) {
    renderList();
    /** @type {HTMLElement | null} */ (els.listBody.querySelector("button"))?.focus();
  }
}

els.listButton.addEventListener("click", () => toggleList());
els.list.addEventListener("keydown", (e) => {
  if (e.key === "Escape") {
    toggleList(false);
    els.listButton.focus();
  }
});
els.newChat.addEventListener("click", () => {
  startNew();
  renderList();
  setStatus("已开始新对话。");
  els.question.focus();
});

// On load: the latest conversation comes back as it was left.
const latest = loadConversations()[0];
if (latest) {
  conv = latest;
  renderConversation();
}
void showOverview();
