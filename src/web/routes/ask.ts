import { zValidator } from "@hono/zod-validator";
import type { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { answerJson } from "../../answer/json.js";
import type { Access, Answer, Engine, Turn } from "../../answer/types.js";
import { answerMarkdown } from "../../export/markdown.js";
import type { Logger } from "../../log.js";
import { userMessage } from "../../messages.js";
import type { WebEnv } from "../env.js";
import { ApiError, errorBody, rejectInvalid, toApiError } from "../errors.js";
import { jsonObjectBody } from "../middleware/json-body.js";
import { AskSchema, ExportOptionsSchema, ExportQuerySchema, LIMITS, SearchSchema } from "../schemas.js";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** «attachment; filename="answer.docx"; filename*=UTF-8''纪要问答-…» (RFC 6266: an ASCII name, then the question's). */
function attachment(question: string, ext: string): string {
  const name = `纪要问答-${Array.from(question.replace(/[\\/:*?"<>|\s]+/g, ""))
    .slice(0, 30)
    .join("")}.${ext}`;
  return `attachment; filename="answer.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** /api/ask, /api/ask/stream, /api/search and the exports /api/answer.docx and /api/answer.md. */
export function askRoutes(app: Hono<WebEnv>, engine: Engine, log: Logger): void {
  /** Keeps only history focus the caller may see, so a turn cannot point the engine at hidden minutes. */
  const historyFor = (history: Turn[] | undefined, access: Access): Turn[] | undefined =>
    history?.map((t) => ({
      ...t,
      focus: t.focus && !engine.getMinutes(t.focus.minutesId, access) ? null : t.focus,
      record: t.record && !engine.getMinutes(t.record, access) ? null : t.record,
    }));

  /**
   * The JSON of `minutes ask --json`, plus `focus` (the item the answer is about) for the client to send
   * back in `history`. Defence in depth: a public caller never receives an internal citation.
   */
  const answerBody = (a: Answer, access: Access) => {
    if (!access.internal && a.citations.some((ci) => ci.visibility !== "public")) {
      log.error("engine returned an internal citation to a public caller", { question: a.question });
      throw new ApiError(500, "internal_error", userMessage(null));
    }
    return { ...answerJson(a), focus: a.focus, record: a.record ?? null };
  };

  const askBody = [jsonObjectBody, zValidator("json", AskSchema, rejectInvalid)] as const;

  app.post("/api/ask", ...askBody, async (c) => {
    const body = c.req.valid("json");
    const access = c.get("access");
    const answer = await engine.ask(body.question, { history: historyFor(body.history, access), access, signal: c.req.raw.signal });
    return c.json(answerBody(answer, access));
  });

  app.post("/api/ask/stream", ...askBody, async (c) => {
    const body = c.req.valid("json");
    const access = c.get("access");
    const abort = new AbortController();
    const onClientGone = () => abort.abort();
    c.req.raw.signal.addEventListener("abort", onClientGone, { once: true });
    return streamSSE(c, async (stream) => {
      stream.onAbort(onClientGone);
      try {
        for await (const ev of engine.askStream(body.question, { history: historyFor(body.history, access), access, signal: abort.signal })) {
          if (abort.signal.aborted) break;
          if ("delta" in ev) await stream.writeSSE({ event: "delta", data: JSON.stringify({ text: ev.delta }) });
          else await stream.writeSSE({ event: "final", data: JSON.stringify(answerBody(ev.final, access)) });
        }
      } catch (err) {
        const e = toApiError(err);
        if (e.status >= 500) log.error("stream failed", { code: e.code, err: err instanceof Error ? err : String(err) });
        if (!abort.signal.aborted) await stream.writeSSE({ event: "error", data: JSON.stringify(errorBody(e).error) });
      } finally {
        c.req.raw.signal.removeEventListener("abort", onClientGone);
      }
    });
  });

  app.get("/api/search", zValidator("query", SearchSchema, rejectInvalid), async (c) => {
    const { q, k } = c.req.valid("query");
    const access = c.get("access");
    const want = k ?? LIMITS.searchDefaultK;
    const hits = (await engine.search(q, { k: want, access })).filter((h) => access.internal || h.visibility === "public");
    return c.json({ query: q, k: want, hits: hits.map((h, i) => ({ n: i + 1, ...h })) });
  });

  /**
   * An answer exported as a file: the same engine call and access rule as /api/ask. GET takes `?q=`;
   * POST takes the body of /api/ask, so a follow-up exports with the conversation it was asked in.
   */
  const exportAnswer = async (question: string, history: Turn[] | undefined, quoteChars: number | undefined, access: Access, signal: AbortSignal) => {
    const answer = await engine.ask(question, { history: historyFor(history, access), access, signal });
    answerBody(answer, access);
    return { answer, opts: quoteChars === undefined ? {} : { maxQuoteChars: quoteChars } };
  };
  const formats = {
    docx: async (answer: Answer, opts: { maxQuoteChars?: number }) => {
      const { answerDocx } = await import("../../export/docx.js");
      return { body: new Uint8Array(await answerDocx(answer, opts)), type: DOCX_TYPE };
    },
    md: async (answer: Answer, opts: { maxQuoteChars?: number }) => ({ body: answerMarkdown(answer, opts), type: "text/markdown; charset=utf-8" }),
  };
  for (const [ext, render] of Object.entries(formats)) {
    const path = `/api/answer.${ext}`;
    app.get(path, zValidator("query", ExportQuerySchema, rejectInvalid), async (c) => {
      const { q, quoteChars } = c.req.valid("query");
      const { answer, opts } = await exportAnswer(q, undefined, quoteChars, c.get("access"), c.req.raw.signal);
      const { body, type } = await render(answer, opts);
      return c.body(body, 200, { "Content-Type": type, "Content-Disposition": attachment(answer.question, ext) });
    });
    app.post(path, zValidator("query", ExportOptionsSchema, rejectInvalid), ...askBody, async (c) => {
      const { quoteChars } = c.req.valid("query");
      const { question, history } = c.req.valid("json");
      const { answer, opts } = await exportAnswer(question, history, quoteChars, c.get("access"), c.req.raw.signal);
      const { body, type } = await render(answer, opts);
      return c.body(body, 200, { "Content-Type": type, "Content-Disposition": attachment(answer.question, ext) });
    });
  }
}
