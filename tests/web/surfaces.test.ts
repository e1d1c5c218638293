/**
 * The chat page's surfaces in headless Chromium over the real server and engine: the new answer in view after
 * sending, the sources sheet, conversations kept across a reload, 👍/👎 reaching FEEDBACK_LOG, dark mode.
 * Set WEB_SCREENSHOT_DIR to keep screenshots (surf-*.png).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { startWebServer, type WebServer } from "../../src/web/server.js";
import { chromiumPages, lastAnswer, send } from "./chromium.js";
import { memoryLogger, openTestEngine } from "./helpers.js";

const TIMEOUT = 120_000;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

let t: Awaited<ReturnType<typeof openTestEngine>>;
let server: WebServer;
const work = mkdtempSync(join(tmpdir(), "minutes-surfaces-"));
const feedbackLog = join(work, "feedback.jsonl");
const browser = chromiumPages(() => server.url, "surf-");
const { open, shot, problems } = browser;

beforeAll(async () => {
  t = await openTestEngine();
  const app = createApp(t.engine, t.config({ WEB_RATE_LIMIT: "1000", FEEDBACK_LOG: feedbackLog }), { log: memoryLogger().log });
  server = await startWebServer(app, { host: "127.0.0.1", port: 0 });
});
afterEach(() => browser.close());
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** The new question and the top of its answer lie inside the viewport, above the input box. */
async function expectNewestInView(page: Page) {
  const form = await page.locator("#ask-form").boundingBox();
  const q = await page.locator(".turn-user").last().boundingBox();
  const a = await page.locator(".turn-bot").last().boundingBox();
  expect(form && q && a).toBeTruthy();
  expect(q!.y).toBeGreaterThanOrEqual(0);
  expect(q!.y + q!.height).toBeLessThanOrEqual(form!.y);
  expect(a!.y).toBeGreaterThanOrEqual(0);
  // At least the first lines of the answer show above the box.
  expect(form!.y - a!.y).toBeGreaterThanOrEqual(80);
}

