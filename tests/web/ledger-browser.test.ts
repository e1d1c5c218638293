/**
 * The 督办台账 tab in headless Chromium (/usr/bin/chromium driven by playwright-core) against a real
 * server over the real engine, the ledger's clock fixed. Set LEDGER_SCREENSHOT_DIR to keep screenshots.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/engine.js";
import { FileMarkStore } from "../../src/ledger/marks.js";
import { LedgerService } from "../../src/ledger/service.js";
import { createApp } from "../../src/web/app.js";
import { startWebServer, type WebServer } from "../../src/web/server.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { FIXTURES, MINUTES_FIXTURES } from "../helpers/paths.js";
import { memoryLogger } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const SHOTS = process.env.LEDGER_SCREENSHOT_DIR;
const TIMEOUT = 90_000;

let corpus: TempCorpus;
let engine: Awaited<ReturnType<typeof openEngine>>;
let server: WebServer;
let ctx: BrowserContext | null = null;
let profile: string | null = null;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with «apt-get install -y chromium»`);
  corpus = makeCorpus({ extra: [join(FIXTURES, "ledger/taicang-followup-2022-06.txt"), join(MINUTES_FIXTURES, "qinghe-office-2023-07.txt")] });
  engine = await openEngine({ config: corpus.config });
  const ledger = new LedgerService({ engine, marks: new FileMarkStore(join(corpus.dir, "marks.jsonl")), now: () => new Date("2022-08-26T02:00:00Z") });
  server = await startWebServer(createApp(engine, corpus.config, { log: memoryLogger().log, ledger }), { host: "127.0.0.1", port: 0 });
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

afterEach(async () => {
  await ctx?.close();
  ctx = null;
  if (profile) rmSync(profile, { recursive: true, force: true });
  profile = null;
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
  corpus?.cleanup();
});

async function open(viewport: { width: number; height: number }, mobile = false): Promise<Page> {
  profile = mkdtempSync(join(tmpdir(), "minutes-chromium-"));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport,
    isMobile: mobile,
    hasTouch: mobile,
    locale: "zh-CN",
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  problems.length = 0;
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(server.url);
  return page;
}

describe("督办台账 tab", () => {
  it(
    "lists the tasks with their status, filters by unit and status, and exports with the filters",
    async () => {
      const page = await open({ width: 1366, height: 900 });
      await page.getByRole("link", { name: "督办台账" }).click();
      await page.locator('#ledger-rows[aria-busy="false"]').waitFor();
      expect(await page.locator("#nav-ledger").getAttribute("aria-current")).toBe("page");
      expect(await page.locator("#chat").isVisible()).toBe(false);
      const rows = page.locator(".ledger-row");
      expect(await rows.count()).toBeGreaterThanOrEqual(20);
      // On 2022-08-26 the 市交运局's August task is due within 7 days; the 2022-01 transport plan was reported on in June.
      expect(await page.locator('.ledger-row[data-status="临近"]', { hasText: "市交运局" }).count()).toBe(1);
      expect(await page.locator('.ledger-row[data-status="已办结"]', { hasText: "市交运局" }).count()).toBe(1);
      if (SHOTS) await page.screenshot({ path: join(SHOTS, "ledger-desktop.png") });

      await page.getByLabel("责任单位").fill("市住建局");
      await page.getByLabel("责任单位").press("Enter");
      await page.waitForFunction(() => Array.from(document.querySelectorAll(".ledger-unit")).every((n) => n.textContent?.startsWith("市住建局")));
      expect(await page.locator("#ledger-export").getAttribute("href")).toBe(`/api/ledger.xlsx?unit=${encodeURIComponent("市住建局")}`);
      await page.getByLabel("状态").selectOption("已办结");
      await page.locator("#ledger-summary", { hasText: "没有符合条件" }).waitFor();
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "fits a phone, and a row opens its cited item with the task highlighted",
    async () => {
      const page = await open({ width: 390, height: 844 }, true);
      await page.goto(`${server.url}#/ledger`);
      await page.locator('#ledger-rows[aria-busy="false"]').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      if (SHOTS) await page.screenshot({ path: join(SHOTS, "ledger-phone.png") });
      const task = page.locator(".ledger-row", { hasText: "大数据管理中心要摸清" }).locator(".ledger-task a");
      await task.click();
      await page.locator("#reader mark").first().waitFor();
      expect(await page.locator("#reader mark").first().textContent()).toContain("大数据管理中心要摸清");
      expect(await page.locator("#ledger").isVisible()).toBe(false);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});
