/**
 * The 引用 button (src/bot/features/references.ts) against the fake Bot API:
 * the references arrive in a <pre> block that copies as plain text, rendered
 * from the same citation data as the engine's `reference`; internal minutes
 * are re-checked with the presser's rights; forged data is refused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { encodeCallback } from "../../src/bot/callback-data.js";
import { referencesMessages } from "../../src/bot/html.js";
import { parseTelegramHtml } from "../fakes/telegram-html.js";
import { buttons, INTERNAL_USER, openCorpus, PUBLIC_USER, resultOf, startBot, type Corpus, type Running } from "./harness.js";
import { WAIT_MS } from "../fakes/wait.js";

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

type Entity = { type: string; offset: number; length: number };
/** The text of the message's <pre> entity, as a client copies it. */
function preText(msg: { text: string; entities?: { type: string }[] }): string {
  const pre = (msg.entities as Entity[] | undefined)?.find((e) => e.type === "pre");
  expect(pre, "a <pre> block").toBeDefined();
  return msg.text.slice(pre!.offset, pre!.offset + pre!.length);
}

async function askAndPress(r: Running, user: { id: number; first_name: string }, question: string) {
  r.tg.sendText({ id: user.id }, user, question);
  // The keyboard sits under the last message of the answer.
  const answer = await r.nextMessage(user.id, (c) => buttons(c).length > 0);
  const cite = buttons(answer).find((b) => b.text === "引用");
  expect(cite, "the 引用 button").toBeDefined();
  r.tg.pressButton(user.id, user.id, resultOf(answer).message_id, cite!.callback_data);
  return { answer, data: cite!.callback_data };
}

describe("the 引用 button", () => {
  it("sends the answer's formal references in one <pre> block, exactly as the engine renders them", async () => {
    run = await startBot(corpus);
    await askAndPress(run, PUBLIC_USER, "交通规划强调了什么");
    const ack = await run.tg.waitFor("answerCallbackQuery");
    expect(ack.payload.text).toBe("引注已发送。");
    const msg = resultOf(await run.nextMessage(PUBLIC_USER.id));
    expect(msg.text).toMatch(/^正式引注（共 3 条/);
    const expected = (await corpus.engine.ask("交通规划强调了什么")).citations.map((c) => `[${c.n}] ${c.reference}`);
    expect(preText(msg)).toBe(expected.join("\n\n"));
    expect(expected[1]).toContain("第七项“审议《太仓市‘十四五’交通运输发展规划》”会议强调（二）：“要加快构建‘5+1’轨道交通网络");
  });

  it("splits long reference lists into messages that each hold their own <pre> block", async () => {
    run = await startBot(corpus, { deps: { messageLimit: 400 } });
    await askAndPress(run, PUBLIC_USER, "交通规划强调了什么");
    await run.tg.waitFor("answerCallbackQuery", (c) => c.payload.text === "引注已发送。");
    await run.tg.waitFor("sendMessage", (c) => String(c.payload.text).startsWith("<b>正式引注"));
    const all = (await corpus.engine.ask("交通规划强调了什么")).citations.map((c) => `[${c.n}] ${c.reference}`).join("\n\n");
    const deadline = Date.now() + WAIT_MS;
    let pres: string[] = [];
    while (Date.now() < deadline) {
      const sent = run.tg.callsOf("sendMessage").filter((c) => c.ok && String(c.payload.text).includes("<pre>"));
      pres = sent.map((c) => preText(resultOf(c)));
      if (pres.join("").replace(/\s/g, "") === all.replace(/\s/g, "")) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(pres.length).toBeGreaterThan(1);
    expect(pres.join("").replace(/\s/g, "")).toBe(all.replace(/\s/g, ""));
  });

  it("never sends an internal reference to someone who may no longer see it, and refuses forged data", async () => {
    const before = await startBot(corpus);
    const { data } = await askAndPress(before, INTERNAL_USER, "城镇燃气安全专项整治强调了什么");
    const staffCopy = resultOf(await before.nextMessage(INTERNAL_USER.id, (c) => String(c.payload.text).includes("<pre>")));
    expect(preText(staffCopy)).toContain("《枫林市人民政府常务会议纪要》（〔2023〕4号，2023年2月15日）");
    await before.stop();

    // The same chat after the user left the allow-list: the stored answer still names internal minutes.
    run = await startBot(corpus, { env: { ALLOWED_USER_IDS: "" } });
    run.tg.sendText({ id: INTERNAL_USER.id }, INTERNAL_USER, "交通规划强调了什么");
    const anchor = await run.nextMessage(INTERNAL_USER.id);
    run.tg.pressButton(INTERNAL_USER.id, INTERNAL_USER.id, resultOf(anchor).message_id, data);
    const refused = await run.tg.waitFor("answerCallbackQuery");
    expect(refused.payload.text).toBe("未找到该内容，或您无权查看。");

    for (const forged of [encodeCallback({ kind: "cite", key: "forged12" }), "cite|<b>", "cite|abcd|1"]) {
      run.tg.clearCalls();
      run.tg.pressButton(PUBLIC_USER.id, PUBLIC_USER.id, resultOf(anchor).message_id, forged);
      expect((await run.tg.waitFor("answerCallbackQuery")).payload.text).toMatch(/已失效/);
    }
    const sent = run.tg
      .callsOf("sendMessage")
      .map((c) => JSON.stringify(c.payload))
      .join("\n");
    expect(sent).not.toContain("枫林");
  });
});

describe("referencesMessages", () => {
  it("escapes every reference through the HTML helper, so Telegram parses it and copies it as written", () => {
    const [html] = referencesMessages(["[1] 《A&B<C>》：“x > y & z”"], 0);
    const parsed = parseTelegramHtml(html);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.text).toContain("[1] 《A&B<C>》：“x > y & z”");
    expect(parsed.entities.some((e) => e.type === "pre")).toBe(true);
  });
});
