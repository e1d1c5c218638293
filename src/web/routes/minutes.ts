import { basename } from "node:path";
import { zValidator } from "@hono/zod-validator";
import type { Context, Hono } from "hono";
import type { Engine } from "../../answer/types.js";
import type { Minutes } from "../../minutes/schema.js";
import type { WebEnv } from "../env.js";
import { ApiError, rejectInvalid } from "../errors.js";
import { LIMITS, MinutesPageSchema } from "../schemas.js";

/** The parsed structure without the server's file path. */
function publicMinutes(m: Minutes) {
  const { path, ...source } = m.source;
  return { ...m, source: { ...source, file: basename(path) } };
}

const idParam = (c: Context<WebEnv>) => {
  const id = c.req.param("id") ?? "";
  return id.length > 0 && id.length <= LIMITS.idChars ? id : null;
};
const notFound = (what: string) => new ApiError(404, "not_found", what);

/**
 * Browsing: /api/minutes, /api/minutes/:id and /api/minutes/:id/items/:ordinal, within the caller's access.
 * Each record carries its links (`links.passed`: the documents a meeting's items passed; `links.passedBy`: the
 * meeting decisions that passed a document), none to a record the caller may not see.
 */
export function minutesRoutes(app: Hono<WebEnv>, engine: Engine): void {
  app.get("/api/minutes", (c) => {
    const access = c.get("access");
    const list = engine.listMinutes(access).map((m) => ({
      id: m.id,
      title: m.title,
      kind: m.kind,
      number: m.number,
      meetingDate: m.meetingDate,
      issuedOn: m.issuedOn,
      itemCount: m.itemCount,
      visibility: m.visibility,
      reading: m.reading,
      links: engine.links(m.id, access),
    }));
    return c.json({ minutes: list });
  });

  // Bounded: a record of 10,000 items is megabytes; the items come a page at a time and the text up to LIMITS.minutesTextChars.
  app.get("/api/minutes/:id", zValidator("query", MinutesPageSchema, rejectInvalid), (c) => {
    const id = idParam(c);
    const m = id ? engine.getMinutes(id, c.get("access")) : null;
    if (!m) throw notFound(`no minutes with id «${id ?? ""}»`);
    const { offset = 0, limit = LIMITS.minutesItemsDefault } = c.req.valid("query");
    const end = offset + limit;
    return c.json({
      ...publicMinutes(m),
      links: engine.links(m.id, c.get("access")),
      items: m.items.slice(offset, end),
      text: m.text.slice(0, LIMITS.minutesTextChars),
      page: {
        offset,
        limit,
        itemCount: m.items.length,
        nextOffset: end < m.items.length ? end : null,
        textChars: m.text.length,
        textTruncated: m.text.length > LIMITS.minutesTextChars,
      },
    });
  });

  app.get("/api/minutes/:id/items/:ordinal", (c) => {
    const id = idParam(c);
    const raw = c.req.param("ordinal");
    if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1) throw new ApiError(400, "input_invalid", "ordinal must be a positive integer (1 for 一、)", "ordinal");
    const ordinal = Number(raw);
    const access = c.get("access");
    const m = id ? engine.getMinutes(id, access) : null;
    if (!m) throw notFound(`no minutes with id «${id ?? ""}»`);
    const found = engine.getItem(m.id, ordinal, access);
    if (!found) throw notFound(`minutes «${m.id}» has no item ${ordinal}`);
    const { item } = found;
    const ordinals = m.items.map((i) => i.ordinal);
    const at = ordinals.indexOf(ordinal);
    return c.json({
      minutesId: m.id,
      title: m.title,
      number: m.number,
      year: m.year,
      meetingDate: m.meeting.date,
      visibility: m.visibility,
      /** `text` is `minutes.text.slice(start, end)`: a citation's quote is at `citation.start - start`. */
      item: { ...item, text: m.text.slice(item.start, item.end) },
      /** The documents this item passed. */
      passed: engine.links(m.id, access).passed.filter((l) => l.itemOrdinal === ordinal),
      prev: at > 0 ? ordinals[at - 1] : null,
      next: at >= 0 && at < ordinals.length - 1 ? ordinals[at + 1] : null,
    });
  });
}
