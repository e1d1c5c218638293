/** 👍 / 👎 feedback: one JSON line per vote (Telegram and the web page), with a keyed hash instead of the user id. */
import { createHmac } from "node:crypto";
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";

export interface FeedbackEntry {
  time: string;
  vote: "up" | "down";
  question: string;
  answer: string;
  mode: string;
  /** HMAC of the Telegram user id (not reversible without the key). */
  user: string;
  chatType: string;
  cited: string[];
  /** Where the vote was cast: absent for Telegram, "web" for the chat page. */
  channel?: string;
  /** The voter's optional comment. */
  comment?: string;
  /** The answer's citations as shown (web), for review and eval cases. */
  citations?: FeedbackCitation[];
  /** The index generation that answered: when it was written, and how many records it held. */
  generation?: { indexedAt: string | null; documents: number };
}

/** A citation as a feedback entry keeps it. */
export interface FeedbackCitation {
  n: number;
  minutesId: string;
  title: string;
  item: { ordinal: number; label: string; title: string } | null;
  section: string;
  quote: string;
  start: number;
  end: number;
}

export interface FeedbackSink {
  write(entry: FeedbackEntry): Promise<void>;
}

/** Hashes a user id with a secret key so the log cannot be joined back to accounts. */
export function hashUserId(id: number, key: string): string {
  return createHmac("sha256", key).update(`tg:${id}`).digest("hex").slice(0, 24);
}

/** Appends entries to a JSONL file, one write at a time. */
export function jsonlFeedbackLog(path: string): FeedbackSink {
  let chain: Promise<void> = Promise.resolve();
  return {
    write(entry) {
      const line = `${JSON.stringify(entry)}\n`;
      const next = chain.then(async () => {
        await mkdir(dirname(path), { recursive: true });
        await appendFile(path, line, "utf8");
      });
      chain = next.catch(() => undefined);
      return next;
    },
  };
}
