import type { Hono } from "hono";
import type { Engine } from "../../answer/types.js";
import type { WebEnv } from "../env.js";
import { type ArchiveOverview, archiveOverview } from "../overview.js";

/** GET /api/overview: what the archive holds for this caller (public records only for a public caller), cached per index generation. */
export function overviewRoute(app: Hono<WebEnv>, engine: Engine): void {
  const cache = new Map<boolean, ArchiveOverview>();
  let generation: string | null = null;
  app.get("/api/overview", (c) => {
    const access = c.get("access");
    const current = engine.status().indexedAt;
    if (current !== generation) {
      cache.clear();
      generation = current;
    }
    let overview = cache.get(access.internal);
    if (!overview) {
      overview = archiveOverview(engine, access);
      cache.set(access.internal, overview);
    }
    return c.json(overview);
  });
}
