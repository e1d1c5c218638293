/**
 * How a WeCom (企业微信) self-built application sends: message/send with a
 * cached access_token (refreshed when WeCom calls it invalid), as markdown
 * split under WeCom's 2,048-byte limit. The callback's answers and the ledger
 * digest both send through it.
 */
import { sendWithRetry } from "../chat/retry.js";
import type { Config } from "../config.js";
import { BUSY_ERRCODES, postToWeCom } from "./api-post.js";
import { splitMarkdown } from "./markdown.js";

/** errcodes of an invalid access_token: refreshed, then tried again. */
const TOKEN_INVALID = new Set([40014, 42001, 41001]);
/** WeCom caps an application's markdown content at 2,048 bytes. */
export const MARKDOWN_BYTES = 2000;

export interface WeComAppSender {
  /** Sends markdown to a member's private chat with the application (`user`: their userid), in parts. */
  send(user: string, markdown: string): Promise<void>;
}

type AppConfig = Pick<Config, "WECOM_API_URL" | "WECOM_CORP_ID" | "WECOM_SECRET" | "WECOM_AGENT_ID">;

/** The application's sender (WECOM_CORP_ID, WECOM_SECRET, WECOM_AGENT_ID at WECOM_API_URL). */
export function weComAppSender(config: AppConfig, retry: { attempts: number; delayMs: number }): WeComAppSender {
  const { WECOM_CORP_ID: corpId, WECOM_SECRET: secret, WECOM_AGENT_ID: agentId } = config;
  if (!corpId || !secret || !agentId) throw new Error("WECOM_CORP_ID, WECOM_AGENT_ID and WECOM_SECRET are not all set");

  // access_token, cached until shortly before it expires; refreshed when WeCom says it is invalid.
  let cached: { token: string; until: number } | null = null;
  const accessToken = async (): Promise<string> => {
    if (cached && Date.now() < cached.until) return cached.token;
    const res = await fetch(`${config.WECOM_API_URL}/cgi-bin/gettoken?corpid=${encodeURIComponent(corpId)}&corpsecret=${encodeURIComponent(secret)}`);
    const body = (await res.json()) as { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number };
    if (!res.ok || body.errcode || !body.access_token)
      throw new Error(`gettoken failed: ${body.errcode ?? res.status} ${body.errmsg ?? ""} (check WECOM_CORP_ID and WECOM_SECRET)`);
    cached = { token: body.access_token, until: Date.now() + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000 };
    return cached.token;
  };

  const sendOne = (user: string, content: string) =>
    sendWithRetry(
      "message/send",
      () =>
        postToWeCom(
          async () => `${config.WECOM_API_URL}/cgi-bin/message/send?access_token=${encodeURIComponent(await accessToken())}`,
          { touser: user, msgtype: "markdown", agentid: Number(agentId), markdown: { content } },
          (errcode) => {
            if (!TOKEN_INVALID.has(errcode)) return BUSY_ERRCODES.has(errcode);
            cached = null;
            return true;
          },
        ),
      retry,
    );
  return {
    async send(user, markdown) {
      for (const part of splitMarkdown(markdown, MARKDOWN_BYTES)) await sendOne(user, part);
    },
  };
}
