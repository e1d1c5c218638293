/** The stages of an ingest, in order: find files, read them, keyword index, vectors, write the generation. */
export type IngestPhase = "scan" | "parse" | "index" | "embed" | "write";

/** How far an ingest is, as data: the surfaces render it (src/progress). */
export interface IngestProgress {
  phase: IngestPhase;
  done: number;
  total: number;
  /** The file being read (parse phase), relative to the minutes folder. */
  file?: string;
}
