/**
 * The ledger over the engine's loaded index: built lazily once per index
 * generation (it is rebuilt after a reload), marks read from their store at
 * each listing, the clock injected.
 */
import type { Engine } from "../answer/types.js";
import { FULL_ACCESS, type Access } from "../retrieval/types.js";
import type { Minutes } from "../minutes/schema.js";
import { LedgerBook } from "./book.js";
import type { Mark, MarkStore } from "./marks.js";
import type { LedgerFilter, LedgerRow } from "./types.js";

export interface LedgerServiceDeps {
  engine: Pick<Engine, "listMinutes" | "getMinutes" | "status">;
  marks: MarkStore;
  now?: () => Date;
}

export class LedgerService {
  private built: { generation: string | null; book: LedgerBook } | null = null;

  constructor(private readonly deps: LedgerServiceDeps) {}

  /** The book of the loaded generation (built on first use after a reload). */
  book(): LedgerBook {
    const generation = this.deps.engine.status().indexedAt;
    if (this.built?.generation !== generation) {
      const records = this.deps.engine
        .listMinutes(FULL_ACCESS)
        .map((s) => this.deps.engine.getMinutes(s.id, FULL_ACCESS))
        .filter((m): m is Minutes => m !== null);
      const book = new LedgerBook(records);
      this.built = { generation, book };
      return book;
    }
    return this.built.book;
  }

  now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  async rows(filter: LedgerFilter, access: Access): Promise<LedgerRow[]> {
    return this.book().rows(filter, { access, now: this.now(), marks: await this.deps.marks.list() });
  }

  /** Marks a row done; the row must exist and be visible to `access`. Returns the row after the mark, or null when there is none. */
  async markDone(id: string, by: string, note: string, access: Access): Promise<LedgerRow | null> {
    const task = this.book().tasks.find((t) => t.id === id && (t.visibility === "public" || access.internal));
    if (!task) return null;
    const mark: Mark = { id, at: this.now().toISOString(), by, note };
    await this.deps.marks.add(mark);
    return (await this.rows({}, access)).find((r) => r.id === id) ?? null;
  }
}
