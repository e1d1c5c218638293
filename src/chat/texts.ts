/** What the chat platforms (飞书, 钉钉, 企业微信) say besides answers. */
export const CHAT_TEXTS = {
  notAllowed: "抱歉，您没有使用本助手的权限。如需开通，请联系管理员。",
  rateLimited: "您的提问有点频繁，请稍候片刻再试。",
  failed: "处理时出错，请稍后再试。",
  sources: "来源",
  empty: "请直接输入问题，例如：交通规划强调了什么",
} as const;
