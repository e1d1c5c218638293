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
  /** A document number with its year, as a 发文字号 writes it: «〔2022〕1号». */
  documentNumberOfYear: (year: number, n: number) => `〔${year}〕${n}号`,
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

/** The wording of extractive answers and their refusals. */
export const ANSWER_TEXT = {
  notFound: "未找到",
  /** The subject is nowhere in the archive: «库中没有关于共享单车的内容». */
  noSubject: (phrase: string) => `库中没有关于${phrase}的内容`,
  /** The subject's words are in the archive, but not together where an answer could cite them. */
  notTogether: (phrase: string) => `库中没有同时涉及${phrase}的内容`,
  /** What the archive has of the kind asked about: «审议过的办法有：《…》（…）». */
  nearestOfKind: (kind: string, list: string[]) => `审议过的${kind}有：${list.join("、")}`,
  /** The record an answer's lines come from, when several records answer: «栖霞区…：». */
  inRecord: (record: string) => `${record}：`,
  /** Another record that decided on a document of the same name: «另见栖云县…（2023-03-12）：». */
  alsoIn: (record: string) => `另见${record}：`,
  /** Near spellings of a word the archive never writes: «您是不是要找：《…》». */
  didYouMean: (names: string[]) => `您是不是要找：${names.join("、")}`,
  /** «第五点» asked of a clause with fewer points. */
  fewerPoints: (count: number, asked: number) => `（共${count}点，没有第${asked}点）`,
  /** A «原文» request of a long item, cut: how much is quoted of how much. */
  partial: (shown: number, total: number) => `（该项原文共约${total}字，以上引用前${shown}字；可按引用位置查看全文）`,
  /** A question answered as the archive spells a word of it («智惠» → «智慧»). */
  respelled: (pairs: [string, string][]) => {
    const to = pairs.map(([, t]) => `「${t}」`).join("");
    return `（您是不是要找${to}？以下按${to}回答，原问题写作${pairs.map(([f]) => `「${f}」`).join("")}）`;
  },
  nearestItems: (list: string[]) => `相近的议题有：${list.join("、")}`,
  /** A meeting the archive does not hold: «库中没有南京市政府第1号的纪要». */
  noMeeting: (phrase: string) => `库中没有${phrase}的会议纪要`,
  /** An article («第十一条») no document in the archive holds under that number. */
  noArticle: (article: string) => `库中没有含${article}原文的文件`,
  meetings: (list: string[], more: number) => `现有会议：${list.join("、")}${more > 0 ? `等 ${list.length + more} 次` : ""}`,
  /** «太仓市人民政府常务会议纪要第1号（2022-01-21）». */
  record: (title: string, number: number | null, date: string | null) => `${title}${number !== null ? `第${number}号` : ""}（${date ?? "日期不详"}）`,
  /** The same inside a parenthesis: «太仓市人民政府常务会议纪要第1号，2022-01-21». */
  recordBare: (title: string, number: number | null, date: string | null) => `${title}${number !== null ? `第${number}号` : ""}${date ? `，${date}` : ""}`,
  /** A decision question: whether it was passed, before the quote. */
  passed: (verb: string) => `已审议通过（${verb}）：`,
  notPassed: (verb: string) => `未通过（${verb}）：`,
  /** A meeting-level question about an item: the meeting that took it up. */
  takenUpAt: (meeting: string) => `${meeting}审议：`,
  /** Across meetings: «共 3 次会议涉及财政预算（新的在前）：». */
  acrossMeetings: (n: number, subject: string) => `共 ${n} 次会议涉及${subject}（时间新的在前）：`,
  /** A person who made no statement in the archive. */
  noSpeaker: (person: string) => `库中没有记载${person}本人的讲话或要求`,
  /** Members asked of a set the record names only as a whole («会议还研究了干部任免等其他事项»). */
  notListed: "纪要未列出具体名单；",
  /** A unit asked what it said, named in the records only as attending or tasked. */
  noUnitStatement: (unit: string) => `库中没有记载${unit}的发言或表态`,
  tryAgain: "可以换个说法，或只输入关键词再试。",
  /** The question asks for a figure or a date the cited text does not state. */
  /** A figure or date asked for that the cited record does not state: «纪要未写明金额» (a meeting), «原文未写明…» (a document or text). */
  notStated: (what: string, meeting = true) => `${meeting ? "纪要" : "原文"}未写明${what}；`,
  /** The sentence path found nothing strong enough: what was looked for, and the nearest sentence (not a direct answer). */
  nearest: (question: string, where: string, quote: string) => `没有找到能直接回答「${question}」的原文；最接近的内容（并非直接回答）见${where}：“${quote}”`,
} as const;

/** The wording of the links between a document and the meetings that passed it (`minutes parse`). */
export const LINK_TEXT = {
  /** «通过：太仓市人民政府常务会议纪要第1号（2022-01-21）第五项：会议原则同意《…》». */
  passedBy: (minutes: string, date: string | null, item: string, decision: string) => `通过：${minutes}${date ? `（${date}）` : ""}${item}：${decision}`,
  /** «第五项 通过文件：《…》→ data/minutes/…». */
  passed: (item: string, title: string, file: string) => `${item} 通过文件：《${title}》→ ${file}`,
  /** Why `minutes parse` shows no links: the other records could not be read. */
  unread: (reason: string) => `未能读取其他记录，不显示文件与会议的关联：${reason}`,
} as const;
