/**
 * The reader's documents beside minutes in headless Chromium (playwright-core, tests/web/chromium.ts) against a
 * real server over the linked fixtures, as an anonymous caller: the internal 专题会议 is never named.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { startWebServer, type WebServer } from "../../src/web/server.js";
import { type LinkedEngine, openLinkedEngine } from "../helpers/linked-corpus.js";
import { chromiumPages } from "./chromium.js";
import { memoryLogger } from "./helpers.js";

const TIMEOUT = 90_000;

let linked: LinkedEngine;
let server: WebServer;
const browser = chromiumPages(() => server.url, "links-");

beforeAll(async () => {
  linked = await openLinkedEngine();
  server = await startWebServer(createApp(linked.engine, linked.config({ WEB_RATE_LIMIT: "1000" }), { log: memoryLogger().log }), {
    host: "127.0.0.1",
    port: 0,
  });
});
afterEach(() => browser.close());
afterAll(async () => {
  await server?.close();
  await linked?.close();
});

describe("documents beside minutes in the reader", () => {
  it(
    "lists 会议纪要 and 文件 apart; a document opens the meeting item that passed it, and that meeting's agenda links back",
    async () => {
      const page = await browser.open({ width: 1280, height: 860 });
      await page.goto(`${server.url}#/minutes`);
      const groups = page.locator("#reader-body .record-group");
      await groups.first().waitFor();
      expect(await groups.locator("h3").allTextContents()).toEqual(["会议纪要（2）", "文件（1）"]);
      const docCard = page.locator('[data-reading="document"] .card-link');
      expect(await docCard.locator(".card-title").textContent()).toBe("石湖市公共自行车管理办法");
      expect(await docCard.locator(".card-meta").textContent()).toContain("经 1 次会议审议");
      expect(await page.locator('[data-reading="meeting"] .card-link', { hasText: "第十八次常务会议" }).locator(".card-meta").textContent()).toContain(
        "通过文件 1 件",
      );
      await browser.shot(page, "list");

      // The document: the meeting that passed it, never the internal 专题会议.
      await docCard.click();
      await page.locator("#reader-title", { hasText: "石湖市公共自行车管理办法" }).waitFor();
      const passedBy = page.locator("#reader-body .passed-by li");
      expect(await passedBy.count()).toBe(1);
      expect(await passedBy.textContent()).toMatch(
        /^由石湖市人民政府召开第十八次常务会议（2024年5月20日）第1项审议：会议原则同意《石湖市公共自行车管理办法（草案）》/,
      );
      expect(await page.locator("#reader-body").textContent()).not.toContain("专题会议");
      await browser.shot(page, "document");

      // Its link opens the meeting's item with the decision highlighted.
      const decision = (await passedBy.locator("q").textContent()) ?? "";
      await passedBy.getByRole("link").click();
      const mark = page.locator("#reader-body mark").first();
      await mark.waitFor({ state: "visible" });
      expect(await mark.textContent()).toBe(decision);
      expect(await page.locator("#reader-body .hl-note").textContent()).toBe("黄色底纹标出的是会议审议该文件的决定。");
      expect(await page.locator("#reader-body .passed li").textContent()).toBe("通过文件：《石湖市公共自行车管理办法》");

      // The agenda lists the document under the item that passed it; its link opens the document.
      await page.locator("#crumbs a", { hasText: "第十八次常务会议" }).click();
      const itemDocs = page.locator("#reader-body .agenda li .passed a");
      await itemDocs.first().waitFor();
      expect(await itemDocs.allTextContents()).toEqual(["《石湖市公共自行车管理办法》"]);
      await itemDocs.first().click();
      await page.locator("#reader-body .passed-by").waitFor();
      expect(await page.locator("#reader-title").textContent()).toBe("石湖市公共自行车管理办法");
      expect(browser.problems).toEqual([]);
    },
    TIMEOUT,
  );
});
