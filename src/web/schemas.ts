/** What the HTTP API accepts: its limits and the zod schemas of bodies and queries. */
import { z } from "zod";
import { INTENTS, LIMITS as SHARED_LIMITS } from "../limits.js";
import { normalizeQuestion } from "../text/question.js";

/** Limits of the HTTP API (also documented to clients through error messages). */
export const LIMITS = {
  ...SHARED_LIMITS,
  /** Largest accepted JSON body of /api requests, in bytes. */
  bodyBytes: 64 * 1024,
  /** Largest accepted Telegram webhook update, in bytes. */
  webhookBytes: 1024 * 1024,
  historyAnswerChars: 4000,
  searchQueryChars: SHARED_LIMITS.questionChars,
  searchMaxK: 50,
  searchDefaultK: 10,
  idChars: 200,
  /** /api/minutes/:id: items per page by default and at most, and the most characters of the full text it carries. */
  minutesItemsDefault: 200,
  minutesItemsMax: 1000,
  minutesTextChars: 200_000,
  /** Longest comment with a 👍/👎. */
  feedbackCommentChars: 500,
  /** Most citations a feedback entry keeps. */
  feedbackCitations: 20,
} as const;

// Messages are predicates; `describeIssue` (errors.ts) puts the field path in front: «question is required».
// Invisible characters alone («\u200b\u200b») are an empty string, as the engine reads them.
const requiredString = (max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be a string") })
    .overwrite(normalizeQuestion)
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` });

const TurnSchema = z
  .object(
    {
      question: requiredString(LIMITS.questionChars),
      intent: z.enum(INTENTS, { error: `must be one of ${INTENTS.join(", ")}` }).optional(),
      focus: z
        .object(
          {
            minutesId: requiredString(LIMITS.idChars),
            ordinal: z.number({ error: "must be a number" }).int({ error: "must be an integer" }).positive({ error: "must be positive" }),
          },
          { error: "must be an object {minutesId, ordinal} or null" },
        )
        .nullable()
        .optional(),
      record: requiredString(LIMITS.idChars).nullable().optional(),
      answer: z
        .string({ error: "must be a string" })
        .max(LIMITS.historyAnswerChars, { error: `must be at most ${LIMITS.historyAnswerChars} characters` })
        .optional(),
    },
    { error: "must be an object {question, intent?, focus?, answer?}" },
  )
  .strict();

/** The body of /api/ask, /api/ask/stream and the POST exports. */
export const AskSchema = z
  .object({
    question: requiredString(LIMITS.questionChars),
    history: z
      .array(TurnSchema, { error: "must be an array of turns" })
      .max(LIMITS.historyTurns, { error: `must have at most ${LIMITS.historyTurns} turns` })
      .optional(),
  })
  .strict();

/** An optional whole-number query parameter from `min` to `max`. */
const intParam = (min: number, max: number) => {
  const range = `must be an integer from ${min} to ${max}`;
  return z
    .string({ error: range })
    .regex(new RegExp(`^\\d{1,${String(max).length}}$`), { error: range })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: range }).max(max, { error: range }))
    .optional();
};

/** The query of /api/search. */
export const SearchSchema = z.object({
  q: requiredString(LIMITS.searchQueryChars),
  k: intParam(1, LIMITS.searchMaxK),
});

/** /api/answer.docx and /api/answer.md: optionally how long quotes in references may be; GET names the question as `q`. */
export const ExportOptionsSchema = z.object({ quoteChars: intParam(8, 2000) });
export const ExportQuerySchema = ExportOptionsSchema.extend({ q: requiredString(LIMITS.questionChars) });

/** The query of /api/minutes/:id: which page of the items (`offset`, `limit`). */
export const MinutesPageSchema = z.object({
  offset: intParam(0, 1_000_000),
  limit: intParam(1, LIMITS.minutesItemsMax),
});
const boundedString = (max: number) => z.string({ error: "must be a string" }).max(max, { error: `must be at most ${max} characters` });

/** A citation of the answer voted on, as the page shows it (kept for review, never trusted as a source). */
const FeedbackCitationSchema = z.object(
  {
    n: z.number({ error: "must be a number" }).int({ error: "must be an integer" }).positive({ error: "must be positive" }),
    minutesId: requiredString(LIMITS.idChars),
    title: boundedString(LIMITS.idChars),
    item: z
      .object(
        { ordinal: z.number().int().positive(), label: boundedString(20), title: boundedString(LIMITS.idChars) },
        { error: "must be {ordinal, label, title} or null" },
      )
      .nullable(),
    section: boundedString(100),
    quote: boundedString(LIMITS.historyAnswerChars),
    start: z.number({ error: "must be a number" }).int().nonnegative({ error: "must not be negative" }),
    end: z.number({ error: "must be a number" }).int().nonnegative({ error: "must not be negative" }),
  },
  { error: "must be an object {n, minutesId, title, item, section, quote, start, end}" },
);

/** The body of POST /api/feedback: 👍 or 👎 on an answer, an optional comment, and the answer as it was shown. */
export const FeedbackSchema = z
  .object({
    vote: z.enum(["up", "down"], { error: "must be «up» or «down»" }),
    comment: boundedString(LIMITS.feedbackCommentChars).trim().optional(),
    question: requiredString(LIMITS.questionChars),
    answer: boundedString(LIMITS.historyAnswerChars),
    mode: boundedString(20).optional(),
    intent: z.enum(INTENTS, { error: `must be one of ${INTENTS.join(", ")}` }).optional(),
    found: z.boolean({ error: "must be true or false" }),
    citations: z.array(FeedbackCitationSchema, { error: "must be an array of citations" }).max(LIMITS.feedbackCitations, {
      error: `must have at most ${LIMITS.feedbackCitations} citations`,
    }),
  })
  .strict();
export type FeedbackBody = z.infer<typeof FeedbackSchema>;
