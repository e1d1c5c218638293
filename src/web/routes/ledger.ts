import { zValidator } from "@hono/zod-validator";
import type { Context, Hono } from "hono";
import { z } from "zod";
import { parseLedgerFilter } from "../../ledger/filter.js";
import type { LedgerService } from "../../ledger/service.js";
import { ledgerXlsx } from "../../ledger/xlsx.js";
import type { WebEnv } from "../env.js";
import { ApiError, rejectInvalid } from "../errors.js";
import { jsonObjectBody } from "../middleware/json-body.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const DoneSchema = z.strictObject({
  note: z.string().trim().min(1, { error: "must not be empty" }).max(500, { error: "must be at most 500 characters" }),
  by: z.string().trim().min(1).max(50).optional(),
});

/** The query's filters (unit, status, due-before, from, to, month, q), a bad one named as the parameter. */
const filterOf = (c: Context<WebEnv>) => parseLedgerFilter(c.req.query(), "");

/**
 * The 督办台账: GET /api/ledger (JSON) and /api/ledger.xlsx with the same filters, within the caller's
 * access; POST /api/ledger/:id/done marks a row done, only with the web token.
 */
export function ledgerRoutes(app: Hono<WebEnv>, ledger: LedgerService): void {
  app.get("/api/ledger", async (c) => {
    const rows = await ledger.rows(filterOf(c), c.get("access"));
    return c.json({ today: ledger.now().toISOString(), rows });
  });

  app.get("/api/ledger.xlsx", async (c) => {
    const rows = await ledger.rows(filterOf(c), c.get("access"));
    const bytes = await ledgerXlsx(rows, { perUnit: c.req.query("perUnit") === "1" });
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": XLSX_TYPE,
        "content-disposition": `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent("督办台账.xlsx")}`,
      },
    });
  });

  app.post("/api/ledger/:id/done", jsonObjectBody, zValidator("json", DoneSchema, rejectInvalid), async (c) => {
    if (c.get("auth") !== "token") {
      c.header("WWW-Authenticate", "Bearer");
      throw new ApiError(401, "unauthorized", "marking a ledger row done needs the bearer token (WEB_API_TOKEN)");
    }
    const body = c.req.valid("json");
    const row = await ledger.markDone(c.req.param("id"), body.by ?? "web", body.note, c.get("access"));
    if (!row) throw new ApiError(404, "not_found", `no ledger row «${c.req.param("id")}»`);
    return c.json({ row });
  });
}
