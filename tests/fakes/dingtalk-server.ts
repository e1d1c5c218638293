/**
 * A fake DingTalk Open Platform on 127.0.0.1 speaking the Stream protocol:
 * POST /v1.0/gateway/connections/open (client id and secret → endpoint and
 * ticket), the WebSocket the ticket opens, CALLBACK frames on the robot topic
 * /v1.0/im/bot/messages/get with their acknowledgements, and the session
 * webhook a robot replies through. And the OpenAPI a robot sends through on its
 * own: POST /v1.0/oauth2/accessToken (appKey and appSecret → accessToken,
 * expireIn), then /v1.0/robot/groupMessages/send and
 * /v1.0/robot/oToMessages/batchSend with the x-acs-dingtalk-access-token
 * header; errors are an HTTP status with {code, message, requestid}.
 */
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { jsonServer } from "./json-server.js";
import { WAIT_MS, waitForCount } from "./wait.js";
import { WebSocketServer, type WebSocket } from "ws";

export interface DingTalkReply {
  session: string;
  msgtype: string;
  title: string;
  text: string;
}

/** A message the robot sent on its own: to a group (openConversationId) or to users (userIds). */
export interface DingTalkRobotSent {
  openConversationId?: string;
  userIds?: string[];
  robotCode: string;
  msgKey: string;
  title: string;
  text: string;
}

export interface RobotOptions {
  conversationType?: "1" | "2";
  conversationId?: string;
  staffId?: string;
  atBot?: boolean;
  msgId?: string;
}

export class FakeDingTalk {
  readonly replies: DingTalkReply[] = [];
  /** Messages sent through groupMessages/send and oToMessages/batchSend. */
  readonly robotSent: DingTalkRobotSent[] = [];
  /** Access tokens issued by /v1.0/oauth2/accessToken. */
  tokensIssued = 0;
  private robotFailures: number[] = [];
  private accessTokens = new Set<string>();
  /** messageIds of the frames the client acknowledged. */
  readonly acks: string[] = [];
  webhookCalls = 0;
  gatewayRefusals = 0;
  private failures: number[] = [];
  private server!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private tickets = new Set<string>();
  private seq = 0;
  baseUrl = "";

  constructor(readonly creds: { clientId: string; clientSecret: string }) {}

