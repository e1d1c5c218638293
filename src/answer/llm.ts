import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";
import type { Config } from "../config.js";
import { redactSecrets, type Logger } from "../log.js";
import type { Retriever } from "../retrieval/retriever.js";
import { citePassage } from "./citations.js";
import type { Access, Answer, Citation, Turn } from "./types.js";

/** What the model must return: the answer, the excerpt numbers it relied on, and whether it found one. */
export const LlmAnswerSchema = z.object({
  answer: z.string(),
  citations: z.array(z.number().int()),
  found: z.boolean(),
});

export interface Prompts {
  system: string;
  user: string;
  rewriteSystem: string;
  rewriteUser: string;
}

/** The prompts/ folder of this package, wherever the process runs from. */
export const PROMPTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "prompts");

export function loadPrompts(dir = PROMPTS_DIR): Prompts {
  const read = (f: string) => readFileSync(join(dir, f), "utf8");
  return { system: read("answer.system.md"), user: read("answer.user.md"), rewriteSystem: read("rewrite.system.md"), rewriteUser: read("rewrite.user.md") };
}

const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

/** Keeps delimiters in data from closing our tags early. */
const neutralize = (s: string) => s.replace(/<\/?(excerpts|question|history)>/gi, (t) => t.replace(/</g, "‹").replace(/>/g, "›"));

interface LlmContext {
  access: Access;
  history?: Turn[];
  retriever: Retriever;
  /** The extractive answer, used when the model fails or cites nothing valid. */
  fallback: Answer;
  signal?: AbortSignal;
}

export const FALLBACK_NOTICE = "大模型暂不可用或未给出有效引用，以下为原文摘录答案。";

/**
 * The optional LLM answerer (any OpenAI-compatible endpoint). It answers from
 * numbered excerpts; citations are verified in code and anything unverifiable
 * falls back to the extractive answer.
 */
export class LlmAnswerer {
  private readonly model: ChatOpenAI;
  private readonly prompts: Prompts;

  constructor(
    private readonly config: Config,
    private readonly log: Logger,
    prompts?: Prompts,
  ) {
    this.prompts = prompts ?? loadPrompts();
    this.model = new ChatOpenAI({
      model: config.LLM_MODEL!,
      apiKey: config.LLM_API_KEY ?? "not-needed",
      configuration: { baseURL: config.LLM_BASE_URL },
      temperature: 0,
      maxRetries: 1,
      timeout: config.LLM_TIMEOUT_MS,
    });
  }

  private signal(outer?: AbortSignal): AbortSignal {
    const t = AbortSignal.timeout(this.config.LLM_TIMEOUT_MS);
    return outer ? AbortSignal.any([outer, t]) : t;
  }

  private fallback(ctx: LlmContext, why: unknown): Answer {
    this.log.warn("llm answer fell back to extractive", { reason: redactSecrets(why instanceof Error ? why.message : String(why), [this.config.LLM_API_KEY]) });
    return { ...ctx.fallback, notice: FALLBACK_NOTICE };
  }

  /** Rewrites a follow-up into a standalone question; keeps the question on any failure. */
  async rewrite(question: string, history: Turn[] | undefined, signal?: AbortSignal): Promise<string> {
    if (!history?.length) return question;
    try {
      const h = history.slice(-4).map((t) => `问：${neutralize(t.question)}${t.answer ? `\n答：${neutralize(t.answer.slice(0, 300))}` : ""}`).join("\n");
      const res = await this.model.invoke(
        [
          { role: "system", content: this.prompts.rewriteSystem },
          { role: "user", content: fill(this.prompts.rewriteUser, { history: h, question: neutralize(question) }) },
        ],
        { signal: this.signal(signal) },
      );
      const text = String(res.content).trim().split("\n")[0];
      return text && text.length <= 200 ? text : question;
    } catch {
      return question;
    }
  }

