/**
 * Headless Chromium (Debian's /usr/bin/chromium driven by playwright-core) for the chat page's tests: a fresh
 * profile per page, console errors, page errors and any request leaving the local server recorded in `problems`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Debian's path; .ci/run sets CHROMIUM_PATH where the distribution names the browser otherwise (Ubuntu: chromium-browser). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export interface OpenOptions {
  /** Touch and a 2× screen, as a phone (default: below 600 px wide). */
  mobile?: boolean;
  permissions?: string[];
  initScript?: string;
  dark?: boolean;
}

/** One browser at a time for a test file; `close()` after each test, `shot()` keeps screenshots in WEB_SCREENSHOT_DIR. */
export function chromiumPages(serverUrl: () => string, prefix = "") {
  let ctx: BrowserContext | null = null;
  let profile: string | null = null;
  const problems: string[] = [];
  const shots = process.env.WEB_SCREENSHOT_DIR;
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with «apt-get install -y chromium» (.ci/run does)`);
  if (shots) mkdirSync(shots, { recursive: true });

  async function close() {
    await ctx?.close();
    ctx = null;
    if (profile) rmSync(profile, { recursive: true, force: true });
    profile = null;
  }

  async function open(viewport: { width: number; height: number }, opts: OpenOptions = {}): Promise<Page> {
    await close();
    const mobile = opts.mobile ?? viewport.width < 600;
    profile = mkdtempSync(join(tmpdir(), "minutes-chromium-"));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ARGS,
      viewport,
      isMobile: mobile,
      hasTouch: mobile,
      deviceScaleFactor: mobile ? 2 : 1,
      locale: "zh-CN",
      colorScheme: opts.dark ? "dark" : "light",
      ...(opts.permissions ? { permissions: opts.permissions } : {}),
    });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    if (opts.initScript) await page.addInitScript(opts.initScript);
    problems.length = 0;
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("request", (r) => {
      if (!r.url().startsWith(serverUrl()) && !r.url().startsWith("data:")) problems.push(`external request: ${r.url()}`);
    });
    await page.goto(serverUrl());
    return page;
  }

  async function shot(page: Page, name: string) {
    if (shots) await page.screenshot({ path: join(shots, `${prefix}${name}.png`) });
  }

  return { open, close, shot, problems };
}

/** Types a question into the labelled box and sends it with Enter, as a keyboard user does. */
export async function send(page: Page, question: string) {
  const box = page.getByLabel("你的问题");
  await box.fill(question);
  await box.press("Enter");
}

/** The last answer once it has finished (aria-busy false). */
export const lastAnswer = (page: Page) => page.locator('.turn-bot[aria-busy="false"]').last();
