import { zValidator } from "@hono/zod-validator";
import type { Hono } from "hono";
import type { Engine } from "../../answer/types.js";
import type { FeedbackSink } from "../../bot/feedback.js";
import type { WebEnv } from "../env.js";
import { rejectInvalid } from "../errors.js";
import { jsonObjectBody } from "../middleware/json-body.js";
import { FeedbackSchema } from "../schemas.js";

/**
 * POST /api/feedback: 👍 / 👎 on an answer, with an optional comment, appended to FEEDBACK_LOG through the
 * bot's writer — the question, the answer and citations as shown, and the index generation that answered.
 */
export function feedbackRoute(app: Hono<WebEnv>, engine: Engine, sink: FeedbackSink, now: () => number = Date.now): void {
  app.post("/api/feedback", jsonObjectBody, zValidator("json", FeedbackSchema, rejectInvalid), async (c) => {
    const body = c.req.valid("json");
    const status = engine.status();
    await sink.write({
      time: new Date(now()).toISOString(),
      vote: body.vote,
      question: body.question,
      answer: body.answer,
      mode: body.mode ?? "",
      user: "",
      chatType: "web",
      cited: body.citations.map((ci) => `${ci.minutesId}:${ci.start}`),
      channel: "web",
      ...(body.comment ? { comment: body.comment } : {}),
      citations: body.citations,
      generation: { indexedAt: status.indexedAt, documents: status.documents },
    });
    return c.json({ ok: true }, 201);
  });
}
