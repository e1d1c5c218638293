import { nestQuotes } from "../../src/answer/reference.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine, type MinutesEngine } from "../../src/answer/engine.js";
import { EXPORT_TEXT } from "../../src/answer/texts.js";
import { answerDocx } from "../../src/export/docx.js";
import { readDocx } from "../../src/minutes/readers/docx.js";
import { listZip } from "../../src/minutes/readers/zip.js";
import { makeCorpus, type TempCorpus } from "../helpers/corpus.js";

let corpus: TempCorpus;
let engine: MinutesEngine;

beforeAll(async () => {
  corpus = makeCorpus();
  engine = await openEngine({ config: corpus.config });
});
afterAll(() => corpus.cleanup());

/** The text Word shows, read back with the project's own DOCX reader (unzip + document.xml). */
async function docText(buf: Buffer): Promise<string> {
  return (await readDocx(buf, "answer.docx")).text;
}

describe("answerDocx", () => {
  it("writes a Word file holding the question, the answer with [n] markers and the numbered references, quotes exact", async () => {
    const a = await engine.ask("交通规划强调了什么");
    expect(a.citations.length).toBe(3);
    const buf = await answerDocx(a);
    expect(listZip(buf).map((e) => e.name)).toEqual(expect.arrayContaining(["word/document.xml", "[Content_Types].xml"]));
    const text = await docText(buf);
    const lines = text.split("\n");
    expect(lines).toContain(`${EXPORT_TEXT.question}：交通规划强调了什么`);
    for (const p of a.answer.split("\n").filter((l) => l.trim())) expect(lines).toContain(p.trim());
    for (const c of a.citations) {
      expect(lines).toContain(`[${c.n}] ${c.reference}`);
      expect(c.reference.endsWith(`：“${nestQuotes(c.quote.replace(/^（[一二三四五六七八九十]+）/, ""))}”`), c.reference).toBe(true);
    }
    // Headings in reading order: question, answer, references.
    expect(text.indexOf(EXPORT_TEXT.answer)).toBeLessThan(text.indexOf(`[1] ${a.citations[0].reference}`));
  });

  it("shortens quotes only when asked, and marks them", async () => {
    const a = await engine.ask("交通规划强调了什么");
    const text = await docText(await answerDocx(a, { maxQuoteChars: 16 }));
    expect(text).toContain("……");
    expect(text).toContain("（引文有删节）");
    // The answer above still quotes in full; the references below are shortened.
    expect(text.slice(text.indexOf(`[1] 《`))).not.toContain(a.citations[1].quote);
  });

  it("exports a not-found answer without references", async () => {
    const a = await engine.ask("会议讨论了垃圾分类工作吗？");
    const text = await docText(await answerDocx(a));
    expect(text).toContain("未找到");
    expect(text).not.toContain(`\n${EXPORT_TEXT.references}\n`);
  });
});
