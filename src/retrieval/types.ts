/** What a search is asked with: who asks (their access) and the filters. The answer layer re-exports these. */

/** Who is asking: only callers allowed to see internal minutes get them. */
export interface Access {
  /** True when internal (non-published) minutes may be searched and shown. */
  internal: boolean;
}

export const PUBLIC_ACCESS: Access = Object.freeze({ internal: false });
export const FULL_ACCESS: Access = Object.freeze({ internal: true });

/** Filters and paging of a passage search. */
export interface SearchOptions {
  k?: number;
  offset?: number;
  access?: Access;
  minutesId?: string;
  number?: number;
  dateFrom?: string;
  dateTo?: string;
  unit?: string;
}
