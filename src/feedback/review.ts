/**
 * Reviewing 👍/👎 feedback (FEEDBACK_LOG, written by the bot and the web page): reading the log,
 * and turning entries into eval cases in the format of tests/fixtures/eval ({"id","q","kind","items","must","none"}).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { InputError } from "../errors.js";
import { fitWidth } from "../text/width.js";

/** One logged vote as the review reads it (older Telegram lines lack the web's fields). */
export const FeedbackLineSchema = z.object({
  time: z.string(),
  vote: z.enum(["up", "down"]),
  question: z.string(),
  answer: z.string().default(""),
  mode: z.string().default(""),
  chatType: z.string().default(""),
  channel: z.string().optional(),
  comment: z.string().optional(),
  cited: z.array(z.string()).default([]),
  citations: z
    .array(z.object({ minutesId: z.string(), item: z.object({ ordinal: z.number().int() }).nullable(), quote: z.string().default("") }).passthrough())
    .optional(),
  generation: z.object({ indexedAt: z.string().nullable(), documents: z.number() }).optional(),
});
export type FeedbackLine = z.infer<typeof FeedbackLineSchema>;

/** An eval case (tests/fixtures/eval), with the reviewer's context in `note` (ignored by `minutes eval`). */
export interface EvalCase {
  id: string;
  q: string;
  kind: string;
  items: number[];
  must: string[];
  none?: boolean;
  note: string;
}

/** Reads the log; a line that is not a vote is an error naming the file and line. Entries on or after `since` (ISO date or time). */
export async function readFeedback(path: string, since?: string): Promise<FeedbackLine[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new InputError("input_invalid", `${path}: cannot read the feedback log (${(err as NodeJS.ErrnoException).code ?? String(err)})`, {
      subject: path,
      cause: err,
    });
  }
  const out: FeedbackLine[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    let parsed: ReturnType<typeof FeedbackLineSchema.safeParse>;
    try {
      parsed = FeedbackLineSchema.safeParse(JSON.parse(line));
    } catch {
      throw new InputError("input_invalid", `${path}:${i + 1}: not a JSON line`, { subject: path });
    }
    if (!parsed.success)
      throw new InputError("input_invalid", `${path}:${i + 1}: not a feedback entry (${parsed.error.issues[0]?.path.join(".")})`, { subject: path });
    if (!since || parsed.data.time >= since) out.push(parsed.data);
  }
  return out;
}

/** Checks a --since value: a date (2026-12-01) or an ISO time. */
export function sinceOption(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const s = String(raw);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(s) || Number.isNaN(Date.parse(s)))
    throw new InputError("usage", `--since must be a date such as 2026-12-01 (got «${s}»)`, { subject: "--since" });
  return s;
}

/**
 * A vote as an eval case: 👍 on an answer keeps the items it cited in its first record (a 👍 on a refusal:
 * `none`); 👎 keeps the question with no expectation yet — the reviewer writes `items`/`must` from the note.
 */
export function evalCase(f: FeedbackLine): EvalCase {
  const id = `fb-${createHash("sha256").update(`${f.time}|${f.question}`).digest("hex").slice(0, 10)}`;
  const first = f.citations?.[0]?.minutesId;
  const items = [...new Set((f.citations ?? []).filter((c) => c.minutesId === first && c.item).map((c) => c.item!.ordinal))];
  const refused = (f.citations ?? []).length === 0 && f.cited.length === 0;
  const note = [`${f.vote === "up" ? "👍" : "👎"} ${f.time}`, f.comment ? `comment: ${f.comment}` : "", `answer: ${f.answer.slice(0, 200)}`]
    .filter(Boolean)
    .join(" | ");
  if (f.vote === "up") return { id, q: f.question, kind: refused ? "negative" : "feedback", items, must: [], ...(refused ? { none: true } : {}), note };
  return { id, q: f.question, kind: "feedback-down", items: [], must: [], note };
}

/** One line per vote: time, vote, channel, question, comment. */
export function feedbackTable(lines: FeedbackLine[]): string[] {
  const head = `${fitWidth("time", 17)} ${fitWidth("vote", 4)} ${fitWidth("via", 8)} ${fitWidth("question", 36)} comment`;
  return [
    head,
    ...lines.map((f) =>
      `${fitWidth(f.time.slice(0, 16).replace("T", " "), 17)} ${fitWidth(f.vote === "up" ? "👍" : "👎", 4)} ${fitWidth(f.channel ?? "telegram", 8)} ${fitWidth(f.question, 36)} ${f.comment ?? ""}`.trimEnd(),
    ),
    `(${lines.length} votes: ${lines.filter((f) => f.vote === "up").length} 👍, ${lines.filter((f) => f.vote === "down").length} 👎)`,
  ];
}
