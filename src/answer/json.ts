import type { Answer } from "./types.js";

/** The JSON contract of `ask --json` (and of POST /api/ask). */
export function answerJson(a: Answer) {
  return {
    question: a.question,
    mode: a.mode,
    intent: a.intent,
    found: a.found,
    answer: a.answer,
    ...(a.notice ? { notice: a.notice } : {}),
    citations: a.citations.map((c) => ({
      n: c.n,
      minutesId: c.minutesId,
      title: c.title,
      number: c.number,
      meetingDate: c.meetingDate,
      item: c.item,
      section: c.section,
      pointLabel: c.pointLabel,
      quote: c.quote,
      start: c.start,
      end: c.end,
      score: c.score,
      page: c.page ?? null,
      reference: c.reference,
    })),
  };
}
