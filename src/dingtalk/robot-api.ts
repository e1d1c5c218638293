/**
 * The DingTalk (钉钉) robot's proactive sends, for when there is no message to
 * reply to (the ledger digest): the new OpenAPI at DINGTALK_API_URL with the
 * app's access token (POST /v1.0/oauth2/accessToken with the Client ID and
 * Secret, cached, sent as x-acs-dingtalk-access-token), then
 * /v1.0/robot/groupMessages/send to a group (its openConversationId) or
 * /v1.0/robot/oToMessages/batchSend to users (staffIds), as sampleMarkdown.
 * The robotCode of an enterprise app's robot is its Client ID (AppKey).
 * dingtalk-stream has no client for these (its getAccessToken reads a fixed
 * host), so they are plain fetches, like the session webhook's.
 */
import type { AttemptResult } from "../chat/retry.js";
import { sendWithRetry } from "../chat/retry.js";
import type { DingTalkMarkdown } from "./channel.js";

/** Error codes of the OpenAPI meaning «later» (throttled, busy). */
const BUSY_CODES = new Set(["Forbidden.AccessDenied.QpsLimitForApi", "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", "ServiceUnavailable"]);

/** Where a proactive message goes: a group, or one user's private chat with the robot. */
export type RobotRecipient = { group: string } | { user: string };

export interface RobotSender {
  send(to: RobotRecipient, md: DingTalkMarkdown): Promise<void>;
}

export function robotSender(o: { apiUrl: string; clientId: string; clientSecret: string }, retry: { attempts: number; delayMs: number }): RobotSender {
  let cached: { token: string; until: number } | null = null;
  const accessToken = async (): Promise<string> => {
    if (cached && Date.now() < cached.until) return cached.token;
    const res = await fetch(`${o.apiUrl}/v1.0/oauth2/accessToken`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ appKey: o.clientId, appSecret: o.clientSecret }),
    });
    const body = (await res.json().catch(() => ({}))) as { accessToken?: string; expireIn?: number; code?: string; message?: string };
    if (!res.ok || !body.accessToken)
      throw new Error(`accessToken failed: HTTP ${res.status} ${body.code ?? ""} (check DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET)`);
    cached = { token: body.accessToken, until: Date.now() + Math.max(60, (body.expireIn ?? 7200) - 300) * 1000 };
    return cached.token;
  };

  const attempt = async (to: RobotRecipient, md: DingTalkMarkdown): Promise<AttemptResult> => {
    try {
      const [path, target] = "group" in to ? ["groupMessages/send", { openConversationId: to.group }] : ["oToMessages/batchSend", { userIds: [to.user] }];
      const res = await fetch(`${o.apiUrl}/v1.0/robot/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-acs-dingtalk-access-token": await accessToken() },
        body: JSON.stringify({ robotCode: o.clientId, ...target, msgKey: "sampleMarkdown", msgParam: JSON.stringify(md) }),
      });
      if (res.ok) return { ok: true };
      const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
      const why = `HTTP ${res.status} ${body.code ?? ""}: ${body.message ?? ""}`;
      // An expired or revoked token: fetch a new one and try again.
      if (res.status === 401) cached = null;
      return { ok: false, retryable: res.status === 401 || res.status === 429 || res.status >= 500 || BUSY_CODES.has(body.code ?? ""), why };
    } catch (e) {
      return { ok: false, retryable: true, why: (e as Error).message };
    }
  };
  return { send: (to, md) => sendWithRetry("robot message", () => attempt(to, md), retry) };
}