  async start(): Promise<this> {
    this.wss = new WebSocketServer({ noServer: true });
    this.server = jsonServer(({ req, url, body, send }) => {
      if (url.pathname === "/v1.0/gateway/connections/open" && req.method === "POST") {
        const b = JSON.parse(body || "{}") as { clientId?: string; clientSecret?: string; subscriptions?: { topic: string }[] };
        if (b.clientId !== this.creds.clientId || b.clientSecret !== this.creds.clientSecret) {
          this.gatewayRefusals++;
          return send(401, { code: "InvalidAuthentication", message: "clientId or clientSecret is invalid" });
        }
        const ticket = randomBytes(8).toString("hex");
        this.tickets.add(ticket);
        return send(200, { endpoint: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/connect`, ticket });
      }
      if (url.pathname === "/robot/sendBySession" && req.method === "POST") {
        this.webhookCalls++;
        const failure = this.failures.shift();
        if (failure) return send(failure, { errcode: 130101, errmsg: "send too fast" });
        const b = JSON.parse(body) as { msgtype: string; markdown: { title: string; text: string } };
        this.replies.push({ session: url.searchParams.get("session") ?? "", msgtype: b.msgtype, title: b.markdown.title, text: b.markdown.text });
        return send(200, { errcode: 0, errmsg: "ok" });
      }
      if (url.pathname === "/v1.0/oauth2/accessToken" && req.method === "POST") {
        const b = JSON.parse(body || "{}") as { appKey?: string; appSecret?: string };
        if (b.appKey !== this.creds.clientId || b.appSecret !== this.creds.clientSecret)
          return send(400, { code: "invalidClientIdOrSecret", message: "无效的clientId或者clientSecret", requestid: this.requestId() });
        const accessToken = `at-${++this.tokensIssued}-${randomBytes(4).toString("hex")}`;
        this.accessTokens.add(accessToken);
        return send(200, { accessToken, expireIn: 7200 });
      }
      const robot = /^\/v1\.0\/robot\/(groupMessages\/send|oToMessages\/batchSend)$/.exec(url.pathname);
      if (robot && req.method === "POST") {
        const token = req.headers["x-acs-dingtalk-access-token"];
        if (typeof token !== "string" || !this.accessTokens.has(token))
          return send(401, { code: "InvalidAuthentication", message: "不合法的access_token", requestid: this.requestId() });
        const failure = this.robotFailures.shift();
        if (failure) return send(failure, { code: "Forbidden.AccessDenied.QpsLimitForApi", message: "too many requests", requestid: this.requestId() });
        const b = JSON.parse(body) as { robotCode?: string; msgKey?: string; msgParam?: string; openConversationId?: string; userIds?: string[] };
        const group = robot[1] === "groupMessages/send";
        if (b.robotCode !== this.creds.clientId) return send(400, { code: "resource.not.found", message: "robot 不存在", requestid: this.requestId() });
        if (group ? !b.openConversationId : !b.userIds?.length)
          return send(400, {
            code: "MissingParameter",
            message: group ? "openConversationId is mandatory" : "userIds is mandatory",
            requestid: this.requestId(),
          });
        if (b.msgKey !== "sampleMarkdown") return send(400, { code: "InvalidParameter.MsgKey", message: "msgKey 不支持", requestid: this.requestId() });
        const param = JSON.parse(b.msgParam ?? "{}") as { title?: string; text?: string };
        this.robotSent.push({
          ...(group ? { openConversationId: b.openConversationId } : { userIds: b.userIds }),
          robotCode: b.robotCode,
          msgKey: b.msgKey,
          title: param.title ?? "",
          text: param.text ?? "",
        });
        return send(
          200,
          group ? { processQueryKey: `pqk${++this.seq}` } : { processQueryKey: `pqk${++this.seq}`, invalidStaffIdList: [], flowControlledStaffIdList: [] },
        );
      }
      send(404, { code: "NotFound" });
    });
    this.server.on("upgrade", (req, socket, head) => {
      const url = new URL(req.url ?? "/", "http://x");
      const ticket = url.searchParams.get("ticket") ?? "";
      if (url.pathname !== "/connect" || !this.tickets.delete(ticket)) return void socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.add(ws);
        ws.on("close", () => this.sockets.delete(ws));
        ws.on("message", (d: Buffer) => {
          const frame = JSON.parse(d.toString()) as { code?: number; headers?: { messageId?: string } };
          if (frame.code === 200 && frame.headers?.messageId) this.acks.push(frame.headers.messageId);
        });
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next `n` webhook calls fail with HTTP `status`. */
  failNext(n: number, status = 429): void {
    for (let i = 0; i < n; i++) this.failures.push(status);
  }

  /** The next `n` robot sends (groupMessages/send, oToMessages/batchSend) fail with HTTP `status`. */
  failRobotNext(n: number, status = 429): void {
    for (let i = 0; i < n; i++) this.robotFailures.push(status);
  }

  /** Makes every issued access token invalid (as when it expired early). */
  expireTokens(): void {
    this.accessTokens.clear();
  }

  waitForRobotSent(count: number, ms = WAIT_MS): Promise<DingTalkRobotSent[]> {
    return waitForCount(this.robotSent, count, "robot messages", ms);
  }

  private requestId(): string {
    return randomBytes(8).toString("hex").toUpperCase();
  }

  /** Pushes a robot text message to every connected client; returns the msgId. */
  sendRobot(text: string, o: RobotOptions = {}): string {
    const msgId = o.msgId ?? `msg${++this.seq}`;
    const session = `s${this.seq}`;
    const data = {
      conversationId: o.conversationId ?? "cid-private",
      chatbotCorpId: "ding-corp",
      chatbotUserId: "$:LWCP_v1:$bot",
      msgId,
      senderNick: "张三",
      isAdmin: false,
      senderStaffId: o.staffId ?? "staff-stranger",
      sessionWebhookExpiredTime: Date.now() + 3_600_000,
      createAt: Date.now(),
      senderCorpId: "ding-corp",
      conversationType: o.conversationType ?? "1",
      senderId: `$:LWCP_v1:$${o.staffId ?? "stranger"}`,
      sessionWebhook: `${this.baseUrl}/robot/sendBySession?session=${session}`,
      robotCode: this.creds.clientId,
      msgtype: "text",
      text: { content: text },
      ...(o.conversationType === "2" ? { isInAtList: o.atBot ?? false } : {}),
    };
    const frame = {
      specVersion: "1.0",
      type: "CALLBACK",
      headers: {
        appId: "app",
        connectionId: "conn",
        contentType: "application/json",
        messageId: `frame-${++this.seq}`,
        time: String(Date.now()),
        topic: "/v1.0/im/bot/messages/get",
      },
      data: JSON.stringify(data),
    };
    for (const ws of this.sockets) ws.send(JSON.stringify(frame));
    return msgId;
  }

  get connections(): number {
    return this.sockets.size;
  }

  waitForReplies(count: number, ms = WAIT_MS): Promise<DingTalkReply[]> {
    return waitForCount(this.replies, count, "replies", ms);
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
