import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { ROOT } from "../helpers/paths.js";

/** A word for a POSIX shell, whatever it holds. */
const shellWord = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

let corpus: TempCorpus;
beforeAll(() => {
  corpus = makeCorpus();
});
afterAll(() => corpus?.cleanup());

/** Polls until `test` holds, with a generous deadline (the machine is shared). */
async function until(test: () => boolean, what: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("minutes chat in a terminal (a pty through script(1))", () => {
  it("shows a prompt, echoes what is typed, recalls it with ↑, clears a line on Ctrl-C and leaves on Ctrl-D", { timeout: 300_000 }, async () => {
    const command = [process.execPath, "--import", "tsx", "src/cli/main.ts", "chat"].map(shellWord).join(" ");
    const child = spawn("script", ["-qfc", command, "/dev/null"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, TERM: "xterm", MINUTES_DIR: corpus.minutesDir, INDEX_DIR: corpus.indexDir, LEXICON_DIR: corpus.config.LEXICON_DIR },
    });
    let screen = "";
    child.stdout.on("data", (d: Buffer) => (screen += d.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const seen = (s: string, from = 0) => screen.indexOf(s, from) >= 0;

    await until(() => seen("问> "), "the prompt");
    const afterPrompt = screen.length;
    child.stdin.write("交通规划强调了什么");
    // The terminal echoes the typed question after the prompt, before Enter.
    await until(() => seen("交通规划强调了什么", afterPrompt), "the echo of the question");
    child.stdin.write("\r");
    await until(() => seen("会议强调", afterPrompt) && screen.lastIndexOf("问> ") > afterPrompt, "the answer and the next prompt");
    const afterAnswer = screen.length;
    child.stdin.write("\x1b[A"); // ↑ recalls the question
    await until(() => seen("交通规划强调了什么", afterAnswer), "the recalled question");
    const afterRecall = screen.length;
    child.stdin.write("\x03"); // Ctrl-C clears the line and stays
    await until(() => seen("问> ", afterRecall), "the prompt after Ctrl-C");
    child.stdin.write("\x04"); // Ctrl-D leaves
    await until(() => seen("再见"), "the goodbye");
    expect(await exited).toBe(0);
    expect(screen).toContain("↑ 调出之前的问题");
  });
});
