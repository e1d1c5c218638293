/** The formats a minutes document can arrive in. "text" is read by the plain-text reader (read.ts). */
export type SourceFormat = "text" | "pdf" | "docx" | "doc" | "ofd" | "html" | "image";

/** Plain text extracted from a non-text document, ready for the minutes parser. */
export interface ExtractedText {
  /** Paragraphs separated by "\n"; pages of a PDF separated by "\f". */
  text: string;
  format: SourceFormat;
  /** The source's character encoding; "utf-8" for binary formats. */
  encoding: string;
  /** True when (some of) the text came from OCR and may contain recognition errors. */
  ocr: boolean;
  /** E.g. the HTML article title, when found. */
  title?: string;
  /** The HTML page's 发布日期 as YYYY-MM-DD, when found. */
  publishedOn?: string;
  /** The document's own creation date (OFD DocInfo) as YYYY-MM-DD, when given. */
  createdOn?: string;
}

export type Reader = (bytes: Buffer, path: string, opts?: ReaderOptions) => Promise<ExtractedText>;

export interface ReaderOptions {
  /** PDFs with more pages are rejected (file_too_large). Default 500. */
  maxPages?: number;
  /** Wall-clock budget for reading one file, OCR included. Default 120 000 ms. */
  timeoutMs?: number;
  /** Larger inputs are rejected before parsing (file_too_large); also caps each decompressed DOCX part. Default 50 MB. */
  maxBytes?: number;
}
