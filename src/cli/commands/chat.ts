import { createInterface } from "node:readline";
import { loadConfig } from "../../config.js";
import { openEngine } from "../../answer/engine.js";
import { FULL_ACCESS, PUBLIC_ACCESS, type Turn } from "../../answer/types.js";
import { LIMITS } from "../../limits.js";
import { CHAT_TEXT as T } from "../../messages.js";
import { progressReporter } from "../../progress/terminal.js";
import type { Command } from "../args.js";
import { renderAnswerText } from "../render.js";
import { accessOption } from "./ask.js";

/** How many earlier questions ↑ recalls. */
const HISTORY_SIZE = 200;

/**
 * `minutes chat`: on a terminal (stdin a TTY) readline runs in terminal mode — a prompt, the typed line
 * echoed and editable, ↑/↓ through earlier questions, Ctrl-C clearing the line (twice on an empty line
 * leaves, during an answer it cancels it), Ctrl-D leaving. Off a terminal it reads lines; an empty one ends.
 */
export const chatCommand: Command = {
  name: "chat",
  summary: "interactive chat in the terminal, with follow-up questions (↑ recalls earlier ones; Ctrl-D leaves)",
  summaryZh: "在终端里连续问答，可以追问（↑ 调出之前的问题，Ctrl-D 退出）",
  usage: "chat [--public]",
  examples: ["minutes chat", "minutes chat --public"],
  options: accessOption,
  async run({ values }, io) {
    const input = io.stdin ?? process.stdin;
    const tty = Boolean((input as NodeJS.ReadStream).isTTY);
    const engine = await openEngine({ config: loadConfig(io.env), onProgress: progressReporter((s) => io.err(s), io.isTTY) });
    const s = engine.status();
    io.out(T.banner(s.documents, s.passages, tty));
    const rl = createInterface({
      input,
      output: tty ? (io.stdout ?? process.stdout) : undefined,
      terminal: tty,
      prompt: T.prompt,
      historySize: HISTORY_SIZE,
      removeHistoryDuplicates: true,
    });
    const history: Turn[] = [];
    const access = values.public ? PUBLIC_ACCESS : FULL_ACCESS;
    let asking: AbortController | null = null;
    let interrupted = false;

    rl.on("SIGINT", () => {
      if (asking) {
        asking.abort();
        return;
      }
      if (rl.line) {
        // Ctrl-C on a typed line clears it, as shells do.
        rl.write(null, { ctrl: true, name: "u" });
        interrupted = false;
        return;
      }
      if (interrupted) {
        rl.close();
        return;
      }
      interrupted = true;
      io.out(`\n${T.interruptHint}`);
      rl.prompt();
    });

    const answer = async (line: string) => {
      asking = new AbortController();
      try {
        const a = await engine.ask(line, { history, access, signal: asking.signal });
        history.push({ question: line, intent: a.intent, focus: a.focus, record: a.record, answer: a.answer });
        if (history.length > LIMITS.historyTurns) history.shift();
        io.out(`${renderAnswerText(a)}\n`);
      } catch (err) {
        if (!asking.signal.aborted) throw err;
        io.out(T.cancelled);
      } finally {
        asking = null;
      }
    };

    let closed = false;
    const done = new Promise<void>((resolve, reject) => {
      let queue = Promise.resolve();
      rl.on("line", (raw) => {
        interrupted = false;
        const line = raw.trim();
        queue = queue
          .then(async () => {
            if (!line) {
              if (!tty) rl.close();
              return;
            }
            if (line === "/clear") {
              history.length = 0;
              io.out(T.cleared);
            } else await answer(line);
          })
          .then(
            () => {
              if (!closed) rl.prompt();
            },
            (err) => {
              rl.close();
              reject(err);
            },
          );
      });
      rl.on("close", () => {
        closed = true;
        if (tty) io.out(`\n${T.bye}`);
        void queue.then(() => resolve());
      });
    });
    rl.prompt();
    await done;
    await engine.close();
    return 0;
  },
};
