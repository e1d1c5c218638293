// @ts-check
// Small DOM and wording helpers shared by the page's modules. Data from the server is always inserted as text.

/** @param {string} id */
export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * Creates an element. `attrs` are set with setAttribute (or as properties for `class`/`text`);
 * children are nodes or strings (strings become text nodes).
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {...(Node | string | null | undefined | false)} children
 */
export function h(tag, attrs = {}, ...children) {
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

/** 2022-01-21 → 2022年1月21日 @param {string | null | undefined} iso */
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : "";
}

/** «太仓市人民政府常务会议纪要（第1号）» @param {string} title @param {number | null | undefined} number */
export function minutesName(title, number) {
  return number === null || number === undefined ? title : `${title}（第${number}号）`;
}

/** @param {{ label: string, title: string } | null | undefined} item */
export function itemName(item) {
  return item ? `${item.label}、${item.title}` : "";
}

/** Where a citation opens in the minutes reader, its quote highlighted. @param {any} c */
export function citationHref(c) {
  const hl = `?hl=${c.start}-${c.end}`;
  const id = encodeURIComponent(c.minutesId);
  return c.item ? `#/minutes/${id}/items/${c.item.ordinal}${hl}` : `#/minutes/${id}/text${hl}`;
}

/** «第七项·会议强调（一）»: where in its record a citation is, without the record's title. @param {any} c */
export function citationPlace(c) {
  const parts = [];
  if (c.item) parts.push(`第${c.item.label || c.item.ordinal}项`);
  if (c.section && c.section !== "议题") parts.push(`${c.section}${c.pointLabel ?? ""}`);
  if (c.page) parts.push(`第${c.page}页`);
  return parts.join("·") || c.section || "原文";
}

/** Tells screen readers (role=status) what just happened. @param {string} text */
export function setStatus(text) {
  $("status").textContent = text;
}
