// @ts-check
// The page's HTTP calls and the wording of their failures.

export class ApiFailure extends Error {
  /** @param {number} status @param {string} message @param {string | null} [retryAfter] */
  constructor(status, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/** A short Chinese sentence for a failed request. @param {any} err */
export function failureText(err) {
  if (err instanceof ApiFailure) {
    if (err.status === 429) return `提问太频繁了，请${err.retryAfter ? ` ${err.retryAfter} 秒后` : "稍后"}再试。`;
    if (err.status === 413) return "问题或对话太长了，请缩短问题或点「新对话」重新开始。";
    if (err.status === 400) return `无法处理这个问题：${err.message}`;
    if (err.status === 404) return "没有找到这份纪要或议题。";
    if (err.status === 502 || err.status === 503) return err.message || "服务暂时不可用，请稍后再试。";
    return "服务出错了，请稍后再试。";
  }
  if (err && err.name === "AbortError") return "已取消。";
  return "无法连接服务器，请检查网络后再试。";
}

/** @param {Response} res */
export async function failureFrom(res) {
  let message = "";
  try {
    const body = await res.json();
    message = body?.error?.message ?? "";
  } catch {
    /* not JSON */
  }
  return new ApiFailure(res.status, message, res.headers.get("Retry-After"));
}

/** @param {string} path */
export async function getJson(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  if (!res.ok) throw await failureFrom(res);
  return res.json();
}

/** @param {string} path @param {unknown} body */
export async function postJson(path, body) {
  const res = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw await failureFrom(res);
  return res.json();
}

/**
 * Asks through the streaming endpoint: `onDelta(text)` for LLM text as it arrives; resolves to the final Answer.
 * @param {string} question @param {unknown[]} history @param {(text: string) => void} onDelta
 * @returns {Promise<any>}
 */
export async function askStreaming(question, history, onDelta) {
  const res = await fetch("/api/ask/stream", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify({ question, history }),
  });
  if (!res.ok || !res.body) throw await failureFrom(res);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let final = null;
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value ?? new Uint8Array(), { stream: !done });
    let cut;
    while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
      let event = "message";
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (!data.length) continue;
      const payload = JSON.parse(data.join("\n"));
      if (event === "delta") onDelta(payload.text ?? "");
      else if (event === "final") final = payload;
      else if (event === "error") throw new ApiFailure(payload.code === "input_invalid" ? 400 : 503, payload.message ?? "");
    }
    if (done) break;
  }
  if (!final) throw new ApiFailure(500, "");
  return final;
}
