/**
 * Precision and recall of ledger rows against a gold ledger written by
 * reading the texts: a predicted row matches a gold row of the same record
 * and item when their spans overlap, the lead unit is equal and the deadline
 * as written is equal. Also counts rows whose unit or deadline is not in the
 * cited text (must be 0).
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { InputError } from "../errors.js";
import { readRecordsFile } from "../minutes/read.js";
import { extractTasks } from "./extract.js";
import type { LedgerTask } from "./types.js";

const GoldRowSchema = z.object({
  /** The record's file, relative to the gold file's root (the repository). */
  file: z.string(),
  /** Which record of a file holding several (1-based; default 1). */
  part: z.number().int().positive().optional(),
  item: z.number().int().positive(),
  /** Words of the task, found in the item's text. */
  quote: z.string().min(2),
  /** Lead unit as written, "" when the record names none. */
  unit: z.string(),
  /** Deadline as written, "" when none. */
  deadline: z.string(),
});
export type GoldRow = z.infer<typeof GoldRowSchema>;

export interface LedgerEvalResult {
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  /** Rows whose lead unit, a cooperating unit or the deadline is not in the quote (must be 0). */
  unsupported: number;
  misses: { file: string; item: number; quote: string; unit: string; deadline: string }[];
  extras: { file: string; item: number; quote: string; unit: string | null; deadline: string | null }[];
}

/** Reads a gold ledger, naming the line of a bad row. */
export async function loadGold(path: string): Promise<GoldRow[]> {
  const lines = (await readFile(path, "utf8")).split("\n");
  const rows: GoldRow[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const r = GoldRowSchema.safeParse(JSON.parse(line));
    if (!r.success) throw new InputError("input_invalid", `${path}:${i + 1}: ${r.error.issues[0]?.message ?? "not a gold row"}`, { subject: path });
    rows.push(r.data);
  });
  return rows;
}

/** Whether a row's unit and deadline are in its quote. */
export function supported(t: LedgerTask): boolean {
  const units = [t.leadUnit, ...t.cooperatingUnits].filter((u): u is string => u !== null);
  return units.every((u) => t.quote.includes(u)) && (t.deadlineText === null || t.quote.includes(t.deadlineText));
}

/** Evaluates the extractor on every record the gold names. */
export async function evaluateLedger(goldPath: string, root: string): Promise<LedgerEvalResult> {
  const gold = await loadGold(goldPath);
  const files = [...new Set(gold.map((g) => g.file))];
  const matchedGold = new Set<GoldRow>();
  let predicted = 0;
  let matched = 0;
  let unsupported = 0;
  const extras: LedgerEvalResult["extras"] = [];
  for (const file of files) {
    const records = await readRecordsFile(isAbsolute(file) ? file : join(root, file));
    for (const [i, m] of records.entries()) {
      const golds = gold
        .filter((g) => g.file === file && (g.part ?? 1) === i + 1)
        .map((g) => {
          const item = m.items.find((it) => it.ordinal === g.item);
          const at = item ? m.text.slice(item.start, item.end).indexOf(g.quote) : -1;
          if (!item || at < 0) throw new InputError("input_invalid", `${goldPath}: «${g.quote}» is not in item ${g.item} of ${file}`, { subject: goldPath });
          return { g, start: item.start + at, end: item.start + at + g.quote.length };
        });
      for (const t of extractTasks(m)) {
        predicted++;
        if (!supported(t)) unsupported++;
        const hit = golds.find(
          (x) =>
            !matchedGold.has(x.g) &&
            x.g.item === t.itemOrdinal &&
            x.start < t.end &&
            t.start < x.end &&
            x.g.unit === (t.leadUnit ?? "") &&
            x.g.deadline === (t.deadlineText ?? ""),
        );
        if (hit) {
          matchedGold.add(hit.g);
          matched++;
        } else extras.push({ file, item: t.itemOrdinal, quote: t.quote, unit: t.leadUnit, deadline: t.deadlineText });
      }
    }
  }
  const misses = gold.filter((g) => !matchedGold.has(g)).map(({ file, item, quote, unit, deadline }) => ({ file, item, quote, unit, deadline }));
  return {
    gold: gold.length,
    predicted,
    matched,
    precision: predicted ? matched / predicted : 0,
    recall: gold.length ? matched / gold.length : 0,
    unsupported,
    misses,
    extras,
  };
}
