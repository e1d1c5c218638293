/** Reads ledger filters from CLI options or query parameters, naming the bad one. */
import { InputError } from "../errors.js";
import { LEDGER_STATUSES, type LedgerFilter, type LedgerStatus } from "./types.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** The filter from raw strings (`dueBefore` from «due-before», as the CLI and the API name it); `prefix` is how the caller names parameters («--» or «»). */
export function parseLedgerFilter(raw: Record<string, string | undefined>, prefix = "--"): LedgerFilter {
  const f: LedgerFilter = {};
  const bad = (name: string, what: string, v: string) =>
    new InputError("usage", `${prefix}${name} must be ${what} (got «${v}»)`, { subject: `${prefix}${name}` });
  if (raw.unit?.trim()) f.unit = raw.unit.trim();
  if (raw.status !== undefined && raw.status !== "") {
    if (!LEDGER_STATUSES.includes(raw.status as LedgerStatus)) throw bad("status", LEDGER_STATUSES.join(" / "), raw.status);
    f.status = raw.status as LedgerStatus;
  }
  for (const [name, key] of [
    ["due-before", "dueBefore"],
    ["from", "from"],
    ["to", "to"],
  ] as const) {
    const v = raw[name];
    if (v === undefined || v === "") continue;
    if (!DATE.test(v)) throw bad(name, "a date like 2022-08-31", v);
    f[key] = v;
  }
  if (raw.month) {
    if (!MONTH.test(raw.month)) throw bad("month", "a month like 2022-08", raw.month);
    f.month = raw.month;
  }
  if (raw.q?.trim()) f.text = raw.q.trim();
  return f;
}