  /** Numbered excerpts: the extractive answer's quotes first, then the best passages. */
  private async excerpts(question: string, ctx: LlmContext): Promise<Omit<Citation, "n">[]> {
    const out: Omit<Citation, "n">[] = [...ctx.fallback.citations.map(({ n: _n, ...c }) => c)];
    const hits = await ctx.retriever.retrieve(question, { k: 8, access: ctx.access });
    for (const h of hits) {
      if (out.length >= 8) break;
      if (out.some((c) => c.minutesId === h.minutes.id && c.start < h.passage.end && h.passage.start < c.end)) continue;
      out.push(citePassage(h.minutes, h.passage, h.coverage));
    }
    return out;
  }

  private messages(question: string, excerpts: Omit<Citation, "n">[], plain: boolean) {
    const list = excerpts
      .map((c, i) => `[${i + 1}] ${c.title}${c.number !== null ? `第${c.number}号` : ""} ${c.meetingDate ?? ""} ${c.item ? `${c.item.label}、${c.item.title}` : ""} ${c.section}\n${neutralize(c.quote)}`)
      .join("\n\n");
    const system = plain ? `${this.prompts.system}\n7. 直接输出纯文本答案（不要输出 JSON）；无法回答时只输出“未找到”。` : this.prompts.system;
    return [
      { role: "system" as const, content: system },
      { role: "user" as const, content: fill(this.prompts.user, { excerpts: list, question: neutralize(question) }) },
    ];
  }

  /** Keeps only markers that name a retrieved excerpt, renumbered in order of first use. */
  private verify(question: string, text: string, cited: number[], excerpts: Omit<Citation, "n">[], ctx: LlmContext): Answer | null {
    const order: number[] = [];
    for (const n of [...[...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])), ...cited]) {
      if (n >= 1 && n <= excerpts.length && !order.includes(n)) order.push(n);
    }
    if (order.length === 0) return null;
    const renumber = new Map(order.map((n, i) => [n, i + 1]));
    const answer = text.replace(/\[(\d+)\]/g, (_m, d: string) => (renumber.has(Number(d)) ? `[${renumber.get(Number(d))}]` : "")).trim();
    const citations = order.map((n, i) => ({ ...excerpts[n - 1], n: i + 1 }));
    return { question, mode: "llm", intent: ctx.fallback.intent, found: true, answer, citations, focus: ctx.fallback.focus ?? (citations[0].item ? { minutesId: citations[0].minutesId, ordinal: citations[0].item.ordinal } : null) };
  }

  async answer(question: string, ctx: LlmContext): Promise<Answer> {
    try {
      const standalone = await this.rewrite(question, ctx.history, ctx.signal);
      const excerpts = await this.excerpts(standalone, ctx);
      if (excerpts.length === 0) return ctx.fallback;
      const structured = this.model.withStructuredOutput(LlmAnswerSchema, { name: "answer" });
      const out = await structured.invoke(this.messages(standalone, excerpts, false), { signal: this.signal(ctx.signal) });
      if (!out.found || /^未找到/.test(out.answer.trim())) return ctx.fallback;
      return this.verify(question, out.answer, out.citations, excerpts, ctx) ?? this.fallback(ctx, "no valid citation");
    } catch (err) {
      return this.fallback(ctx, err);
    }
  }

  async *stream(question: string, ctx: LlmContext): AsyncIterable<{ delta: string } | { final: Answer }> {
    let text = "";
    try {
      const standalone = await this.rewrite(question, ctx.history, ctx.signal);
      const excerpts = await this.excerpts(standalone, ctx);
      if (excerpts.length === 0) {
        yield { final: ctx.fallback };
        return;
      }
      for await (const chunk of await this.model.stream(this.messages(standalone, excerpts, true), { signal: this.signal(ctx.signal) })) {
        const delta = typeof chunk.content === "string" ? chunk.content : "";
        if (!delta) continue;
        text += delta;
        yield { delta };
      }
      if (/^\s*未找到/.test(text)) {
        yield { final: ctx.fallback };
        return;
      }
      yield { final: this.verify(question, text, [], excerpts, ctx) ?? this.fallback(ctx, "no valid citation") };
    } catch (err) {
      yield { final: this.fallback(ctx, err) };
    }
  }
}
