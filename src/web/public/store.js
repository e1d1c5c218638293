// @ts-check
// Conversations kept in this browser (localStorage): the list to reopen, rename and delete.

/**
 * One question and its answer as shown, the history sent with it (for exports), and the vote given.
 * @typedef {{ question: string, answer: any, sent: unknown[], vote?: "up" | "down" }} StoredTurn
 * @typedef {{ id: string, title: string, updated: number, turns: StoredTurn[] }} Conversation
 */

const KEY = "minutes-qa:conversations:v1";
/** The oldest conversations beyond these are dropped. */
const MAX_CONVERSATIONS = 30;

/** @returns {Conversation[]} newest first */
export function loadConversations() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(list) ? list.filter((c) => c && typeof c.id === "string" && Array.isArray(c.turns)).sort((a, b) => b.updated - a.updated) : [];
  } catch {
    return [];
  }
}

/** @param {Conversation[]} list @returns {boolean} */
function write(list) {
  try {
    localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX_CONVERSATIONS)));
    return true;
  } catch {
    // Storage full or disabled (private mode): the conversation lives on in the page only.
    return false;
  }
}

/** Saves (or replaces) a conversation, now its newest. @param {Conversation} conv */
export function saveConversation(conv) {
  conv.updated = Date.now();
  return write([conv, ...loadConversations().filter((c) => c.id !== conv.id)]);
}

/** @param {string} id */
export function deleteConversation(id) {
  return write(loadConversations().filter((c) => c.id !== id));
}

/** @param {string} id @param {string} title */
export function renameConversation(id, title) {
  const list = loadConversations();
  const conv = list.find((c) => c.id === id);
  if (conv) conv.title = title;
  return write(list);
}

/** @returns {Conversation} */
export function newConversation() {
  return { id: `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`, title: "", updated: Date.now(), turns: [] };
}
