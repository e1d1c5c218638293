// 督办台账 tab: the ledger of every meeting's tasks, filtered by unit, status and month, each row linked to its cited item.
// Its own module beside app.js: it shows itself on #/ledger and hides the chat and reader panes meanwhile.

const STATUSES = ["未到期", "临近", "逾期", "已办结"];

/** @param {string} tag @param {Record<string, string>} [attrs] @param {...(Node|string|null)} kids */
function el(tag, attrs = {}, ...kids) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const kid of kids) if (kid !== null) node.append(kid);
  return node;
}

const css = el("link", { rel: "stylesheet", href: "/ledger.css" });
document.head.append(css);

const nav = document.getElementById("nav-ledger");
const unitInput = el("input", { id: "ledger-unit", type: "search", list: "ledger-units", placeholder: "全部单位", autocomplete: "off" });
const unitList = el("datalist", { id: "ledger-units" });
const statusSelect = el("select", { id: "ledger-status" }, el("option", { value: "" }, "全部状态"), ...STATUSES.map((s) => el("option", { value: s }, s)));
const monthInput = el("input", { id: "ledger-month", type: "month" });
const exportLink = el("a", { id: "ledger-export", class: "ledger-export", href: "/api/ledger.xlsx", download: "督办台账.xlsx" }, "导出 Excel");
const summary = el("p", { id: "ledger-summary", class: "ledger-summary", role: "status", "aria-live": "polite" });
const list = el("div", { id: "ledger-rows", class: "ledger-rows" });
const field = (id, text, control) => el("div", { class: "ledger-field" }, el("label", { for: id }, text), control);

const section = el(
  "section",
  { id: "ledger", class: "ledger-pane", "aria-labelledby": "ledger-title" },
  el("div", { class: "ledger-head" }, el("h2", { id: "ledger-title", tabindex: "-1" }, "督办台账"), exportLink),
  el(
    "form",
    { class: "ledger-filters", role: "search", "aria-label": "筛选督办事项" },
    field("ledger-unit", "责任单位", unitInput),
    field("ledger-status", "状态", statusSelect),
    field("ledger-month", "到期月份", monthInput),
    unitList,
  ),
  summary,
  list,
);
section.hidden = true;
document.getElementById("main")?.after(section);

function query() {
  const p = new URLSearchParams();
  if (unitInput.value.trim()) p.set("unit", unitInput.value.trim());
  if (statusSelect.value) p.set("status", statusSelect.value);
  if (monthInput.value) p.set("month", monthInput.value);
  return p.toString();
}

/** «#/minutes/<id>/items/<n>?hl=<start>-<end>»: the reader opens the item with the task highlighted. */
const itemHref = (r) => `#/minutes/${encodeURIComponent(r.minutesId)}/items/${r.itemOrdinal}?hl=${r.start}-${r.end}`;
const deadline = (r) => (r.deadlineText ? `${r.deadlineText}${r.dueDate ? `（${r.dueDate}）` : ""}` : "无");

function rowNode(r) {
  const units = [r.leadUnit ? `${r.leadUnit}（牵头）` : "未明确责任单位", ...r.cooperatingUnits.map((u) => `${u}（配合）`)].join("、");
  const progress = r.timeline.map((e) =>
    el("li", {}, e.kind === "report" ? el("a", { href: itemHref(e.source) }, `${e.at} 会议听取汇报`) : `${e.at.slice(0, 10)} ${e.by}：${e.note}`),
  );
  return el(
    "article",
    { class: "ledger-row", "data-status": r.status },
    el(
      "p",
      { class: "ledger-meta" },
      el("span", { class: "ledger-status" }, r.status),
      el("span", { class: "ledger-unit" }, units),
      el("span", { class: "ledger-due" }, `时限：${deadline(r)}`),
    ),
    el("p", { class: "ledger-task" }, el("a", { href: itemHref(r) }, r.quote)),
    el(
      "p",
      { class: "ledger-source" },
      `${r.meeting.title}${r.meeting.number !== null ? `第${r.meeting.number}号` : ""} · ${r.meeting.date ?? "日期不详"} · ${r.itemLabel ? `${r.itemLabel}、` : ""}${r.itemTitle}`,
    ),
    progress.length ? el("ul", { class: "ledger-progress", "aria-label": "进展" }, ...progress) : null,
  );
}

let seq = 0;
async function load() {
  const mine = ++seq;
  const q = query();
  exportLink.setAttribute("href", `/api/ledger.xlsx${q ? `?${q}` : ""}`);
  list.setAttribute("aria-busy", "true");
  let rows;
  try {
    const res = await fetch(`/api/ledger${q ? `?${q}` : ""}`, { headers: { accept: "application/json" } });
    const body = await res.json();
    if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
    rows = body.rows;
  } catch (err) {
    if (mine !== seq) return;
    summary.textContent = `无法读取督办台账：${err instanceof Error ? err.message : String(err)}`;
    list.replaceChildren();
    return;
  }
  if (mine !== seq) return;
  if (!unitInput.value) {
    const units = [...new Set(rows.map((r) => r.leadUnit).filter(Boolean))].sort();
    unitList.replaceChildren(...units.map((u) => el("option", { value: u })));
  }
  const counts = STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]).filter(([, n]) => n > 0);
  summary.textContent = rows.length ? `共 ${rows.length} 项：${counts.map(([s, n]) => `${s} ${n}`).join("，")}` : "没有符合条件的督办事项。";
  list.replaceChildren(...rows.map(rowNode));
  list.setAttribute("aria-busy", "false");
}

for (const control of [unitInput, statusSelect, monthInput]) control.addEventListener("change", () => void load());
unitInput.addEventListener("input", () => {
  if (!unitInput.value) void load();
});
section.querySelector("form")?.addEventListener("submit", (e) => {
  e.preventDefault();
  void load();
});

function route() {
  const on = location.hash.startsWith("#/ledger");
  document.body.classList.toggle("ledger-view", on);
  section.hidden = !on;
  // app.js marks its own tabs first; on #/ledger this tab is the current one.
  for (const link of document.querySelectorAll(".site-nav .nav-link")) {
    if (on) link.toggleAttribute("aria-current", link === nav);
    if (on && link === nav) link.setAttribute("aria-current", "page");
  }
  if (!on) nav?.removeAttribute("aria-current");
  if (on) {
    void load();
    document.getElementById("ledger-title")?.focus({ preventScroll: true });
  }
}

window.addEventListener("hashchange", route);
route();
