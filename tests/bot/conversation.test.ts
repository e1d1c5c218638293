import { readdir, readFile } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseCallback } from "../../src/bot/callback-data.js";
import { ADMIN_USER, buttons, openCorpus, PUBLIC_USER, resultOf, startBot, TOKEN, type Corpus, type Running } from "./harness.js";

let corpus: Corpus;
let run: Running | undefined;

beforeAll(async () => {
  corpus = await openCorpus();
});
afterEach(async () => {
  await run?.stop();
  run = undefined;
});
afterAll(async () => {
  await corpus?.close();
});

const dm = (u: { id: number }) => ({ id: u.id });

describe("private chat", () => {
  it("answers «交通规划强调了什么» in HTML with citations to item 七, a typing action and the answer keyboard", async () => {
    run = await startBot(corpus);
    const { tg } = run;
    tg.sendText(dm(PUBLIC_USER), PUBLIC_USER, "交通规划强调了什么");
    const call = await run.nextMessage(PUBLIC_USER.id);
    expect(call.ok).toBe(true);
    expect(call.payload.parse_mode).toBe("HTML");
    const text = resultOf(call).text;
    expect(text).toContain("七、审议《太仓市“十四五”交通运输发展规划》");
    expect(text).toContain("5+1");
    expect(text).toMatch(/\[1\]/);
    expect(text).toContain("太仓市人民政府常务会议纪要第1号 · 2022年1月21日");
    expect(resultOf(call).entities?.some((e) => e.type === "expandable_blockquote")).toBe(true);
    expect(tg.callsOf("sendChatAction").some((c) => c.payload.action === "typing" && c.payload.chat_id === PUBLIC_USER.id)).toBe(true);
    const labels = buttons(call).map((b) => b.text);
    expect(labels).toEqual(["原文", "引用", "更多", "👍", "👎"]);
    for (const b of buttons(call)) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    // Commands were registered with Chinese descriptions.
    const cmds = tg.callsOf("setMyCommands");
    expect(
      cmds.some((c) => (c.payload.commands as { command: string; description: string }[]).some((x) => x.command === "search" && /检索/.test(x.description))),
    ).toBe(true);
    expect(cmds.some((c) => c.payload.scope?.type === "chat" && c.payload.scope.chat_id === ADMIN_USER.id)).toBe(true);
  });

  it("escapes a question containing <b>& (Telegram accepts the HTML and shows the text literally)", async () => {
    run = await startBot(corpus);
    run.tg.sendText(dm(PUBLIC_USER), PUBLIC_USER, "<b>&");
    const call = await run.nextMessage(PUBLIC_USER.id);
    expect(call.ok).toBe(true);
    expect(call.payload.text).toContain("&lt;b&gt;&amp;");
    expect(resultOf(call).text).toContain("「<b>&」");
  });

  it("a message of zero-width characters only is no question: the bot asks for one instead of searching for «」", async () => {
    run = await startBot(corpus);
    run.tg.sendText(dm(PUBLIC_USER), PUBLIC_USER, "\u200b\u200d\ufeff");
    const call = await run.nextMessage(PUBLIC_USER.id);
    expect(resultOf(call).text).toBe("请发送您的问题。");
    expect(run.tg.callsOf("sendChatAction")).toHaveLength(0);
  });

  it("uses the chat's history for follow-ups", async () => {
    run = await startBot(corpus);
    const { tg } = run;
    tg.sendText(dm(PUBLIC_USER), PUBLIC_USER, "交通规划强调了什么");
    await run.nextMessage(PUBLIC_USER.id);
    tg.sendText(dm(PUBLIC_USER), PUBLIC_USER, "它由谁修改完善？");
    const follow = await run.nextMessage(PUBLIC_USER.id);
    expect(resultOf(follow).text).toContain("市交运局");
    tg.sendText(dm(PUBLIC_USER), PUBLIC_USER, "那住房规划呢？");
    const ell = await run.nextMessage(PUBLIC_USER.id);
    expect(resultOf(ell).text).toContain("八、审议《太仓市“十四五”城镇住房发展规划》");
  });

  it("keeps the conversation in session files across a restart", async () => {
    run = await startBot(corpus);
    run.tg.sendText(dm(PUBLIC_USER), PUBLIC_USER, "交通规划强调了什么");
    await run.nextMessage(PUBLIC_USER.id);
    await run.stop();
    const files = await readdir(run.config.SESSION_DIR);
    expect(files).toContain(`${PUBLIC_USER.id}.json`);
    run = await startBot(corpus);
    run.tg.sendText(dm(PUBLIC_USER), PUBLIC_USER, "它由谁修改完善？");
    expect(resultOf(await run.nextMessage(PUBLIC_USER.id)).text).toContain("市交运局");
  });

  it("原文 opens the full agenda item, paginated with prev/next buttons", async () => {
    run = await startBot(corpus, { deps: { itemPageChars: 300 } });
    const { tg } = run;
    tg.sendText(dm(PUBLIC_USER), PUBLIC_USER, "交通规划强调了什么");
    const answer = await run.nextMessage(PUBLIC_USER.id);
    const src = buttons(answer).find((b) => b.text === "原文")!;
    tg.pressButton(PUBLIC_USER.id, PUBLIC_USER.id, resultOf(answer).message_id, src.callback_data);
    const page1 = await run.nextMessage(PUBLIC_USER.id);
    expect(resultOf(page1).text).toContain("七、审议《太仓市“十四五”交通运输发展规划》");
    expect(resultOf(page1).text).toMatch(/第 1\/\d 页/);
    const next = buttons(page1).find((b) => b.text.startsWith("下一页"))!;
    expect(next).toBeDefined();
    tg.pressButton(PUBLIC_USER.id, PUBLIC_USER.id, resultOf(page1).message_id, next.callback_data);
    const edit = await tg.waitFor("editMessageText", (c) => c.ok === true);
    expect(edit.payload.message_id).toBe(resultOf(page1).message_id);
    expect(String(edit.payload.text)).toMatch(/第 2\/\d 页/);
    expect(buttons(edit).some((b) => b.text.startsWith("◀"))).toBe(true);
    // Every page together is the item's full text.
    const pages = tg
      .messagesIn(PUBLIC_USER.id)
      .map((m) => m.text ?? "")
      .join("\n");
    expect(pages).toContain("确保交通建设项目早落地、早通车");
    await tg.waitFor("answerCallbackQuery");
  });

  it("更多 sends the next results, without repeating the answer's citations", async () => {
    run = await startBot(corpus);
    const { tg } = run;
    tg.sendText(dm(PUBLIC_USER), PUBLIC_USER, "交通规划强调了什么");
    const answer = await run.nextMessage(PUBLIC_USER.id);
    const more = buttons(answer).find((b) => b.text === "更多")!;
    tg.pressButton(PUBLIC_USER.id, PUBLIC_USER.id, resultOf(answer).message_id, more.callback_data);
    const list = await run.nextMessage(PUBLIC_USER.id);
    const text = resultOf(list).text;
    expect(text).toContain("「交通规划强调了什么」的更多结果");
    expect(text).toContain("市交运局");
    expect(text).not.toContain("（一）要充分发挥交通的开路先锋作用");
    const ack = await tg.waitFor("answerCallbackQuery");
    expect(ack.ok).toBe(true);
  });

  it("👍 appends a feedback line with the question, the answer and a hashed user id", async () => {
    run = await startBot(corpus);
    const { tg } = run;
    tg.sendText(dm(PUBLIC_USER), PUBLIC_USER, "交通规划强调了什么");
    const answer = await run.nextMessage(PUBLIC_USER.id);
    const up = buttons(answer).find((b) => b.text === "👍")!;
    tg.pressButton(PUBLIC_USER.id, PUBLIC_USER.id, resultOf(answer).message_id, up.callback_data);
    const ack = await tg.waitFor("answerCallbackQuery");
    expect(ack.payload.text).toBe("感谢反馈！");
    const lines = (await readFile(run.config.FEEDBACK_LOG, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const entry = lines[lines.length - 1];
    expect(entry).toMatchObject({ vote: "up", question: "交通规划强调了什么", chatType: "private" });
    expect(String(entry.answer)).toContain("5+1");
    expect(entry.user).toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.stringify(entry)).not.toContain(String(PUBLIC_USER.id));
    expect(Date.parse(String(entry.time))).not.toBeNaN();
    const marked = await tg.waitFor("editMessageReplyMarkup");
    expect(buttons(marked).map((b) => b.text)).toContain("👍 ✓");
    // A second vote is not recorded twice.
    tg.pressButton(PUBLIC_USER.id, PUBLIC_USER.id, resultOf(answer).message_id, up.callback_data);
    expect((await tg.waitFor("answerCallbackQuery")).payload.text).toBe("已记录您的反馈。");
    expect((await readFile(run.config.FEEDBACK_LOG, "utf8")).trim().split("\n")).toHaveLength(lines.length);
  });
});

describe("commands", () => {
  it("/start, /help, /about, /meetings, /meeting, /item and /search", async () => {
    run = await startBot(corpus);
    const { tg } = run;
    const u = PUBLIC_USER;
    const send = async (text: string) => {
      tg.sendText(dm(u), u, text);
      return run!.nextMessage(u.id);
    };
    const start = await send("/start");
    expect(resultOf(start).text).toContain("交通规划强调了什么");
    expect(resultOf(start).text).toContain("这次会议是谁主持的？");
    expect(resultOf(start).text).toContain("住房规划由谁修改完善");
    // An example button asks its question.
    tg.pressButton(u.id, u.id, resultOf(start).message_id, buttons(start)[1].callback_data);
    expect(resultOf(await run.nextMessage(u.id)).text).toContain("胡卫江");

    expect(resultOf(await send("/help")).text).toContain("/search");
    const about = resultOf(await send("/about")).text;
    expect(about).toContain("收录 1 份会议纪要");
    expect(about).toMatch(/最近索引时间：\d{4}-/);

    const meetings = resultOf(await send("/meetings")).text;
    expect(meetings).toContain("太仓市人民政府常务会议纪要第1号 · 2022年1月21日 · 9 项议题");

    const meeting = await send("/meeting 1");
    expect(resultOf(meeting).text).toContain("主持：市长胡卫江");
    const itemButtons = buttons(meeting);
    expect(itemButtons).toHaveLength(9);
    expect(parseCallback(itemButtons[6].callback_data)).toMatchObject({ kind: "src", ordinal: 7 });
    tg.pressButton(u.id, u.id, resultOf(meeting).message_id, itemButtons[7].callback_data);
    expect(resultOf(await run.nextMessage(u.id)).text).toContain("八、审议《太仓市“十四五”城镇住房发展规划》");

    expect(resultOf(await send("/item 1.7")).text).toContain("加快构建“5+1”轨道交通网络");
    expect(resultOf(await send("/item 1.99")).text).toContain("未找到该议题");

    const search = await send("/search 轨道交通");
    expect(resultOf(search).text).toContain("「轨道交通」的检索结果");
    expect(resultOf(search).text).toContain("1. 太仓市人民政府常务会议纪要第1号");
    expect(resultOf(await send("/search")).text).toContain("请在 /search 后输入关键词");
    expect(resultOf(await send("/nosuch")).text).toContain("未知命令");
  });

  it("admin-only /reload and /stats", async () => {
    run = await startBot(corpus);
    const { tg } = run;
    tg.sendText(dm(PUBLIC_USER), PUBLIC_USER, "/reload");
    expect(resultOf(await run.nextMessage(PUBLIC_USER.id)).text).toContain("仅限管理员");
    tg.sendText(dm(ADMIN_USER), ADMIN_USER, "/reload");
    await run.nextMessage(ADMIN_USER.id); // 正在重新导入…
    expect(resultOf(await run.nextMessage(ADMIN_USER.id, undefined, 20_000)).text).toMatch(/索引已更新：新增 \d+，更新 \d+，删除 \d+，失败 0。/);
    tg.sendText(dm(ADMIN_USER), ADMIN_USER, "/stats");
    const stats = resultOf(await run.nextMessage(ADMIN_USER.id)).text;
    expect(stats).toContain("纪要：2 份");
    expect(stats).toContain("运行统计");
    for (const l of run.logs) expect(l).not.toContain(TOKEN);
  });
});
