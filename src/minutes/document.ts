import { z } from "zod";

/** A structural heading of a document: 第一章 总则, 第三条, 一、（一）1.（1）, or an unnumbered heading line. */
export const DocHeadingSchema = z.object({
  level: z.number().int().positive(), // 1 = outermost (章 / 一、), deeper = larger
  label: z.string(), // «第一章», «第三条», «一、», «（二）», «1.» — as written; "" for an unnumbered heading
  title: z.string(), // the heading's words after the label («总则»); for an article (第X条) the first sentence or ""
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(), // the heading line in the text
});
/** A body block: a paragraph, an article or a numbered point, with the headings above it. */
export const DocBlockSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  path: z.array(z.number().int().nonnegative()), // indexes into headings, outermost first
});
export const DocumentSchema = z.object({
  title: z.string().nullable(), // «太仓市公共数据管理办法»
  kind: z.string().nullable(), // 办法 规划 方案 通知 意见 决定 报告 规定 细则 指南 计划 纲要 … from the title's end (or 公告/函/批复)
  docNumber: z.string().nullable(), // 文号 «太政发〔2022〕12号»
  issuer: z.string().nullable(), // 发文机关 «太仓市人民政府»
  date: z.string().nullable(), // ISO date of issue/signature, when the text states it (成文日期 / 发布日期)
  headings: z.array(DocHeadingSchema),
  blocks: z.array(DocBlockSchema), // every non-empty paragraph of the body is in exactly one block; blocks never cross a heading
  /** Why this text reads as a document: «title ends with 办法», «12 articles 第X条», «文号» … */
  evidence: z.array(z.string()),
});
export type DocumentStructure = z.infer<typeof DocumentSchema>;

/**
 * Reads the structure of a document. `text` is the normalized text (Minutes.text); offsets index into it. Returns null when nothing marks the text as a document (no title kind, no 文号, fewer than 2 structural headings).
 * Placeholder of the interface (docs-interface.md): the documents engineer's reader replaces this file at merge.
 */
export function readDocument(_text: string, _hints?: { fileTitle?: string | null; published?: string | null }): DocumentStructure | null {
  return null;
}
