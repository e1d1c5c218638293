import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MinutesQuestionSchema } from "../../src/answer/evaluate.js";
import { generateCorpus, MAX_DOC_BYTES, MIN_DOC_BYTES, writeCorpus, type GeneratedDoc } from "../../bench/corpus.js";
import { readMinutesFile } from "../../src/minutes/read.js";
import { parseMinutes } from "../../src/minutes/parse.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function collect(docs: number, seed: number | string, questions?: number) {
  const out: GeneratedDoc[] = [];
  const res = await generateCorpus({ docs, seed, questions }, (d) => void out.push(d));
  return { docs: out, ...res };
}

describe("benchmark corpus generator", () => {
  it("writes minutes the parser reads, in the shapes and sizes the issue asks for, and valid questions", async () => {
    const out = mkdtempSync(join(tmpdir(), "minutes-corpus-"));
    dirs.push(out);
    const res = await writeCorpus({ docs: 5, out, seed: 7, internalRatio: 0.4 });
    const years = readdirSync(join(out, "minutes"));
    const files = years.flatMap((y) => readdirSync(join(out, "minutes", y)).map((f) => join(out, "minutes", y, f)));
    expect(files).toHaveLength(5);
    const parsed = await Promise.all(files.map((f) => readMinutesFile(f)));
    for (const [i, m] of parsed.entries()) {
      const bytes = readFileSync(files[i]).length;
      expect(bytes).toBeGreaterThanOrEqual(MIN_DOC_BYTES);
      expect(bytes).toBeLessThanOrEqual(MAX_DOC_BYTES);
      expect(m.items.length).toBeGreaterThanOrEqual(6);
      expect(m.items.length).toBeLessThanOrEqual(15);
      expect(m.kind).toMatch(/^(常务|办公|专题)会议纪要$/);
      expect(m.attendance?.present.length).toBeGreaterThan(2);
      expect(m.attendance?.attending.length).toBeGreaterThan(2);
      expect(m.meeting.chair).toBeTruthy();
      expect(m.number).not.toBeNull();
      // 会议认为 / 强调 clauses with 2–5 numbered points.
      const kinds = m.items.flatMap((it) => it.sections.map((s) => s.kind));
      expect(kinds).toContain("report");
      expect(kinds).toContain("opinion");
      expect(kinds).toContain("decision");
      const emphasis = m.items.flatMap((it) => it.sections.filter((s) => s.kind === "emphasis"));
      expect(emphasis.length).toBeGreaterThan(0);
      for (const s of emphasis) {
        expect(s.points.length).toBeGreaterThanOrEqual(2);
        expect(s.points.length).toBeLessThanOrEqual(5);
      }
    }
    expect(new Set(parsed.map((m) => m.id)).size).toBe(5);
    expect(res.summary).toMatchObject({ docs: 5, rejected: 0 });

    const lines = readFileSync(join(out, "questions.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(res.summary.questions);
    expect(lines.length).toBeGreaterThan(10);
    const byId = new Map(parsed.map((m) => [m.id, m]));
    const kinds = new Set<string>();
    for (const q of lines) {
      expect(MinutesQuestionSchema.safeParse(q).success).toBe(true);
      const m = byId.get(q.minutesId);
      expect(m, q.id).toBeDefined();
      expect(m!.number).toBe(q.minutesNumber);
      kinds.add(q.kind);
      if (q.kind === "meta") {
        expect(q.items).toEqual([]);
        expect(m!.text).toContain(q.must[0].replace(/(\d{4})年(\d+)月(\d+)日/, "$1年$2月$3日"));
      } else {
        expect(q.items).toHaveLength(1);
        const item = m!.items[q.items[0] - 1];
        for (const phrase of q.must) expect(item.text, `${q.id} ${q.q}`).toContain(phrase);
      }
    }
    expect([...kinds].sort()).toEqual(["decision", "emphasis", "meta", "topic", "unit"]);
  });

  it("is reproducible: the same seed gives the same corpus, another seed another", async () => {
    const a = await collect(4, "s1", 12);
    const b = await collect(4, "s1", 12);
    const c = await collect(4, "s2", 12);
    expect(b.docs.map((d) => d.text)).toEqual(a.docs.map((d) => d.text));
    expect(b.docs.map((d) => d.file)).toEqual(a.docs.map((d) => d.file));
    expect(b.questions).toEqual(a.questions);
    expect(c.docs.map((d) => d.text)).not.toEqual(a.docs.map((d) => d.text));
    // Every document is minutes by the production parser's reading.
    for (const d of a.docs) expect(parseMinutes(d.text, { path: d.file }).items.length).toBe(d.minutes.items.length);
  });

  it("mixes public and internal minutes by the ratio asked for", async () => {
    const mixed = await collect(20, 3, 0);
    expect(mixed.summary.internal).toBe(mixed.docs.filter((d) => d.minutes.visibility === "internal").length);
    expect(mixed.summary.internal).toBeGreaterThan(0);
    expect(mixed.summary.internal).toBeLessThan(20);
    const all = await generateCorpus({ docs: 10, seed: 3, internalRatio: 1, questions: 0 }, () => {});
    expect(all.summary.internal).toBe(10);
    const pub = await generateCorpus({ docs: 10, seed: 3, internalRatio: 0, questions: 0 }, () => {});
    expect(pub.summary.internal).toBe(0);
  });
});
