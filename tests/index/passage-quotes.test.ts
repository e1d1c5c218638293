/**
 * A quote is what a reader sees in the source: every passage of every fixture
 * is an exact excerpt of the file as decoded, with its furniture left in,
 * compared after folding only whitespace and line breaks.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPassages } from "../../src/index/passages.js";
import { foldCompatibility } from "../../src/minutes/compat.js";
import { parseRecords } from "../../src/minutes/parse.js";
import { FIXTURES, ROOT } from "../helpers/paths.js";

const DIRS = [join(FIXTURES, "records"), join(FIXTURES, "minutes"), join(ROOT, "data/minutes")];
const files = DIRS.flatMap((d) =>
  readdirSync(d, { withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith(".txt"))
    .map((f) => join(d, f.name)),
);

/**
 * The source as a reader sees it: the same character decoding as the reader (BOM, line ends, radicals folded to
 * ideographs, invisible characters and broken ones dropped, markdown emphasis markers not shown), whitespace folded.
 */
function seen(raw: string): string {
  return foldCompatibility(raw.replace(/^\ufeff/, ""))
    .replace(/[\u200b-\u200d\u2060\ufeff\ufffd]/g, "")
    .replace(/\*\*|__/g, "")
    .replace(/\s+/g, "");
}

describe.each(files)("passages of %s", (file) => {
  const raw = readFileSync(file, "utf8");
  let records: ReturnType<typeof parseRecords> = [];
  try {
    records = parseRecords(raw, { path: file });
  } catch {
    // A refused file (mojibake) has no passages.
  }
  it("are exact excerpts of the source: no quote runs across removed text", () => {
    const source = seen(raw);
    for (const m of records) {
      for (const p of buildPassages(m)) {
        const quote = m.text.slice(p.start, p.end).replace(/\s+/g, "");
        expect(source.includes(quote), `«${quote.slice(0, 60)}» (${p.kind} ${p.section})`).toBe(true);
      }
    }
  });
});

describe("a clutter line between a headline and the first sentence", () => {
  const raw = [
    "县长李明主持召开县政府第35次常务会议",
    "来源：县政府办公室 发布时间：2023-04-21 09:30",
    "4月20日下午，县长李明主持召开县政府第35次常务会议。会议审议通过了《县城供水管网改造方案》。",
    "会议强调，要加快项目建设进度。",
  ].join("\n");
  const [m] = parseRecords(raw, { path: "r.txt" });

  it("is a seam: the header passage stops before it and the next starts after it", () => {
    expect(m.reading).toBe("meeting");
    // The row itself is kept after the body, behind a seam of its own: a quote of the body never runs into it.
    expect(m.seams).toEqual([m.text.indexOf("4月20日"), m.text.indexOf("来源：")]);
    expect(m.text.endsWith("发布时间：2023-04-21 09:30")).toBe(true);
    const passages = buildPassages(m);
    const source = seen(raw);
    for (const p of passages) expect(source).toContain(m.text.slice(p.start, p.end).replace(/\s+/g, ""));
    const quotes = passages.filter((p) => p.kind === "header").map((p) => m.text.slice(p.start, p.end));
    expect(quotes).toContain("县长李明主持召开县政府第35次常务会议");
    expect(quotes.some((q) => q.startsWith("4月20日下午"))).toBe(true);
  });
});
