import { describe, expect, it } from "vitest";
import { readAiBotMessage } from "../../src/wecom/ai-bot-message.js";

const text = (over: Record<string, unknown>) =>
  JSON.stringify({
    msgid: "CAIQ1",
    aibotid: "AIBOT",
    chattype: "single",
    from: { userid: "zhangsan" },
    response_url: "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=R",
    msgtype: "text",
    text: { content: "交通规划强调了什么" },
    ...over,
  });

describe("readAiBotMessage", () => {
  it("reads a private text: the user is the chat", () => {
    expect(readAiBotMessage(text({}))).toEqual({
      platform: "wecom-bot",
      eventId: "CAIQ1",
      chatId: "zhangsan",
      userId: "zhangsan",
      chatType: "private",
      text: "交通规划强调了什么",
      mentioned: false,
      replyToBot: false,
      responseUrl: "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=R",
    });
  });

  it("reads a group text: the chatid is the chat, the leading @mention is dropped, the bot counts as mentioned", () => {
    const m = readAiBotMessage(text({ chattype: "group", chatid: "wrkG1", text: { content: "@纪要助手  交通规划\n强调了什么" } }));
    expect(m).toMatchObject({ chatId: "wrkG1", userId: "zhangsan", chatType: "group", text: "交通规划 强调了什么", mentioned: true });
  });

  it("answers nothing for events, other message types, or a text missing what a reply needs; throws on a plaintext that is not JSON", () => {
    expect(readAiBotMessage(JSON.stringify({ msgtype: "event", event: { eventtype: "enter_chat" } }))).toBeNull();
    expect(readAiBotMessage(text({ msgtype: "image", text: undefined, image: { url: "u" } }))).toBeNull();
    expect(readAiBotMessage(text({ response_url: undefined }))).toBeNull();
    expect(readAiBotMessage(text({ chattype: "group" }))).toBeNull();
    expect(() => readAiBotMessage("<xml/>")).toThrow();
  });
});
