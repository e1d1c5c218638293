import { fold } from "../index/tokenize.js";
import type { Minutes } from "../minutes/schema.js";
import { unitCore, type Lexicon } from "../index/lexicon.js";
import { toSimplified } from "../text/script.js";
import type { Access } from "./types.js";
import type { KnownNames } from "./support.js";

const cache = new WeakMap<readonly Minutes[], Map<boolean, KnownNames>>();

/**
 * The people and units named in the minutes a caller may see (chairs, 出席 and
 * 列席 lists, reporting and responsible units) and the lexicon's unit aliases:
 * a sentence naming one of them must find that name in the excerpt it cites.
 */
export function knownNames(minutes: readonly Minutes[], lexicon: Lexicon, access: Access): KnownNames {
  const perAccess = cache.get(minutes) ?? new Map<boolean, KnownNames>();
  cache.set(minutes, perAccess);
  const hit = perAccess.get(access.internal);
  if (hit) return hit;
  const spellings = new Map<string, string[]>();
  const add = (group: string[]) => {
    const forms = [
      ...new Set(
        group
          .flatMap((g) => [g, unitCore(g)])
          .map((g) => toSimplified(fold(g.trim())))
          .filter((g) => g.length >= 2),
      ),
    ];
    for (const f of forms) spellings.set(f, [...new Set([...(spellings.get(f) ?? []), ...forms])]);
  };
  for (const m of minutes) {
    if (m.visibility !== "public" && !access.internal) continue;
    if (m.meeting.chair) add([m.meeting.chair]);
    for (const n of m.attendance?.present ?? []) add([n]);
    for (const a of m.attendance?.attending ?? []) {
      add([a.name]);
      add([a.unit]);
    }
    for (const it of m.items) for (const u of [it.reportingUnit, ...it.responsibleUnits]) if (u) add([u]);
  }
  for (const [canonical, aliases] of lexicon.units) add([canonical, ...aliases]);
  const names = { spellings, longest: Math.max(0, ...[...spellings.keys()].map((k) => k.length)) };
  perAccess.set(access.internal, names);
  return names;
}
