import type { Hono } from "hono";
import type { WebEnv } from "../env.js";
import { LIMITS } from "../schemas.js";

/** What GET /api/config tells the chat page: the limits the API enforces, so the page keeps no copies of them. */
export interface PageConfig {
  questionChars: number;
  historyTurns: number;
  historyAnswerChars: number;
  keptAnswerChars: number;
}

/** GET /api/config: the limits the page applies before it asks. */
export function configRoute(app: Hono<WebEnv>): void {
  const body: PageConfig = {
    questionChars: LIMITS.questionChars,
    historyTurns: LIMITS.historyTurns,
    historyAnswerChars: LIMITS.historyAnswerChars,
    keptAnswerChars: LIMITS.keptAnswerChars,
  };
  app.get("/api/config", (c) => c.json(body));
}
