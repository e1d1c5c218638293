/**
 * Feishu's long connection, faked on 127.0.0.1 with the real protocol the
 * SDK's WSClient speaks: POST /callback/ws/endpoint with {AppID, AppSecret}
 * answers {code: 0, data: {URL, ClientConfig}}; the URL is a WebSocket (the
 * `ws` package) whose binary messages are pbbp2 Frames (protobufjs, the
 * schema the SDK compiles in): the client's ping (method 0, type=ping) is
 * answered with a pong carrying ClientConfig; an event is a data frame
 * (method 1, type=event, message_id/sum/seq/trace_id headers, payload the
 * event's JSON, split into `sum` fragments when asked); the client answers
 * each with the same frame carrying {code: 200, data: base64(response)}.
 * The OpenAPI (token, bot info, replies) is the HTTP fake it extends.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import protobuf from "protobufjs";
import { WebSocketServer, type WebSocket } from "ws";
import { FakeFeishu, type DeliverOptions, type FeishuReply, type PressOptions } from "./feishu-server.js";
import { WAIT_MS } from "./wait.js";

/** pbbp2.proto, as the SDK's generated code encodes it (field numbers and types). */
const PBBP2 = `
syntax = "proto2";
package pbbp2;
message Header { required string key = 1; required string value = 2; }
message Frame {
  required uint64 SeqID = 1;
  required uint64 LogID = 2;
  required int32 service = 3;
  required int32 method = 4;
  repeated Header headers = 5;
  optional string payload_encoding = 6;
  optional string payload_type = 7;
  optional bytes payload = 8;
  optional string LogIDNew = 9;
}`;
const Frame = protobuf.parse(PBBP2).root.lookupType("pbbp2.Frame");

/** Frame.method: control (ping/pong) or data (events). */
const CONTROL = 0;
const DATA = 1;

interface DecodedFrame {
  SeqID: unknown;
  LogID: unknown;
  service: number;
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

/** The client's acknowledgement of one event frame. */
export interface WsAck {
  /** The frame's message_id header. */
  frameId: string;
  /** The acknowledgement's status: 200, or 500 when the client's handler threw. */
  code: number;
  /** The handler's response (a card action's toast), decoded from base64 JSON. */
  response: Record<string, unknown> | null;
  headers: Record<string, string>;
}

export class FakeFeishuWs extends FakeFeishu {
  readonly acks: WsAck[] = [];
  /** Frames of type ping received. */
  pings = 0;
  /** WebSocket connections opened so far, and the ones open now. */
  connections = 0;
  private readonly sockets = new Set<WebSocket>();
  private readonly pinged = new WeakSet<WebSocket>();
  /** Connections the SDK has pinged on (it listens on them). */
  private pingedConnections = 0;
  private wss!: WebSocketServer;
  private readonly serviceId = 7001;
  private readonly tickets = new Set<string>();
  private frameSeq = 0;

  override async start(): Promise<this> {
    this.wss = new WebSocketServer({
      host: "127.0.0.1",
      port: 0,
      path: "/ws/v2",
      // Only a URL the endpoint issued opens a connection.
      verifyClient: ({ req }: { req: { url?: string } }) => this.tickets.has(new URL(req.url ?? "/", "ws://x").searchParams.get("ticket") ?? ""),
    });
    await new Promise<void>((r) => this.wss.once("listening", () => r()));
    const wsPort = (this.wss.address() as AddressInfo).port;
    this.wss.on("connection", (socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("message", (data: Buffer) => this.onFrame(socket, Frame.toObject(Frame.decode(data), { longs: String, defaults: true }) as DecodedFrame));
    });
    this.openRoutes.set("/callback/ws/endpoint", ({ req, body, send }) => {
      const b = JSON.parse(body || "{}") as { AppID?: string; AppSecret?: string };
      if (req.method !== "POST") return send(405, { code: 405, msg: "method not allowed", data: {} });
      if (b.AppID !== this.opts.appId || b.AppSecret !== this.opts.appSecret) return send(200, { code: 514, msg: "auth failed", data: {} });
      const ticket = randomBytes(8).toString("hex");
      this.tickets.add(ticket);
      // The first query key is not read by the SDK (it parses the whole URL with qs), as in Feishu's own URLs.
      const URL = `ws://127.0.0.1:${wsPort}/ws/v2?fpid=493&device_id=dev-1&service_id=${this.serviceId}&ticket=${ticket}`;
      send(200, { code: 0, msg: "ok", data: { URL, ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 } } });
    });
    return super.start();
  }

