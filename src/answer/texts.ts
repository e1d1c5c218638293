/** The wording of formal references and exported answers (the one place it is written). */
export const REFERENCE_TEXT = {
  /** After a quote the caller asked to shorten. */
  shortened: "（引文有删节）",
  /** After a quote read from a scanned page by OCR. */
  scanned: "（据扫描件识别，以原件为准）",
  page: (n: number) => `（原文第${n}页）`,
  item: (label: string) => `第${label}项`,
  /** «第九次» for a session number. */
  session: (n: string) => `第${n}次`,
  documentNumber: (n: number) => `第${n}号`,
  /** Separator inside the parenthesis after the title: «（第1号，2022年1月21日）». */
  listSeparator: "，",
  ellipsis: "……",
} as const;

/** Headings and labels of an answer exported as Markdown or Word. */
export const EXPORT_TEXT = {
  title: "纪要问答",
  question: "问题",
  answer: "回答",
  references: "引用",
  notFound: "未找到可引用的原文。",
  exportedAt: (iso: string) => `导出时间：${iso}`,
  verbatim: "引文均摘自纪要原文，序号与回答中的 [n] 对应。",
} as const;