describe("chat page surfaces", () => {
  for (const [name, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    it(
      `${name}: the empty page tells what the archive holds; after each send the question and its answer are in view above the box`,
      async () => {
        const page = await open(viewport);
        await page.locator("#archive-summary", { hasText: "本库收录 1 次会议的纪要" }).waitFor();
        expect(await page.locator("#archive-summary").textContent()).toContain("2022年1月21日");
        const examples = await page.locator("button.example").allTextContents();
        expect(examples.length).toBeGreaterThanOrEqual(3);
        expect(examples).toContain("第1号纪要是谁主持的？");
        await shot(page, `${name}-empty`);

        await send(page, "交通规划强调了什么");
        await lastAnswer(page).locator(".cite-chip").first().waitFor();
        await expectNewestInView(page);
        await shot(page, `${name}-answer`);
        // A second question, and a refusal, each come into view too.
        await send(page, "会议讨论了垃圾分类工作吗？");
        await page.locator('.turn-bot[aria-busy="false"]').nth(1).waitFor();
        await expectNewestInView(page);
        await send(page, "那住房规划呢？");
        await page.locator('.turn-bot[aria-busy="false"]').nth(2).waitFor();
        await expectNewestInView(page);
        expect(problems).toEqual([]);
      },
      TIMEOUT,
    );
  }

  it(
    "compact chips open the sources — a sheet on a phone, a panel on a desktop — with each record's title once",
    async () => {
      for (const [name, viewport] of [
        ["phone", PHONE],
        ["desktop", DESKTOP],
      ] as const) {
        const page = await open(viewport);
        await send(page, "交通规划强调了什么");
        const chips = lastAnswer(page).locator(".cite-chip");
        await chips.first().waitFor();
        expect(await chips.count()).toBe(3);
        const labels = await chips.allTextContents();
        expect(labels[0]).toBe("[1] 第七项·会议强调（一）");
        for (const l of labels) expect(l).not.toContain("太仓市人民政府");
        await chips.nth(1).click();
        const panel = page.getByRole("dialog", { name: /来源/ });
        await panel.waitFor({ state: "visible" });
        expect(await panel.locator(".source-title").allTextContents()).toEqual(["太仓市人民政府常务会议纪要（第1号）"]);
        expect(await panel.locator(".source").count()).toBe(3);
        expect(await panel.locator(".source.current .source-place").textContent()).toContain("第七项·会议强调（二）");
        const box = (await panel.boundingBox())!;
        if (name === "phone") {
          // A sheet from the bottom edge.
          expect(Math.round(box.y + box.height)).toBe(viewport.height);
          expect(box.width).toBe(viewport.width);
        } else {
          // Beside the conversation: the answer stays visible at its left.
          const answer = (await lastAnswer(page).boundingBox())!;
          expect(box.x).toBeGreaterThan(answer.x + 300);
        }
        await shot(page, `${name}-sources`);
        await page.keyboard.press("Escape");
        await panel.waitFor({ state: "hidden" });
        // Focus returns to the chip that opened it.
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(labels[1]);
        // 查看原文 opens the item with the quote marked.
        await chips.nth(1).click();
        await panel.getByRole("link", { name: "查看原文" }).nth(1).click();
        await page.locator("#reader-body mark").first().waitFor({ state: "visible" });
        expect(await page.locator("#reader-body mark").first().textContent()).toContain("5+1");
        await browser.close();
      }
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "keeps conversations across a reload; reopens, renames and deletes them; regenerates and edits",
    async () => {
      const page = await open(DESKTOP);
      await send(page, "交通规划强调了什么");
      await lastAnswer(page).locator(".cite-chip").first().waitFor();
      await page.reload();
      await lastAnswer(page).locator(".cite-chip").first().waitFor();
      expect(await page.locator(".turn-user .bubble").allTextContents()).toEqual(["你问：交通规划强调了什么"]);
      expect(await page.locator("#intro").isVisible()).toBe(false);

      // A second conversation, then the list.
      await page.getByRole("button", { name: "新对话" }).click();
      await send(page, "第1号纪要是谁主持的？");
      await page.locator('.turn-bot[aria-busy="false"]').first().waitFor();
      await page.getByRole("button", { name: "对话记录" }).click();
      const list = page.locator("#conversations-list");
      expect(await list.locator(".conv-open").allTextContents()).toEqual(["第1号纪要是谁主持的？", "交通规划强调了什么"]);
      await list.getByRole("button", { name: "重命名：交通规划强调了什么" }).click();
      await page.getByLabel("对话名称").fill("交通规划");
      await page.getByLabel("对话名称").press("Enter");
      await list.getByRole("button", { name: "交通规划", exact: true }).waitFor();
      await shot(page, "desktop-conversations");
      await list.getByRole("button", { name: "交通规划", exact: true }).click();
      expect(await page.locator(".turn-user .bubble").allTextContents()).toEqual(["你问：交通规划强调了什么"]);

      // Edit and resend: the question back in the box, the answer replaced.
      await page.getByRole("button", { name: "编辑问题：交通规划强调了什么" }).click();
      expect(await page.getByLabel("你的问题").inputValue()).toBe("交通规划强调了什么");
      await send(page, "住房规划强调了什么");
      await lastAnswer(page).locator(".cite-chip").first().waitFor();
      expect(await page.locator(".turn-user .bubble").allTextContents()).toEqual(["你问：住房规划强调了什么"]);
      expect(await lastAnswer(page).locator(".cite-chip").first().textContent()).toContain("第八项");
      // Regenerate: the same question asked again, one answer left.
      await lastAnswer(page).getByRole("button", { name: "重新生成" }).click();
      await page.locator('.turn-bot[aria-busy="false"] .cite-chip').first().waitFor();
      expect(await page.locator(".turn-bot").count()).toBe(1);

      await page.reload();
      await page.getByRole("button", { name: "对话记录" }).click();
      expect(await list.locator(".conv-open").allTextContents()).toEqual(["交通规划", "第1号纪要是谁主持的？"]);
      await list.getByRole("button", { name: "删除：第1号纪要是谁主持的？" }).click();
      expect(await list.locator(".conv-open").allTextContents()).toEqual(["交通规划"]);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "👎 with a comment reaches FEEDBACK_LOG with the question, answer, citations and index generation",
    async () => {
      const page = await open(PHONE);
      await send(page, "交通规划强调了什么");
      const answer = lastAnswer(page);
      await answer.locator(".cite-chip").first().waitFor();
      await answer.getByRole("button", { name: "没有帮助", exact: true }).click();
      await answer.getByLabel("补充说明（可选）").fill("第三条与问题无关");
      await answer.getByRole("button", { name: "提交反馈" }).click();
      await answer.locator(".feedback-done").waitFor();
      const lines = readFileSync(feedbackLog, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      const entry = lines.at(-1);
      expect(entry).toMatchObject({ vote: "down", comment: "第三条与问题无关", question: "交通规划强调了什么", channel: "web" });
      expect(entry.citations.length).toBe(3);
      expect(entry.answer).toContain("会议强调");
      expect(entry.generation.indexedAt).toBe(t.engine.status().indexedAt);
      // The vote is kept with the conversation.
      await page.reload();
      await lastAnswer(page).locator(".feedback-done").waitFor();
      await page.getByRole("button", { name: "对话记录" }).click();
      await page.locator("#conversations-list .conv-open").first().waitFor();
      await shot(page, "phone-conversations");
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "follows the system's dark mode with readable colours",
    async () => {
      const page = await open(DESKTOP, { dark: true });
      await send(page, "交通规划强调了什么");
      await lastAnswer(page).locator(".cite-chip").first().waitFor();
      const colours = await page.evaluate(() => {
        const style = (sel: string) => getComputedStyle(document.querySelector(sel)!);
        return {
          body: style("body").backgroundColor,
          pane: style(".chat-pane").backgroundColor,
          text: style(".answer-text").color,
          send: style("#send").color,
          sendBg: style("#send").backgroundColor,
        };
      });
      const lum = (rgb: string) => {
        const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      expect(lum(colours.pane)).toBeLessThan(0.05);
      expect(lum(colours.body)).toBeLessThan(0.05);
      const contrast = (lum(colours.text) + 0.05) / (lum(colours.pane) + 0.05);
      expect(contrast).toBeGreaterThan(7);
      // The send button's label stays readable on its light accent.
      expect((Math.max(lum(colours.send), lum(colours.sendBg)) + 0.05) / (Math.min(lum(colours.send), lum(colours.sendBg)) + 0.05)).toBeGreaterThan(4.5);
      await shot(page, "desktop-dark");
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});
