/**
 * The chat page in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core)
 * against a real server over the real engine. Set WEB_SCREENSHOT_DIR to keep screenshots.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { startWebServer, type WebServer } from "../../src/web/server.js";
import { chromiumPages, lastAnswer, send } from "./chromium.js";
import { memoryLogger, openTestEngine } from "./helpers.js";

/** Launching Chromium takes seconds; leave room on a busy CI machine. */
const TIMEOUT = 90_000;

let t: Awaited<ReturnType<typeof openTestEngine>>;
let server: WebServer;
const browser = chromiumPages(() => server.url);
const { shot, problems } = browser;
/** A page; `mobile` as a phone. */
const open = (viewport: { width: number; height: number }, mobile = false, opts: { permissions?: string[]; initScript?: string } = {}) =>
  browser.open(viewport, { mobile, ...opts });

beforeAll(async () => {
  t = await openTestEngine();
  server = await startWebServer(createApp(t.engine, t.config({ WEB_RATE_LIMIT: "1000" }), { log: memoryLogger().log }), { host: "127.0.0.1", port: 0 });
});
afterEach(() => browser.close());
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

describe("chat page in headless Chromium", () => {
  it(
    "asks «交通规划强调了什么», shows the answer citing 七, and opens the citation with the quote highlighted",
    async () => {
      const page = await open({ width: 1280, height: 860 });
      expect(await page.title()).toBe("纪要问答");
      await shot(page, "desktop-start");

      // Keyboard only: type into the labelled box and press Enter.
      const box = page.getByLabel("你的问题");
      await box.focus();
      await page.keyboard.type("交通规划强调了什么");
      await page.keyboard.press("Enter");

      const answer = lastAnswer(page);
      await answer.locator(".cite-chip").first().waitFor();
      const text = await answer.locator(".answer-text").allTextContents();
      expect(text.join("\n")).toContain("会议强调");
      expect(text.join("\n")).toContain("轨道交通网络");
      const chip = answer.locator(".cite-chip", { hasText: "第七项" }).first();
      expect(await chip.count()).toBe(1);
      expect(await chip.getAttribute("aria-label")).toContain("太仓市人民政府常务会议纪要");
      await shot(page, "desktop-answer");

      // The quote the chip stands for, from the API.
      const api = await (
        await fetch(new URL("/api/ask", server.url), {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ question: "交通规划强调了什么" }),
        })
      ).json();
      const n = Number(await chip.getAttribute("data-cite"));
      const cited = api.citations.find((c: { n: number }) => c.n === n);

      // The chip opens the sources; «查看原文» there opens the item.
      await chip.click();
      await page.locator("#sources .source.current").getByRole("link", { name: "查看原文" }).click();
      const mark = page.locator("#reader-body mark").first();
      await mark.waitFor({ state: "visible" });
      expect(await mark.textContent()).toBe(cited.quote);
      expect(await page.locator("#reader-title").textContent()).toContain("七、审议《太仓市“十四五”交通运输发展规划》");
      expect(page.url()).toMatch(/#\/minutes\/.+\/items\/7\?hl=\d+-\d+$/);
      await shot(page, "desktop-citation");

      // A follow-up uses the conversation history.
      await box.fill("那住房规划呢？");
      await box.press("Enter");
      await page.locator('.turn-bot[aria-busy="false"]').nth(1).locator(".cite-chip").first().waitFor();
      expect(await lastAnswer(page).locator(".cite-chip").first().textContent()).toContain("第八项");

      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "works on a phone: example question, citation, back to the chat, and the minutes browser",
    async () => {
      const page = await open({ width: 390, height: 844 }, true);
      await shot(page, "phone-start");
      await page.locator("button.example").first().waitFor();
      await send(page, "交通规划强调了什么");
      const chip = lastAnswer(page).locator(".cite-chip", { hasText: "第七项" }).first();
      await chip.waitFor();
      await shot(page, "phone-answer");

      await chip.click();
      await page.locator("#sources .source.current").getByRole("link", { name: "查看原文" }).click();
      await page.locator("#reader-body mark").first().waitFor({ state: "visible" });
      expect(await page.locator("#chat").isVisible()).toBe(false);
      await shot(page, "phone-citation");

      await page.getByRole("link", { name: "← 返回问答" }).click();
      await page.locator("#chat").waitFor({ state: "visible" });
      expect(await page.locator("#reader").isVisible()).toBe(false);

      // Minutes browser: list → agenda → item.
      await page.getByRole("link", { name: "纪要浏览" }).click();
      await page.getByRole("link", { name: /太仓市人民政府常务会议纪要（第1号）/ }).click();
      await page.locator(".agenda").waitFor();
      expect(await page.locator(".agenda li").count()).toBe(9);
      await shot(page, "phone-agenda");
      await page.getByRole("link", { name: "八、审议《太仓市“十四五”城镇住房发展规划》" }).click();
      await page.locator("#reader-title", { hasText: "八、" }).waitFor();
      expect(await page.locator("#reader-body .doc-text").textContent()).toContain("市住建局");
      expect(await page.locator("#reader-body mark").count()).toBe(0);

      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "shows a clear message for an empty question and for unknown minutes",
    async () => {
      const page = await open({ width: 1024, height: 768 });
      await page.getByRole("button", { name: "发送" }).click();
      expect(await page.locator("#ask-error").textContent()).toBe("请先输入问题。");
      // The page refuses a question longer than the server accepts, with the limit it read from GET /api/config.
      const { questionChars } = (await (await fetch(new URL("/api/config", server.url))).json()) as { questionChars: number };
      await page.waitForFunction((n) => document.querySelector("#question")?.getAttribute("maxlength") === String(n), questionChars);
      await page.locator("#question").evaluate((el, n) => ((el as HTMLTextAreaElement).value = "问".repeat(n + 1)), questionChars);
      await page.getByRole("button", { name: "发送" }).click();
      expect(await page.locator("#ask-error").textContent()).toBe(`问题最多 ${questionChars} 个字。`);
      await page.goto(`${server.url}#/minutes/${t.internalId}`);
      await page.locator("#reader-title", { hasText: "无法打开" }).waitFor();
      expect(await page.locator("#reader-body").textContent()).toContain("没有找到这份纪要或议题");
      // 404 responses for hidden minutes are logged by Chromium as failed loads; nothing else may fail.
      expect(problems.filter((p) => !/404/.test(p))).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "copies a citation's formal reference and the whole answer, with the Clipboard API and without it, and exports Word and Markdown",
    async () => {
      const api = await (
        await fetch(new URL("/api/ask", server.url), {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ question: "交通规划强调了什么" }),
        })
      ).json();
      const refs: string[] = api.citations.map((c: { reference: string }) => c.reference);
      expect(refs[1]).toContain("第七项“审议《太仓市‘十四五’交通运输发展规划》”会议强调（二）：“");
      const all = [
        `问题：${api.question}`,
        "",
        api.answer,
        "",
        "引用：",
        ...api.citations.map((c: { n: number; reference: string }) => `[${c.n}] ${c.reference}`),
      ].join("\n");

      // 127.0.0.1 is a secure context: the Clipboard API path.
      const page = await open({ width: 1280, height: 860 }, false, { permissions: ["clipboard-read", "clipboard-write"] });
      await send(page, "交通规划强调了什么");
      const answer = lastAnswer(page);
      await answer.locator(".cite-chip").nth(1).click();
      const copy2 = page.locator("#sources").getByRole("button", { name: "复制引用2的正式引注" });
      await copy2.click();
      await page.locator(".copy-btn.copied", { hasText: "已复制 ✓" }).waitFor();
      expect(await page.locator("#status").textContent()).toBe("已复制引注 2。");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(refs[1]);
      await page.keyboard.press("Escape");
      await answer.getByRole("button", { name: "复制全部" }).click();
      await page.locator(".copy-all.copied").waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(all);

      // «导出 Word» downloads the answer; the project's DOCX reader reads it back.
      const [download] = await Promise.all([page.waitForEvent("download"), answer.getByRole("button", { name: "导出 Word" }).click()]);
      expect(download.suggestedFilename()).toBe("纪要问答-交通规划强调了什么.docx");
      const { readDocx } = await import("../../src/minutes/readers/docx.js");
      const { readFile } = await import("node:fs/promises");
      const text = (await readDocx(await readFile((await download.path())!), "answer.docx")).text;
      for (const r of refs) expect(text).toContain(r);
      const [md] = await Promise.all([page.waitForEvent("download"), answer.getByRole("button", { name: "导出 Markdown" }).click()]);
      expect(md.suggestedFilename()).toBe("纪要问答-交通规划强调了什么.md");
      const markdown = await readFile((await md.path())!, "utf8");
      expect(markdown).toContain(`[2] ${refs[1]}`);
      expect(problems).toEqual([]);
      await browser.close();

      // A plain-HTTP page has no navigator.clipboard: the hidden-textarea fallback copies instead.
      const hidden = `window.__clipboard = navigator.clipboard; Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });`;
      const plain = await open({ width: 1024, height: 768 }, false, { permissions: ["clipboard-read", "clipboard-write"], initScript: hidden });
      await send(plain, "交通规划强调了什么");
      await lastAnswer(plain).locator(".cite-chip").first().click();
      await plain.locator("#sources").getByRole("button", { name: "复制引用1的正式引注" }).click();
      await plain.locator(".copy-btn.copied").waitFor();
      expect(await plain.evaluate(() => (window as unknown as { __clipboard: Clipboard }).__clipboard.readText())).toBe(refs[0]);
      expect(await plain.locator("textarea.clipboard-proxy").count()).toBe(0);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});
