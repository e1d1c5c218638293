/** What `npm start` tells a person at a terminal once it runs: the address, what is indexed, which channels are on. */
import type { IndexStatus } from "./answer/types.js";

export interface StartFacts {
  /** The web chat's address, when it runs. */
  url: string | null;
  status: IndexStatus;
  /** Channels by name, on or off («Telegram», «飞书 Feishu» …), with a detail when on (e.g. its callback URL). */
  channels: { name: string; on: boolean; detail?: string }[];
  llm: boolean;
}

/** A few lines: the one that matters (the address) first, then the archive, the channels, the LLM, how to stop. */
export function startSummary(f: StartFacts): string[] {
  const on = f.channels.filter((c) => c.on);
  const off = f.channels.filter((c) => !c.on);
  const lines = [""];
  lines.push(f.url ? `  纪要问答 web chat: ${f.url}` : "  纪要问答 is running (no web chat)");
  lines.push(`  已索引 indexed: ${f.status.documents} 份纪要 records, ${f.status.passages} 个段落 passages`);
  const running = [...(f.url ? ["网页 web"] : []), ...on.map((c) => (c.detail ? `${c.name} (${c.detail})` : c.name))];
  lines.push(`  渠道 channels: ${running.length ? running.join(", ") : "—"}`);
  if (off.some((c) => c.name === "Telegram")) lines.push("    Telegram: set TELEGRAM_BOT_TOKEN (see .env.example) to run the bot.");
  if (off.length) lines.push(`    off: ${off.map((c) => c.name).join(", ")} — see README «Interfaces»`);
  lines.push(
    f.llm
      ? "  LLM answers: on (verified against the sources)"
      : "  LLM answers (optional): set LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY); without them answers are verbatim extracts.",
  );
  lines.push("  Press Ctrl-C to stop.", "");
  return lines;
}
