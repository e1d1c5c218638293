/** What the Feishu channel says besides answers and the chat platforms' shared texts (src/chat/texts.ts). */
export const FEISHU_TEXTS = {
  /** The button under each numbered source: its 原文 (the verbatim text). */
  sourceButton: (n: number) => `原文 [${n}]`,
  sourceSent: "原文已发送。",
  invalidButton: "该按钮无效或已失效。",
  sourceRefused: "无法查看该原文：您没有权限，或纪要已不存在。",
  cutNotice: (shown: number, total: number) => `（原文较长，仅显示引文附近 ${shown} 字，共 ${total} 字）`,
} as const;
