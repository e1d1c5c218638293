// @ts-check
// The sources of one answer: beside the conversation on a wide screen, a sheet from the bottom on a phone.
// Each record's title is named once; under it each cited place, its quote, «查看原文» and «复制引用».
import { confirmOn, copyText } from "./copy.js";
import { $, citationHref, citationPlace, formatDate, h, minutesName, setStatus } from "./dom.js";

const panel = $("sources");
const body = $("sources-body");
const title = $("sources-title");
/** @type {HTMLElement | null} */
let opener = null;
/** @type {any} */
let shown = null;

/** The citations grouped by record, in marker order. @param {any[]} citations */
function byRecord(citations) {
  /** @type {Map<string, any[]>} */
  const groups = new Map();
  for (const c of citations) groups.set(c.minutesId, [...(groups.get(c.minutesId) ?? []), c]);
  return Array.from(groups.values());
}

/** @param {any} c @param {any} [prev] the source before it in the same record */
function sourceItem(c, prev) {
  return h(
    "li",
    { class: "source", id: `source-${c.n}`, tabindex: "-1" },
    h(
      "p",
      { class: "source-place" },
      h("span", { class: "cite-n", "aria-hidden": "true" }, String(c.n)),
      h("span", { class: "visually-hidden" }, `引用${c.n}：`),
      citationPlace(c),
    ),
    // The item's title once for a run of sources from the same item.
    c.item && prev?.item?.ordinal !== c.item.ordinal ? h("p", { class: "source-item" }, `${c.item.label}、${c.item.title}`) : null,
    h("blockquote", { class: "source-quote" }, c.quote),
    h(
      "p",
      { class: "source-actions" },
      h("a", { class: "source-open", href: citationHref(c), "data-cite": c.n }, "查看原文"),
      c.reference ? h("button", { type: "button", class: "quiet copy-btn", "data-copy-ref": c.n, "aria-label": `复制引用${c.n}的正式引注` }, "复制引用") : null,
    ),
  );
}

/**
 * Opens the panel on `answer`'s sources, scrolled to source `n`; focus returns to `from` when it closes.
 * @param {any} answer @param {number} n @param {HTMLElement | null} from
 */
export function openSources(answer, n, from) {
  shown = answer;
  opener = from;
  body.replaceChildren(
    ...byRecord(answer.citations).map((group) =>
      h(
        "section",
        { class: "source-record" },
        h("h3", { class: "source-title" }, minutesName(group[0].title, group[0].number)),
        group[0].meetingDate ? h("p", { class: "source-date" }, `会议日期 ${formatDate(group[0].meetingDate)}`) : null,
        h("ol", { class: "source-list" }, ...group.map((c, i) => sourceItem(c, group[i - 1]))),
      ),
    ),
  );
  title.textContent = `来源（${answer.citations.length}）`;
  panel.hidden = false;
  document.body.classList.add("sources-open");
  const target = /** @type {HTMLElement | null} */ (body.querySelector(`#source-${n}`));
  for (const el of Array.from(body.querySelectorAll(".source.current"))) el.classList.remove("current");
  target?.classList.add("current");
  (target ?? title).focus({ preventScroll: true });
  target?.scrollIntoView({ block: "nearest" });
  setStatus(`已打开来源 ${n}。`);
}

export function closeSources() {
  if (panel.hidden) return;
  panel.hidden = true;
  document.body.classList.remove("sources-open");
  if (opener?.isConnected) opener.focus({ preventScroll: true });
  opener = null;
}

$("sources-close").addEventListener("click", closeSources);
panel.addEventListener("keydown", (e) => {
  if (e.key === "Escape") closeSources();
});
$("sources-backdrop").addEventListener("click", closeSources);
body.addEventListener("click", async (e) => {
  const button = e.target instanceof Element ? /** @type {HTMLElement | null} */ (e.target.closest("button[data-copy-ref]")) : null;
  const c = button && shown?.citations.find((/** @type {any} */ x) => String(x.n) === button.getAttribute("data-copy-ref"));
  if (button && c) confirmOn(button, await copyText(c.reference), `引注 ${c.n}`);
  // Opening the original on a phone leaves the sheet behind.
  if (e.target instanceof Element && e.target.closest("a.source-open")) {
    panel.hidden = true;
    document.body.classList.remove("sources-open");
  }
});
