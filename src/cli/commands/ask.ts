import { createInterface } from "node:readline/promises";
import { loadConfig } from "../../config.js";
import { openEngine } from "../../answer/engine.js";
import { answerJson } from "../../answer/json.js";
import { FULL_ACCESS, PUBLIC_ACCESS, type Turn } from "../../answer/types.js";
import { InputError } from "../../errors.js";
import type { Command } from "../args.js";
import { progressReporter } from "../progress.js";
import { renderAnswerText } from "../render.js";

const accessOption = { public: { type: "boolean" as const } };

export const askCommand: Command = {
  name: "ask",
  summary: "answer a question with cited verbatim quotes",
  usage: 'ask "<question>" [--json] [--public]',
  options: { json: { type: "boolean" }, ...accessOption },
  async run({ positionals, values }, io) {
    const question = positionals.join(" ").trim();
    if (!question) throw new InputError("usage", "give a question, e.g. minutes ask 交通规划强调了什么");
    const engine = await openEngine({ config: loadConfig(io.env), onProgress: progressReporter((s) => io.err(s), io.isTTY) });
    const a = await engine.ask(question, { access: values.public ? PUBLIC_ACCESS : FULL_ACCESS });
    io.out(values.json ? JSON.stringify(answerJson(a), null, 2) : renderAnswerText(a));
    return 0;
  },
};

export const chatCommand: Command = {
  name: "chat",
  summary: "interactive chat in the terminal, with follow-up questions",
  usage: "chat [--public]",
  options: accessOption,
  async run({ values }, io) {
    const engine = await openEngine({ config: loadConfig(io.env), onProgress: progressReporter((s) => io.err(s), io.isTTY) });
    const s = engine.status();
    io.out(`纪要问答 — ${s.documents} 份纪要、${s.passages} 个段落。输入问题，回车提问；空行或 Ctrl-D 退出；/clear 清空对话。`);
    const rl = createInterface({ input: io.stdin ?? process.stdin, terminal: io.isTTY });
    const history: Turn[] = [];
    const ask = async (line: string) => {
      const a = await engine.ask(line, { history, access: values.public ? PUBLIC_ACCESS : FULL_ACCESS });
      history.push({ question: line, intent: a.intent, focus: a.focus, answer: a.answer });
      if (history.length > 10) history.shift();
      io.out(`${renderAnswerText(a)}\n`);
    };
    if (io.isTTY) rl.setPrompt("问> ");
    rl.prompt();
    for await (const raw of rl) {
      const line = raw.trim();
      if (!line) break;
      if (line === "/clear") {
        history.length = 0;
        io.out("（对话已清空）");
      } else {
        await ask(line);
      }
      rl.prompt();
    }
    rl.close();
    return 0;
  },
};
