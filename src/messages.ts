import { ConfigError, IndexError, MinutesQaError } from "./errors.js";
import type { IngestFailure } from "./index/failure.js";

/**
 * The one place where errors become the wording users see (CLI, bot, web).
 * Messages name the file, field or variable and never include secrets.
 */
export function describeError(err: unknown): string {
  if (err instanceof ConfigError) {
    const issues = (err.details.issues as { variable: string; message: string }[] | undefined) ?? [];
    return `配置无效 (invalid configuration): ${issues.map((i) => `${i.variable} — ${i.message}`).join("; ")}`;
  }
  if (err instanceof IndexError && err.code === "index_locked")
    return indexLockedText(err.subject ?? "", (err.details.pid as number | null | undefined) ?? null);
  if (err instanceof IndexError && err.code === "index_unwritable") return indexUnwritableText(err.subject ?? "", String(err.details.reason ?? err.message));
  if (err instanceof MinutesQaError) return err.message;
  if (err instanceof Error) return `unexpected error: ${err.message}`;
  return `unexpected error: ${String(err)}`;
}

/** The CLI's line when the index could not be updated and the last good one answers. */
export function staleIndexWarning(reason: string): string {
  return `warning: ${reason}`;
}

/** Why an ingest skipped a file (the error's message names the file). */
export function describeFailure(f: IngestFailure): string {
  return f.code === "unexpected" ? `unexpected error: ${f.message}` : f.message;
}

/** The ingest's warning for a file in the minutes folder that was read as plain text (no meeting, no document structure). */
export function plainTextWarning(path: string): string {
  return `${path}: read as plain text — no meeting record or document structure found; its paragraphs are indexed`;
}

/** Short Chinese wording for chat users; details stay in the logs. */
export function userMessage(err: unknown): string {
  if (err instanceof MinutesQaError) {
    switch (err.code) {
      case "index_missing":
      case "index_corrupt":
        return "索引尚未就绪，请稍后再试。";
      case "index_locked":
        return "索引正在更新，请稍后再试。";
      case "embedder_mismatch":
        return "索引与当前向量模型不一致，请管理员重新建立索引。";
      case "embedder_unavailable":
      case "llm_unavailable":
        return "外部模型服务暂不可用，请稍后再试。";
      case "input_invalid":
      case "usage":
        return `输入有误：${err.message}`;
      case "not_found":
        return "未找到相应内容。";
      default:
        return "处理时出错，请稍后再试。";
    }
  }
  return "处理时出错，请稍后再试。";
}

/** A second ingest refused (`--no-wait`) because another process holds the index lock. */
export function indexLockedText(dir: string, pid: number | null): string {
  return `${dir}: 另一个导入正在进行（pid ${pid ?? "?"}），已放弃 — another ingest is writing this index; run again when it has finished`;
}

/** A second ingest waiting for the index lock. */
export function ingestWaitingText(dir: string, pid: number): string {
  return `另一个导入正在进行（pid ${pid}）…等待 — waiting for the ingest writing ${dir}`;
}

/** The index folder cannot be created or written (read-only, no permission, or a pseudo file system such as /proc). */
export function indexUnwritableText(dir: string, reason: string): string {
  return `INDEX_DIR ${dir}: the index folder cannot be written (${reason}) — point INDEX_DIR at a writable folder`;
}

/** Notices shown above an LLM answer (or the extractive answer that replaced it). */
export const LLM_NOTICES = {
  /** The model failed (timeout, HTTP error, invalid output) or cited nothing retrieved. */
  fallback: "大模型暂不可用或未给出有效引用，以下为原文摘录答案。",
  /** No sentence of the model's answer was supported by the excerpt it cites. */
  unsupported: "大模型的回答未能在所引原文中逐句核实，以下为原文摘录答案。",
  /** Some sentences could not be verified against their excerpts and were left out. */
  partial: "部分语句未能在所引原文中核实，已略去。",
} as const;

/** Example questions the chat page offers, built from the archive's own agenda items (src/web/overview.ts). */
export const EXAMPLE_QUESTIONS = {
  /** Templates about a document an item names («交通运输发展规划»), used in turn. */
  about: [(doc: string) => `${doc}强调了什么`, (doc: string) => `会议对${doc}作出了什么决定？`, (doc: string) => `${doc}由哪个部门负责？`],
  chair: (n: number) => `第${n}号纪要是谁主持的？`,
} as const;

/** What `minutes chat` says in a terminal. */
export const CHAT_TEXT = {
  banner: (documents: number, passages: number, tty: boolean) =>
    `纪要问答 — ${documents} 份纪要、${passages} 个段落。输入问题后回车；/clear 清空对话；${tty ? "↑ 调出之前的问题；Ctrl-D 退出" : "空行或 Ctrl-D 退出"}。`,
  prompt: "问> ",
  cleared: "（对话已清空）",
  /** After Ctrl-C on an empty line: a second one leaves. */
  interruptHint: "（再按一次 Ctrl-C 或按 Ctrl-D 退出）",
  cancelled: "（已取消）",
  bye: "再见。",
} as const;

/** What ledger (督办台账) answers say around the rows they cite. */
export const LEDGER_TEXTS = {
  none: (what: string) => `督办台账中没有${what}的事项。`,
  count: (what: string, n: number, shown: number) => `${what}共 ${n} 项${n > shown ? `，以下列出前 ${shown} 项` : ""}：`,
  noUnit: "未明确责任单位",
  noDeadline: "无明确时限",
  reported: (date: string) => `${date} 会议听取落实情况汇报`,
  marked: (date: string, by: string, note: string) => `${date} ${by} 标记办结：${note}`,
  scope: { open: "待办", overdue: "逾期", near: "临近到期", done: "已办结", month: "本月到期", all: "督办" },
} as const;

/** The ledger digest sent to the staff chat. */
export const LEDGER_DIGEST_TEXTS = {
  title: (today: string, days: number) => `督办台账提醒（${today}）：${days} 天内到期的事项`,
  none: (days: number) => `${days} 天内没有到期的督办事项。`,
  row: (status: string, unit: string, due: string, task: string) => `【${status}】${unit} · ${due}：${task}`,
  source: (reference: string) => `  来源：${reference}`,
  /** The notification preview of a platform that asks for one (DingTalk). */
  notification: "督办台账提醒",
} as const;