  /** Connections open now. */
  get openConnections(): number {
    return this.sockets.size;
  }

  private onFrame(socket: WebSocket, f: DecodedFrame): void {
    const headers = Object.fromEntries(f.headers.map((h) => [h.key, h.value]));
    if (f.method === CONTROL && headers.type === "ping") {
      this.pings++;
      if (!this.pinged.has(socket)) {
        this.pinged.add(socket);
        this.pingedConnections++;
      }
      const pong = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 };
      socket.send(this.encode({ method: CONTROL, headers: { type: "pong" }, payload: JSON.stringify(pong) }));
      return;
    }
    if (f.method === DATA) {
      const body = JSON.parse(Buffer.from(f.payload ?? new Uint8Array()).toString("utf8")) as { code: number; data?: string };
      const response = body.data ? (JSON.parse(Buffer.from(body.data, "base64").toString("utf8")) as Record<string, unknown>) : null;
      this.acks.push({ frameId: headers.message_id ?? "", code: body.code, response, headers });
      this.timeline.push(`ack:${headers.message_id ?? ""}`);
    }
  }

  private encode(f: { method: number; headers: Record<string, string>; payload?: string | Uint8Array }): Uint8Array {
    const seq = ++this.frameSeq;
    const payload = typeof f.payload === "string" ? Buffer.from(f.payload, "utf8") : f.payload;
    return Frame.encode(
      Frame.create({
        SeqID: seq,
        LogID: seq,
        service: this.serviceId,
        method: f.method,
        headers: Object.entries(f.headers).map(([key, value]) => ({ key, value })),
        ...(payload ? { payload } : {}),
      }),
    ).finish();
  }

  /** Pushes an event's JSON to every open connection as data frames (`fragments` of them); returns the frame's message_id. */
  push(event: Record<string, unknown>, fragments = 1): string {
    if (!this.sockets.size) throw new Error("no long connection is open");
    const frameId = `frame_${++this.frameSeq}`;
    const bytes = Buffer.from(JSON.stringify(event), "utf8");
    const size = Math.ceil(bytes.length / fragments);
    for (const socket of this.sockets)
      for (let i = 0; i < fragments; i++) {
        const headers = { type: "event", message_id: frameId, sum: String(fragments), seq: String(i), trace_id: `trace-${frameId}` };
        socket.send(this.encode({ method: DATA, headers, payload: bytes.subarray(i * size, (i + 1) * size) }));
      }
    return frameId;
  }

  /** Sends an im.message.receive_v1 text message over the long connection; returns the frame id, event id and message id. */
  sendMessage(text: string, o: Omit<DeliverOptions, "signWith"> & { fragments?: number } = {}): { frameId: string; eventId: string; messageId: string } {
    const { payload, eventId, messageId } = this.messageEvent(text, o);
    return { frameId: this.push(payload, o.fragments), eventId, messageId };
  }

  /** Presses a button on a card over the long connection; resolves with the acknowledgement (its response is the toast). */
  async pressButton(reply: FeishuReply, value: unknown, o: PressOptions = {}): Promise<WsAck> {
    const frameId = this.push(this.cardActionEvent(reply, value, o).payload);
    return this.waitForAck(frameId);
  }

  /** Waits for the acknowledgement of the frame `frameId`. */
  async waitForAck(frameId: string, ms = WAIT_MS): Promise<WsAck> {
    const until = Date.now() + ms;
    for (;;) {
      const ack = this.acks.find((a) => a.frameId === frameId);
      if (ack) return ack;
      if (Date.now() > until) throw new Error(`no acknowledgement of ${frameId}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Waits until `count` connections have been opened in all and the newest is
   * listening: the SDK attaches its frame handler a moment after the socket
   * opens (a frame pushed before is lost), and pings from the same moment, so
   * a ping on it says it is ready.
   */
  async waitForConnections(count: number, ms = WAIT_MS): Promise<void> {
    const until = Date.now() + ms;
    while (this.connections < count || this.pingedConnections < count) {
      if (Date.now() > until) throw new Error(`expected ${count} long connections in use, got ${this.connections} opened, ${this.pingedConnections} pinged`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Drops every open connection from the server side (the SDK then reconnects). */
  dropConnections(): void {
    for (const s of this.sockets) s.terminate();
  }

  override async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
    await super.close();
  }
}
