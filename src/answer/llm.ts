import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { createRedactor, secretsOf } from "../redact.js";
import type { Retriever } from "../retrieval/retriever.js";
import { LLM_NOTICES } from "../messages.js";
import { citePassage } from "./citations.js";
import { knownNames } from "./known-names.js";
import { neutralizeMarkers } from "./markers.js";
import { SentenceBuffer, splitSentences } from "./sentences.js";
import { SentenceVerifier } from "./verified-answer.js";
import { hasPlantedInstruction } from "./planted-instruction.js";
import { NO_CITATION } from "./support.js";
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

/**
 * The optional LLM answerer (any OpenAI-compatible endpoint). It answers from
 * numbered excerpts; every sentence is verified in code against the excerpts it
 * cites (unsupported ones are dropped, also from the stream), and an answer
 * left with none falls back to the extractive answer.
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

  /** One question's time budget: the rewrite and the answer together get LLM_TIMEOUT_MS, not each. */
  private budget(outer?: AbortSignal): AbortSignal {
    const t = AbortSignal.timeout(this.config.LLM_TIMEOUT_MS);
    return outer ? AbortSignal.any([outer, t]) : t;
  }

  private fallback(ctx: LlmContext, why: unknown, notice: string = LLM_NOTICES.fallback): Answer {
    this.log.warn("llm answer fell back to extractive", { reason: createRedactor(secretsOf(this.config))(why instanceof Error ? why.message : String(why)) });
    return { ...ctx.fallback, notice };
  }

  /** Rewrites a follow-up into a standalone question within `signal` (the question's budget); keeps the question on any failure. */
  async rewrite(question: string, history: Turn[] | undefined, signal: AbortSignal): Promise<string> {
    if (!history?.length) return question;
    try {
      const h = history
        .slice(-4)
        .map((t) => `问：${neutralize(t.question)}${t.answer ? `\n答：${neutralize(t.answer.slice(0, 300))}` : ""}`)
        .join("\n");
      const res = await this.model.invoke(
        [
          { role: "system", content: this.prompts.rewriteSystem },
          { role: "user", content: fill(this.prompts.rewriteUser, { history: h, question: neutralize(question) }) },
        ],
        { signal },
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
      // A passage carrying a planted instruction is never shown to the model.
      if (hasPlantedInstruction(h.minutes.text.slice(h.passage.start, h.passage.end))) continue;
      if (out.some((c) => c.minutesId === h.minutes.id && c.start < h.passage.end && h.passage.start < c.end)) continue;
      out.push(citePassage(h.minutes, h.passage, h.coverage));
    }
    return out;
  }

  private messages(question: string, excerpts: Omit<Citation, "n">[], plain: boolean) {
    const list = excerpts
      .map(
        (c, i) =>
          `[${i + 1}] ${c.title}${c.number !== null ? `第${c.number}号` : ""} ${c.meetingDate ?? ""} ${c.item ? `${c.item.label}、${c.item.title}` : ""} ${c.section}\n${neutralize(neutralizeMarkers(c.quote))}`,
      )
      .join("\n\n");
    const system = plain ? `${this.prompts.system}\n7. 直接输出纯文本答案（不要输出 JSON）；无法回答时只输出“未找到”。` : this.prompts.system;
    return [
      { role: "system" as const, content: system },
      { role: "user" as const, content: fill(this.prompts.user, { excerpts: list, question: neutralize(question) }) },
    ];
  }

  private verifier(excerpts: Omit<Citation, "n">[], ctx: LlmContext, declared: number[] = []): SentenceVerifier {
    return new SentenceVerifier(excerpts, knownNames(ctx.retriever.index.minutes, ctx.retriever.lexicon, ctx.access), declared);
  }

  /** The answer made of the verified sentences; the extractive answer with a notice when none is left. */
  private finish(question: string, v: SentenceVerifier, ctx: LlmContext): Answer {
    for (const d of v.dropped) this.log.warn("llm sentence dropped: not supported by its excerpt", { reason: d.reason, chars: d.sentence.length });
    const r = v.result();
    if (!r) {
      const cited = v.dropped.some((d) => d.reason !== NO_CITATION);
      return cited ? this.fallback(ctx, "no sentence supported by its excerpts", LLM_NOTICES.unsupported) : this.fallback(ctx, "no valid citation");
    }
    const focus = ctx.fallback.focus ?? (r.citations[0].item ? { minutesId: r.citations[0].minutesId, ordinal: r.citations[0].item.ordinal } : null);
    return {
      question,
      mode: "llm",
      intent: ctx.fallback.intent,
      found: true,
      answer: r.text,
      citations: r.citations,
      focus,
      ...(v.dropped.length ? { notice: LLM_NOTICES.partial } : {}),
    };
  }

  async answer(question: string, ctx: LlmContext): Promise<Answer> {
    try {
      const signal = this.budget(ctx.signal);
      const standalone = await this.rewrite(question, ctx.history, signal);
      const excerpts = await this.excerpts(standalone, ctx);
      if (excerpts.length === 0) return ctx.fallback;
      const structured = this.model.withStructuredOutput(LlmAnswerSchema, { name: "answer" });
      const out = await structured.invoke(this.messages(standalone, excerpts, false), { signal });
      if (!out.found || /^未找到/.test(out.answer.trim())) return ctx.fallback;
      const v = this.verifier(excerpts, ctx, out.citations);
      for (const sentence of splitSentences(out.answer, true).sentences) v.accept(sentence);
      return this.finish(question, v, ctx);
    } catch (err) {
      return this.fallback(ctx, err);
    }
  }

  async *stream(question: string, ctx: LlmContext): AsyncIterable<{ delta: string } | { final: Answer }> {
    let text = "";
    try {
      const signal = this.budget(ctx.signal);
      const standalone = await this.rewrite(question, ctx.history, signal);
      const excerpts = await this.excerpts(standalone, ctx);
      if (excerpts.length === 0) {
        yield { final: ctx.fallback };
        return;
      }
      // Only verified sentences are streamed: text is held back until its sentence ends and checks out.
      const v = this.verifier(excerpts, ctx);
      const buffer = new SentenceBuffer();
      for await (const chunk of await this.model.stream(this.messages(standalone, excerpts, true), { signal })) {
        const delta = typeof chunk.content === "string" ? chunk.content : "";
        if (!delta) continue;
        text += delta;
        for (const sentence of buffer.push(delta)) {
          const kept = v.accept(sentence);
          if (kept) yield { delta: kept };
        }
      }
      if (/^\s*未找到/.test(text)) {
        yield { final: ctx.fallback };
        return;
      }
      for (const sentence of buffer.end()) {
        const kept = v.accept(sentence);
        if (kept) yield { delta: kept };
      }
      yield { final: this.finish(question, v, ctx) };
    } catch (err) {
      yield { final: this.fallback(ctx, err) };
    }
  }
}
