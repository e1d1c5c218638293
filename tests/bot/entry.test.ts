/** The standalone entry point (src/bot-main.ts) as a real process: polls, answers, stops cleanly on SIGTERM. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-server.js";
import { ROOT } from "../helpers/paths.js";
import { INTERNAL_USER, openCorpus, PUBLIC_USER, TOKEN, type Corpus } from "./harness.js";
import { WAIT_MS } from "../fakes/wait.js";

let corpus: Corpus;
let tg: FakeTelegram;

beforeAll(async () => {
  corpus = await openCorpus(); // builds the index, so the child process only loads it
  tg = await startFakeTelegram({ token: TOKEN });
});
afterAll(async () => {
  await tg?.close();
  await corpus?.close();
});

describe("src/bot-main.ts", () => {
  it("answers with citations, refuses internal minutes to outsiders, and exits 0 on SIGTERM without printing the token", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/bot-main.ts")], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        ...corpus.env,
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: tg.apiRoot,
        ALLOWED_USER_IDS: String(INTERNAL_USER.id),
        LOG_LEVEL: "debug",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await tg.waitFor("getUpdates", undefined);
      tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "交通规划强调了什么");
      const answer = await tg.waitFor("sendMessage", (c) => c.payload.chat_id === PUBLIC_USER.id && c.ok === true);
      expect(answer.payload.parse_mode).toBe("HTML");
      expect((answer.result as { text: string }).text).toContain("七、审议《太仓市“十四五”交通运输发展规划》");

      tg.sendText({ id: PUBLIC_USER.id }, PUBLIC_USER, "/item 4.4");
      const refused = await tg.waitFor("sendMessage", (c) => c.payload.chat_id === PUBLIC_USER.id && c.ok === true);
      expect(String(refused.payload.text)).toContain("无权查看");

      tg.inlineQuery(PUBLIC_USER.id, "轨道交通");
      const inline = await tg.waitFor("answerInlineQuery", undefined);
      expect((inline.payload.results as unknown[]).length).toBeGreaterThan(0);

      child.kill("SIGTERM");
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("timeout"), WAIT_MS))]);
      expect(code).toBe(0);
      expect(out).toContain("bot stopped");
      expect(out).not.toContain(TOKEN);
      expect(tg.pendingUpdates()).toEqual([]); // the last update was confirmed before exiting
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 45_000);
});
