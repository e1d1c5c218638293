/**
 * Sentence verification must not cost legitimate answers: a model that quotes
 * or paraphrases the excerpt it cites keeps its sentences. Measured over the
 * seed development set with the fake OpenAI-compatible server scripted to do so.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { splitSentences } from "../../src/answer/sentences.js";
import { supportText, unsupported } from "../../src/answer/support.js";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai-server.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";
import { ROOT } from "../helpers/paths.js";

const QUESTIONS = readFileSync(join(ROOT, "tests/fixtures/eval/seed-dev.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { q: string; none?: boolean })
  .filter((x) => !x.none);

/** The excerpts of our prompt: number → quote. */
function excerpts(prompt: string): Map<number, string> {
  const block = /<excerpts>\n([\s\S]*?)\n<\/excerpts>/.exec(prompt)?.[1] ?? "";
  const out = new Map<number, string>();
  for (const part of block.split(/\n\n(?=\[\d+\] )/)) {
    const m = /^\[(\d+)\][^\n]*\n([\s\S]*)$/.exec(part);
    if (m) out.set(Number(m[1]), m[2]);
  }
  return out;
}

/** How a faithful model writes about a source sentence: quoting it, framing it, trimming it, or shortening it. */
function paraphrases(sentence: string): string[] {
  const s = sentence
    .replace(/\s+/g, "")
    .replace(/\*\*/g, "")
    .replace(/[。；;]$/, "");
  const bare = s
    .replace(/^[（(][一二三四五六七八九十\d]+[)）]/, "")
    .replace(/^会议[\u4e00-\u9fa5]{0,3}[，,]/, "")
    .replace(/^要/, "");
  const firstClauses = bare.split(/[，,]/).slice(0, 2).join("，");
  return [`${s}。`, `会议强调，${bare}。`, `会议要求${bare}。`, `其中提到，需要${firstClauses}。`];
}

let fake: FakeOpenAI;
let corpus: TempCorpus;
let engine: MinutesEngine;
let written: string[] = [];
/** Every excerpt the model was shown, for the wrong-citation control. */
const seen = new Map<string, string>();

beforeAll(async () => {
  fake = await startFakeOpenAI();
  corpus = makeCorpus({ env: { LLM_BASE_URL: fake.baseURL, LLM_MODEL: "fake-model", LLM_TIMEOUT_MS: "5000" } });
  engine = await openEngine({ config: corpus.config });
  fake.onChat((req) => {
    if (!req.stream) return { content: req.lastUserText.match(/<question>\n([\s\S]*?)\n<\/question>/)?.[1] ?? "" };
    for (const q of excerpts(req.lastUserText).values()) seen.set(q.replace(/\s+/g, ""), q);
    written = [...excerpts(req.lastUserText)].slice(0, 3).flatMap(([n, quote]) =>
      quote
        .split(/(?<=[。；;])/)
        .filter((x) => x.replace(/\s|\*/g, "").length >= 6)
        .slice(0, 3)
        .flatMap(paraphrases)
        .map((p) => p.replace(/。$/, `[${n}]。`)),
    );
    return { content: written.join("") };
  });
});
afterAll(async () => {
  await engine?.close();
  await fake?.close();
  corpus?.cleanup();
});

describe("faithful answers pass sentence verification", () => {
  it("keeps nearly every sentence that quotes or paraphrases its excerpt (seed dev set)", async () => {
    let total = 0;
    let kept = 0;
    const lost: string[] = [];
    for (const { q } of QUESTIONS) {
      let final;
      for await (const ev of engine.askStream(q)) if ("final" in ev) final = ev.final;
      const out = final!.mode === "llm" ? splitSentences(final!.answer, true).sentences.map((s) => s.trim()) : [];
      total += written.length;
      for (const w of written) {
        // Markers are renumbered in order of first use: compare the words.
        const words = (x: string) => x.replace(/\[\d+\]/g, "");
        if (out.some((o) => words(o) === words(w))) kept++;
        else lost.push(`${q}: ${w}`);
      }
    }
    console.log(`paraphrase check: ${kept} of ${total} sentences kept (${((kept / total) * 100).toFixed(1)} %) over ${QUESTIONS.length} questions`);
    for (const l of lost) console.log(`  dropped: ${l}`);
    expect(total).toBeGreaterThan(100);
    expect(kept / total).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it("rejects nearly all of the same sentences when they cite an excerpt that does not say them", () => {
    const quotes = [...seen.values()];
    let checked = 0;
    let accepted = 0;
    for (const [i, quote] of quotes.entries()) {
      const other = supportText(quotes[(i + 7) % quotes.length]);
      if (other === supportText(quote)) continue;
      for (const s of quote
        .split(/(?<=[。；;])/)
        .filter((x) => x.replace(/\s|\*/g, "").length >= 6)
        .slice(0, 3)
        .flatMap(paraphrases)) {
        if (other.includes(s.replace(/\s|\*/g, "").replace(/。$/, ""))) continue;
        checked++;
        if (unsupported(`${s}[1]`, [other]) === null) accepted++;
      }
    }
    console.log(`wrong-citation control: ${accepted} of ${checked} sentences accepted`);
    expect(checked).toBeGreaterThan(100);
    expect(accepted / checked).toBeLessThanOrEqual(0.02);
  });
});
