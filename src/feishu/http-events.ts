/**
 * Feishu's HTTP event delivery (将事件发送至开发者服务器): Feishu posts events and
 * card callbacks to FEISHU_EVENT_HOST:FEISHU_EVENT_PORT + FEISHU_EVENT_PATH. The
 * URL check is answered; events are decrypted, their signature, timestamp
 * (within 5 minutes of now) and verification token checked (a forged or
 * replayed one gets 401), and handed to the
 * dispatcher, whose return is the HTTP response.
 */
import { createServer, type Server } from "node:http";
import * as lark from "@larksuiteoapi/node-sdk";
import { listenCallback, type PendingAnswers } from "../chat/callback-server.js";
import { readBody } from "../chat/http-body.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";

/** How far a signed event's timestamp may be from now, either way: a recorded event replayed later is refused. */
export const EVENT_FRESHNESS_MS = 5 * 60_000;

/** True when the request timestamp (seconds, signed with the body) is within EVENT_FRESHNESS_MS of now, or absent. */
function fresh(header: string | string[] | undefined, now = Date.now()): boolean {
  if (header === undefined) return true;
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && Math.abs(now - seconds * 1000) <= EVENT_FRESHNESS_MS;
}

/** Listens for events; returns the endpoint's URL and a close that waits for pending answers. */
export async function listenHttpEvents(
  dispatcher: lark.EventDispatcher,
  config: Config,
  pending: PendingAnswers,
  log: Logger,
): Promise<{ url: string; close(): Promise<void> }> {
  const verificationToken = config.FEISHU_VERIFICATION_TOKEN ?? "";
  const encryptKey = config.FEISHU_ENCRYPT_KEY ?? "";
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    void (async () => {
      if (req.method !== "POST" || new URL(req.url ?? "/", "http://x").pathname !== config.FEISHU_EVENT_PATH) return send(404, { error: "not found" });
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(await readBody(req));
        if (!parsed || typeof parsed !== "object") throw new Error("not an object");
        body = parsed as Record<string, unknown>;
      } catch {
        return send(400, { error: "body must be a JSON object" });
      }
      const data = Object.assign(Object.create({ headers: req.headers }) as object, body);
      try {
        const { isChallenge, challenge } = lark.generateChallenge(data, { encryptKey });
        if (!isChallenge && !dispatcher.requestHandle?.checkIsEventValidated(data)) return send(401, { error: "bad signature" });
        if (!isChallenge && !fresh(req.headers["x-lark-request-timestamp"])) return send(401, { error: "stale event" });
        const plain = (encryptKey && body.encrypt ? JSON.parse(new lark.AESCipher(encryptKey).decrypt(String(body.encrypt))) : body) as {
          token?: string;
          schema?: string;
          header?: { token?: string };
        };
        // A v2 event carries the token in its header (a card callback's own `token` is the card's, not ours).
        const token = plain.schema ? plain.header?.token : plain.token;
        if (verificationToken && token !== verificationToken) return send(401, { error: "verification token mismatch" });
        if (isChallenge) return send(200, challenge);
      } catch {
        return send(400, { error: "cannot decrypt the event" });
      }
      send(200, (await dispatcher.invoke(data, { needCheck: false })) ?? {});
    })().catch((e: unknown) => {
      log.error("event failed", { error: (e as Error).message });
      if (!res.headersSent) send(500, { error: "internal error" });
    });
  });
  return listenCallback(
    server,
    {
      host: config.FEISHU_EVENT_HOST,
      port: config.FEISHU_EVENT_PORT,
      path: config.FEISHU_EVENT_PATH,
      variables: { host: "FEISHU_EVENT_HOST", port: "FEISHU_EVENT_PORT" },
    },
    pending,
  );
}
