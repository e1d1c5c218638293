/**
 * What the archive holds, as the chat page's empty state shows it: how many records and files,
 * the meetings' date range, the bodies that held them, and example questions drawn from the
 * records' own agenda items — all within what the caller may see.
 */
import type { Access, Engine } from "../answer/types.js";
import type { Minutes } from "../minutes/schema.js";
import { EXAMPLE_QUESTIONS } from "../messages.js";

export interface ArchiveOverview {
  /** Meeting records (a file of several meetings counts each). */
  records: number;
  /** Source files. */
  documents: number;
  /** Earliest and latest meeting date (ISO), null when none is known. */
  from: string | null;
  to: string | null;
  /** Issuing or convening bodies, the most frequent first (at most `MAX_BODIES`). */
  bodies: string[];
  /** Questions about the archive's own items, the newest records first. */
  examples: string[];
}

const MAX_BODIES = 6;
const MAX_EXAMPLES = 4;

/** «太仓市“十四五”交通运输发展规划» → «交通运输发展规划»: the document's own name, without its place and period labels. */
export function shortDocumentName(name: string, place: string | null): string {
  let s = name;
  if (place && s.startsWith(place)) s = s.slice(place.length);
  s = s.replace(/“[^”]{1,8}”/g, "").replace(/^[市县区级]+/, "");
  return s.length >= 4 ? s : name;
}

/** The place of an issuer («太仓市人民政府» → «太仓市»). */
function placeOf(issuer: string | null): string | null {
  return issuer ? (/^\p{Script=Han}{1,6}?[省市县区旗州盟]/u.exec(issuer)?.[0] ?? null) : null;
}

/** Example questions: one per record while there are records, from items naming a document in 《》, then the chair of the newest numbered record. */
export function exampleQuestions(records: Minutes[]): string[] {
  const newest = [...records].sort((a, b) => (b.meeting.date ?? "").localeCompare(a.meeting.date ?? ""));
  const names: string[] = [];
  for (let round = 0; round < 3 && names.length < MAX_EXAMPLES * 2; round++) {
    for (const m of newest) {
      const titled = m.items.map((it) => /《([^《》]{4,40})》/.exec(it.title)?.[1]).filter((x): x is string => Boolean(x));
      const name = titled[round];
      if (name) names.push(shortDocumentName(name, placeOf(m.issuer)));
    }
  }
  const unique = [...new Set(names)];
  const out = unique.slice(0, MAX_EXAMPLES - 1).map((name, i) => EXAMPLE_QUESTIONS.about[i % EXAMPLE_QUESTIONS.about.length](name));
  const numbered = newest.find((m) => m.number !== null && m.meeting.chair);
  if (numbered?.number != null) out.push(EXAMPLE_QUESTIONS.chair(numbered.number));
  return out.slice(0, MAX_EXAMPLES);
}

/** The overview of what `access` may see. */
export function archiveOverview(engine: Engine, access: Access): ArchiveOverview {
  const records = engine
    .listMinutes(access)
    .map((s) => engine.getMinutes(s.id, access))
    .filter((m): m is Minutes => m !== null);
  const dates = records
    .map((m) => m.meeting.date)
    .filter((d): d is string => Boolean(d))
    .sort();
  const bodyCount = new Map<string, number>();
  for (const m of records) {
    const body = m.issuer ?? m.meeting.body;
    if (body) bodyCount.set(body, (bodyCount.get(body) ?? 0) + 1);
  }
  return {
    records: records.length,
    documents: new Set(records.map((m) => m.source.path)).size,
    from: dates[0] ?? null,
    to: dates.at(-1) ?? null,
    bodies: [...bodyCount.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_BODIES)
      .map(([b]) => b),
    examples: exampleQuestions(records),
  };
}
