/**
 * Ledger questions answered from the 督办台账 in every chat channel: the engine
 * every channel asks is wrapped, so a question `ledgerQuestion` recognises is
 * answered from the ledger rows the asker may see — each row and each report
 * on it cited like any answer — and every other question goes to `engine.ask`.
 */
import { citeSpan } from "../answer/citations.js";
import { PUBLIC_ACCESS, type Access, type Answer, type Citation, type Engine } from "../answer/types.js";
import { dayOf } from "../ledger/status.js";
import type { LedgerService } from "../ledger/service.js";
import type { LedgerRow, LedgerSource } from "../ledger/types.js";
import { LEDGER_TEXTS as L } from "../messages.js";
import { normalizeQuestion } from "../text/question.js";
import { ledgerQuestion, type LedgerQuestion } from "./ledger-question.js";

/** Rows listed in one answer; the count says how many there are. */
export const LEDGER_ANSWER_ROWS = 10;

function scopeName(q: LedgerQuestion): string {
  const base = L.scope[q.scope];
  if (q.filter.unit) return `${q.filter.unit}的${base}`;
  if (q.filter.text) return `「${q.filter.text}」相关的${base}`;
  return base;
}

/** The answer to a recognised ledger question, or null when the engine should answer it (a subject the ledger has no row on). */
export async function answerFromLedger(question: string, engine: Pick<Engine, "getMinutes">, ledger: LedgerService, access: Access): Promise<Answer | null> {
  const q = ledgerQuestion(normalizeQuestion(question), dayOf(ledger.now()));
  if (!q) return null;
  const rows = await ledger.rows(q.filter, access);
  if (!rows.length && q.filter.text) return null;
  const citations: Citation[] = [];
  const cite = (s: LedgerSource): number | null => {
    const m = engine.getMinutes(s.minutesId, access);
    const item = m?.items.find((i) => i.ordinal === s.itemOrdinal) ?? null;
    if (!m || m.text.slice(s.start, s.end) !== s.quote) return null;
    citations.push({ ...citeSpan(m, s.start, s.end, { item, section: "", sectionKind: "item" }), n: citations.length + 1 });
    return citations.length;
  };
  const lines = [rows.length ? L.count(scopeName(q), rows.length, Math.min(rows.length, LEDGER_ANSWER_ROWS)) : L.none(scopeName(q))];
  rows.slice(0, LEDGER_ANSWER_ROWS).forEach((r: LedgerRow, i) => {
    const n = cite(r);
    const due = r.deadlineText ? `${r.deadlineText}${r.dueDate ? `（${r.dueDate}）` : ""}` : L.noDeadline;
    lines.push(`${i + 1}. 【${r.status}】${r.leadUnit ?? L.noUnit} · ${due}：${r.quote}${n ? `[${n}]` : ""}`);
    for (const e of r.timeline) {
      if (e.kind === "report" && e.source) {
        const m = cite(e.source);
        lines.push(`   ${L.reported(e.at)}${m ? `[${m}]` : ""}`);
      } else if (e.kind === "mark") lines.push(`   ${L.marked(e.at.slice(0, 10), e.by ?? "", e.note ?? "")}`);
    }
  });
  return { question, mode: "extractive", intent: "list", found: rows.length > 0, answer: lines.join("\n"), citations, focus: null };
}

/** `engine` with ledger questions answered from `ledger` (ask and askStream); everything else passes through. */
export function withLedgerAnswers(engine: Engine, ledger: LedgerService): Engine {
  return {
    ask: async (question, opts = {}) => (await answerFromLedger(question, engine, ledger, opts.access ?? PUBLIC_ACCESS)) ?? engine.ask(question, opts),
    async *askStream(question, opts = {}) {
      const a = await answerFromLedger(question, engine, ledger, opts.access ?? PUBLIC_ACCESS);
      if (a) yield { final: a };
      else yield* engine.askStream(question, opts);
    },
    search: (query, opts) => engine.search(query, opts),
    listMinutes: (access) => engine.listMinutes(access),
    getMinutes: (id, access) => engine.getMinutes(id, access),
    findByNumber: (n, access) => engine.findByNumber(n, access),
    getItem: (id, ordinal, access) => engine.getItem(id, ordinal, access),
    links: (id, access) => engine.links(id, access),
    status: () => engine.status(),
    reload: () => engine.reload(),
    switchGeneration: () => engine.switchGeneration(),
  };
}
