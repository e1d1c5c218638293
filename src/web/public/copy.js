// @ts-check
// Copying references: the Clipboard API where the page may use it, else a hidden textarea.
import { h, setStatus } from "./dom.js";

/**
 * Puts `text` on the clipboard: the Clipboard API where the page may use it (HTTPS, localhost),
 * otherwise a hidden textarea and execCommand("copy") (pages served over plain HTTP).
 * @param {string} text
 * @returns {Promise<boolean>}
 */
export async function copyText(text) {
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

/** Shows on the button (and to screen readers) whether the copy worked, then restores its label. @param {HTMLElement} button @param {boolean} ok @param {string} what */
export function confirmOn(button, ok, what) {
  const label = button.dataset.label ?? button.textContent ?? "";
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

/**
 * The references as they are pasted: one alone as it is, several numbered «[n] …».
 * @param {{ n: number, reference?: string }[]} citations
 */
export function referencesText(citations) {
  const refs = citations.filter((c) => c.reference);
  return refs.length === 1 ? [String(refs[0].reference)] : refs.map((c) => `[${c.n}] ${c.reference}`);
}
