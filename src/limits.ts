/**
 * Limits every surface (web, Telegram, the chat platforms) enforces alike, and
 * the question classes, written once: the server enforces these, and the web
 * page reads them from GET /api/config instead of keeping copies.
 */
export const LIMITS = {
  /** Longest question, in characters. */
  questionChars: 500,
  /** Earlier turns a follow-up is read against: what a chat session keeps, and what the web API accepts. */
  historyTurns: 6,
  /** What a session keeps of each answer for follow-ups: enough to resolve them, and six turns stay far below the API's 64 KiB body. */
  keptAnswerChars: 1000,
} as const;

/** Question classes the answerer recognises (意图). */
export const INTENTS = ["emphasis", "decision", "unit", "followup", "meta", "attendance", "list", "locate", "topic"] as const;
