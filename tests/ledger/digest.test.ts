/**
 * The ledger digest at its cron time with a fake clock (no real waiting): croner computes the next run,
 * the fake timers fire it when the clock passes it, and the text reaches the fake Telegram Bot API.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { digestText, scheduleDigest } from "../../src/ledger/digest.js";
import { LedgerBook } from "../../src/ledger/book.js";
import { FileMarkStore } from "../../src/ledger/marks.js";
import { LedgerService } from "../../src/ledger/service.js";
import { telegramDigestTarget } from "../../src/ledger/telegram-target.js";
import { createLogger } from "../../src/log.js";
import { readRecordsFile } from "../../src/minutes/read.js";
import { FULL_ACCESS } from "../../src/retrieval/types.js";
import { TOKEN, openCorpus, type Corpus } from "../bot/harness.js";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-server.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { FIXTURES } from "../helpers/paths.js";

const FOLLOWUP = join(FIXTURES, "ledger/taicang-followup-2022-06.txt");

let corpus: Corpus;
let tg: FakeTelegram;

beforeAll(async () => {
  corpus = await openCorpus([FOLLOWUP]);
  tg = await startFakeTelegram({ token: TOKEN });
});
afterAll(async () => {
  await tg?.close();
  await corpus?.close();
});

describe("ledger digest", () => {
  it("lists the open items due in the next N days, soonest first, with their references", async () => {
    const rows = new LedgerBook(await readRecordsFile(FOLLOWUP)).rows({}, { access: FULL_ACCESS, now: new Date("2022-08-26T02:00:00Z"), marks: [] });
    const text = digestText(rows, "2022-08-26", 7);
    expect(text.split("\n")[0]).toBe("督办台账提醒（2022-08-26）：7 天内到期的事项");
    expect(text).toContain("1. 【临近】市交运局 · 8月底前（2022-08-31）");
    expect(text).toContain("来源：《太仓市人民政府常务会议纪要》（〔2022〕9号，2022年6月17日）");
    expect(text).not.toContain("市住建局");
    expect(digestText(rows, "2022-09-01", 7)).toContain("7 天内没有到期的督办事项");
  });

  it("sends at the cron's time in its time zone, then re-arms for the next day", async () => {
    const clock = new FakeClock(Date.parse("2022-08-25T20:00:00Z")); // 04:00 in Shanghai
    const config = loadConfig({
      ...corpus.env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      LEDGER_DIGEST_TELEGRAM_CHAT: "-1001",
      LEDGER_DIGEST: "0 9 * * *",
    });
    const ledger = new LedgerService({ engine: corpus.engine, marks: new FileMarkStore(join(corpus.dir, "marks.jsonl")), now: clock.now });
    const target = telegramDigestTarget(config)!;
    expect(target.access.internal).toBe(false);
    const job = scheduleDigest({
      cron: config.LEDGER_DIGEST!,
      timezone: "Asia/Shanghai",
      days: 7,
      ledger,
      targets: [target],
      log: createLogger({ level: "silent" }),
      timers: clock,
    });
    try {
      expect(job.next()?.toISOString()).toBe("2022-08-26T01:00:00.000Z");
      clock.advanceTo("2022-08-26T00:59:59Z");
      expect(tg.callsOf("sendMessage")).toHaveLength(0);
      clock.advanceTo("2022-08-26T01:00:00Z");
      const sent = await tg.waitFor("sendMessage", (c) => c.payload.chat_id === "-1001" || c.payload.chat_id === -1001, 10_000);
      expect(String(sent.payload.text)).toContain("【临近】市交运局 · 8月底前（2022-08-31）");
      await expect.poll(() => job.next()?.toISOString(), { timeout: 10_000 }).toBe("2022-08-27T01:00:00.000Z");
    } finally {
      job.stop();
    }
  }, 60_000);

  it("sends internal rows only to an allow-listed chat", () => {
    const base = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: tg.apiRoot };
    expect(telegramDigestTarget(loadConfig({ ...base, LEDGER_DIGEST_TELEGRAM_CHAT: "-1001", ALLOWED_CHAT_IDS: "-1001" }))!.access.internal).toBe(true);
    expect(telegramDigestTarget(loadConfig({ ...base, LEDGER_DIGEST_TELEGRAM_CHAT: "2002", ALLOWED_USER_IDS: "2002" }))!.access.internal).toBe(true);
    expect(telegramDigestTarget(loadConfig({ ...base, LEDGER_DIGEST_TELEGRAM_CHAT: "-1002", ALLOWED_USER_IDS: "2002" }))!.access.internal).toBe(false);
    expect(telegramDigestTarget(loadConfig(base))).toBeNull();
  });
});
