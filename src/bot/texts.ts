/** The wording the Telegram bot shows (errors users see come from src/messages.ts). */

export const EXAMPLE_QUESTIONS = ["交通规划强调了什么", "这次会议是谁主持的？", "住房规划由谁修改完善"] as const;

/** Commands registered with setMyCommands (Chinese descriptions, ≤ 256 chars each). */
export const PUBLIC_COMMANDS = [
  { command: "ask", description: "提问：/ask 交通规划强调了什么" },
  { command: "search", description: "检索原文摘录：/search 关键词" },
  { command: "meetings", description: "纪要列表" },
  { command: "meeting", description: "查看某号纪要的议题：/meeting 1" },
  { command: "item", description: "查看议题原文：/item 1.7" },
  { command: "about", description: "档案范围与索引时间" },
  { command: "help", description: "使用说明" },
  { command: "start", description: "开始使用" },
] as const;

export const GROUP_COMMANDS = [
  { command: "ask", description: "提问：/ask 问题" },
  { command: "search", description: "检索原文摘录：/search 关键词" },
  { command: "meeting", description: "查看某号纪要的议题：/meeting 1" },
  { command: "item", description: "查看议题原文：/item 1.7" },
  { command: "help", description: "使用说明" },
] as const;

export const ADMIN_COMMANDS = [
  { command: "reload", description: "重新导入纪要并更新索引（管理员）" },
  { command: "stats", description: "运行统计（管理员）" },
] as const;

export const T = {
  welcome: (name: string) =>
    `您好${name ? `，${name}` : ""}！我是会议纪要问答助手。直接发送问题，我会从会议纪要中找到原文并注明出处（纪要号、会议日期、议题）。\n\n可以试试：`,
  helpTitle: "使用说明",
  help: [
    "私聊中直接发送问题即可，例如「交通规划强调了什么」。可以接着追问，如「由谁修改完善？」。",
    "",
    "/ask 问题 — 提问（群聊中使用 /ask 或 @我）",
    "/search 关键词 — 检索原文摘录",
    "/meetings — 纪要列表",
    "/meeting 编号 — 某号纪要的议题，如 /meeting 1",
    "/item 编号.序号 — 议题原文，如 /item 1.7",
    "/about — 档案范围与索引时间",
    "",
    "在任意聊天中输入「@机器人用户名 关键词」可快速引用原文摘录。",
    "回答下方：「原文」查看议题全文，「引用」发送可直接复制的正式引注，「更多」查看更多结果，👍/👎 反馈回答质量。",
  ].join("\n"),
  adminHelp: "\n\n管理员：/reload 重新导入纪要，/stats 运行统计。",
  askUsage: "请在 /ask 后输入问题，例如：/ask 交通规划强调了什么",
  searchUsage: "请在 /search 后输入关键词，例如：/search 轨道交通",
  meetingUsage: "请输入纪要编号，例如：/meeting 1",
  itemUsage: "请输入「纪要编号.议题序号」，例如：/item 1.7",
  unknownCommand: "未知命令。发送 /help 查看用法。",
  notText: "目前只能回答文字问题。",
  emptyQuestion: "请发送您的问题。",
  questionTooLong: (max: number) => `问题过长（最多 ${max} 字），请精简后再问。`,
  rateLimited: "您的提问有点频繁，请稍候片刻再试。",
  notAllowed: "本机器人仅对授权用户开放。如需使用，请联系管理员开通。",
  noResults: (q: string) => `没有找到与「${q}」相关的纪要内容。`,
  noMore: "没有更多结果了。",
  noMinutes: "暂无可查阅的会议纪要。",
  meetingNotFound: (n: number) => `未找到第${n}号纪要，或您无权查看。`,
  itemNotFound: "未找到该议题，或您无权查看。",
  refused: "未找到该内容，或您无权查看。",
  expired: "该按钮已失效，请重新提问。",
  invalidButton: "按钮已失效。",
  thanks: "感谢反馈！",
  alreadyVoted: "已记录您的反馈。",
  adminOnly: "此命令仅限管理员使用。",
  reloading: "正在重新导入纪要并更新索引…",
  reloaded: (r: { added: number; changed: number; removed: number; failed: number }) =>
    `索引已更新：新增 ${r.added}，更新 ${r.changed}，删除 ${r.removed}，失败 ${r.failed}。`,
  sources: "来源",
  referencesHeader: (n: number) => `正式引注（共 ${n} 条，点击下方文本框即可复制）：`,
  referencesWithheld: (n: number) => `另有 ${n} 条引注来自您无权查看的纪要，未列出。`,
  referencesSent: "引注已发送。",
  searchHeader: (q: string, from: number, to: number) => `「${q}」的检索结果（第 ${from}–${to} 条）`,
  moreHeader: (q: string, from: number, to: number) => `「${q}」的更多结果（第 ${from}–${to} 条）`,
  meetingsHeader: (n: number) => `共 ${n} 份纪要：`,
  itemCount: (n: number) => `${n} 项议题`,
  agendaHint: "点击下方按钮查看议题原文。",
  page: (p: number, n: number) => `第 ${p}/${n} 页`,
  buttons: {
    source: "原文",
    cite: "引用",
    more: "更多",
    up: "👍",
    down: "👎",
    prev: "◀ 上一页",
    next: "下一页 ▶",
  },
  inlineHint: "输入关键词检索会议纪要原文",
  inlineNone: "未找到相关摘录",
  aboutTitle: "关于本档案",
  about: (o: { count: number; first: string | null; last: string | null; indexedAt: string | null; passages: number }) =>
    [
      o.count === 0
        ? "当前没有可查阅的会议纪要。"
        : `收录 ${o.count} 份会议纪要${o.first && o.last ? `，会议日期 ${o.first}${o.first === o.last ? "" : ` 至 ${o.last}`}` : ""}。`,
      `最近索引时间：${o.indexedAt ?? "未知"}。`,
      "",
      "回答均摘自纪要原文，并注明纪要号、会议日期与议题；未公开的纪要仅对授权用户可见。",
    ].join("\n"),
} as const;
