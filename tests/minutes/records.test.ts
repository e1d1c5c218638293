/**
 * The record fixtures (tests/fixtures/records): fictional meeting records in
 * every published shape, each with the facts a parser must read from it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DocumentError } from "../../src/errors.js";
import { buildPassages } from "../../src/index/passages.js";
import { bodyEnd, parseRecords } from "../../src/minutes/parse.js";
import { MinutesSchema, type Minutes } from "../../src/minutes/schema.js";
import { toSimplified } from "../../src/text/script.js";
import { FIXTURES, ROOT } from "../helpers/paths.js";

const DIR = join(FIXTURES, "records");

interface ExpectedTopic {
  titleContains?: string;
  documents?: string[];
  decisions?: string[];
  responsibleUnits?: string[];
  deadlines?: string[];
  amounts?: string[];
}
interface ExpectedRecord {
  shape: string;
  title?: string;
  meeting: Partial<Minutes["meeting"]>;
  number?: number | null;
  visibility: "public" | "internal";
  present?: string[];
  attending?: string[];
  topicCount?: number;
  topics?: ExpectedTopic[];
  statements?: { speaker: string; kind: string; contains: string }[];
  notQuoted?: string[];
}
/**
 * A text that records no meeting is still indexed, read as a document or plain text (`reading`, or one of several
 * when the reading depends on the document reader); an unreadable one is refused with a code (`refused`).
 */
type Expected = { reading: string | string[] } | { refused: string } | { shape: string; records: ExpectedRecord[] };

const files = readdirSync(DIR).filter((f) => f.endsWith(".txt"));
/** Facts are compared in simplified characters: a traditional record keeps its own in quotes. */
const s = (x: string | null | undefined) => (x == null ? x : toSimplified(x));

describe.each(files)("record fixture %s", (file) => {
  const path = join(DIR, file);
  const expected = JSON.parse(readFileSync(path.replace(/\.txt$/, ".expected.json"), "utf8")) as Expected;
  const raw = readFileSync(path, "utf8");

  if ("refused" in expected) {
    it("is refused with a reason naming the file", () => {
      let err: unknown;
      try {
        parseRecords(raw, { path });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DocumentError);
      expect((err as DocumentError).code).toBe(expected.refused);
      expect((err as DocumentError).message).toContain(path);
      expect((err as DocumentError).message.split("\n")).toHaveLength(1);
    });
    return;
  }
  if ("reading" in expected) {
    it("is not read as a meeting, and every paragraph of it is searchable", () => {
      const records = parseRecords(raw, { path });
      expect(records).toHaveLength(1);
      const [m] = records;
      expect([expected.reading].flat()).toContain(m.reading);
      expect(m.shape).toBe(m.reading);
      expect(m.items).toEqual([]);
      expect(m.meeting.chair).toBeNull();
      expect(m.readingWhy.join(" ")).toMatch(/^no meeting: /);
      expect(MinutesSchema.parse(m)).toEqual(m);
      const passages = buildPassages(m);
      // The body's paragraphs: a page's publication rows after it are answered from the record, not ranked.
      for (const para of m.text
        .slice(0, bodyEnd(m))
        .split("\n\n")
        .filter((x) => /[\u3400-\u9fff\w]{2}/.test(x))) {
        expect(
          passages.some((p) => m.text.slice(p.start, p.end).includes(para.slice(0, 20))),
          `«${para.slice(0, 20)}» in a passage`,
        ).toBe(true);
      }
    });
    return;
  }

  let records: Minutes[] = [];
  let error: unknown = null;
  try {
    records = parseRecords(raw, { path });
  } catch (err) {
    error = err;
  }

  it("finds each meeting of the file, in its shape", () => {
    expect(error && String(error)).toBeNull();
    expect(records.map((r) => r.shape)).toEqual(expected.records.map((r) => r.shape));
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  });

  expected.records.forEach((e, ri) => {
    describe(`record ${ri + 1}`, () => {
      const m = () => {
        expect(records[ri], "the record was parsed").toBeDefined();
        return records[ri];
      };

      it("reads the meeting, number and visibility", () => {
        for (const [k, v] of Object.entries(e.meeting)) {
          const got = m().meeting[k as keyof Minutes["meeting"]];
          expect(typeof got === "string" ? s(got) : got, `meeting.${k}`).toBe(typeof v === "string" ? s(v) : v);
        }
        if (e.number !== undefined) expect(m().number).toBe(e.number);
        if (e.title !== undefined) expect(m().title).toBe(e.title);
        expect(m().visibility).toBe(e.visibility);
      });

      it("reads attendance", () => {
        const a = m().attendance;
        const present = s((a?.present ?? []).join("|"))!;
        const attending = s([...(a?.attending ?? []).map((x) => x.unit + x.name), ...(a?.other ?? [])].join("|"))!;
        for (const p of e.present ?? []) expect(present, "present").toContain(s(p));
        for (const p of e.attending ?? []) expect(attending, "attending").toContain(s(p));
      });

      it("finds the topics with their documents, decisions, units, deadlines and amounts", () => {
        const items = m().items;
        if (e.topicCount !== undefined)
          expect(
            items.map((i) => i.title),
            "topic titles",
          ).toHaveLength(e.topicCount);
        (e.topics ?? []).forEach((t, i) => {
          const it = items[i];
          expect(it, `topic ${i + 1}`).toBeDefined();
          if (t.titleContains) expect(s(it.title), `topic ${i + 1} title`).toContain(s(t.titleContains));
          for (const d of t.documents ?? []) expect(it.documents.map(s), `topic ${i + 1} documents`).toContain(s(d));
          for (const d of t.decisions ?? []) expect(s([it.decision, ...it.decisions, it.followUp].join("|")), `topic ${i + 1} decisions`).toContain(s(d));
          for (const u of t.responsibleUnits ?? []) expect(it.responsibleUnits.map(s), `topic ${i + 1} units`).toContain(s(u));
          for (const d of t.deadlines ?? []) expect(s(it.deadlines.join("|")), `topic ${i + 1} deadlines`).toContain(s(d));
          for (const d of t.amounts ?? []) expect(s(it.amounts.join("|")), `topic ${i + 1} amounts`).toContain(s(d));
        });
      });

      it("attributes statements to «会议» or the person who made them", () => {
        // The 听取 sentence of an opening that ends «现纪要如下：» stays in the meeting's summary.
        const summary = { text: m().summary, speaker: "会议", kind: "report" };
        const sections = [...m().items.flatMap((i) => i.sections), summary];
        for (const st of e.statements ?? []) {
          const found = sections.filter((x) => s(x.text)!.includes(s(st.contains)!));
          expect(found.length, `statement «${st.contains}»`).toBeGreaterThan(0);
          expect(
            found.map((x) => `${s(x.speaker)}/${x.kind}`),
            `statement «${st.contains}»`,
          ).toContain(`${s(st.speaker)}/${st.kind}`);
        }
      });

      it("keeps every offset exact and no page furniture in the body", () => {
        const r = m();
        expect(MinutesSchema.parse(r)).toEqual(r);
        for (const it of r.items) {
          expect(r.text.slice(it.start, it.end)).toBe(it.text);
          for (const sec of it.sections) {
            expect(r.text.slice(sec.start, sec.end)).toBe(sec.text);
            for (const p of sec.points) expect(r.text.slice(p.start, p.end)).toBe(p.text);
          }
        }
        expect(r.text.slice(r.summarySpan.start, r.summarySpan.end)).toBe(r.summary);
        // A page's publication rows are kept after the body, quotable; nowhere else.
        for (const q of e.notQuoted ?? []) expect(r.text.slice(0, bodyEnd(r)), `«${q}» in the text`).not.toContain(q);
      });
    });
  });
});

describe("a report with its attendance in a closing paragraph", () => {
  const text = [
    "李明主持召开县政府第35次常务会议",
    "发布时间：2023-04-21 09:30 来源：县政府办公室 浏览次数：356",
    "4月20日下午，县委副书记、县长李明主持召开县政府第35次常务会议。县领导张建国、王芳出席会议。",
    "会议听取了县统计局关于一季度全县经济运行情况的汇报。李明强调，一要抓项目建设，二要抓招商引资。",
    "会议还研究了其他事项。",
    "县政府办、县发改局、县财政局等单位主要负责同志列席会议。",
  ].join("\n\n");
  const [m] = parseRecords(text, { path: "report.txt" });

  it("reads the closing 列席 paragraph as attendance, not as a topic, and keeps it quotable", () => {
    expect(m.items.map((i) => i.title)).toEqual(["县统计局关于一季度全县经济运行情况", "其他事项"]);
    expect(m.attendance!.other.join("|")).toContain("县发改局");
    expect(m.text.slice(m.attendance!.start, m.attendance!.end)).toBe("县政府办、县发改局、县财政局等单位主要负责同志列席会议。");
  });

  it("takes the year from the page's 发布时间 and names the body from the headline without its chair", () => {
    expect(m.meeting).toMatchObject({ date: "2023-04-20", dateSource: "metadata", body: "县政府", session: 35, chair: "李明", chairRole: "县长" });
    expect(m.issuer).toBe("县政府");
    expect(m.items[0].sections.find((s) => s.speaker === "李明")?.points).toHaveLength(2);
  });
});

describe("a report in traditional characters", () => {
  const text = [
    "澄湖區政協召開十屆十八次主席會議",
    "2月26日下午，主席蘇立人主持召開區政協十屆十八次主席會議。區委統戰部副部長雷小青列席會議。",
    "會議審議通過了《澄湖區政協2024年協商工作計劃》《澄湖區政協2024年度重點提案遴選辦法》。",
  ].join("\n\n");
  const [m] = parseRecords(text, { path: "cppcc.txt" });

  it("keeps every fact in the record's own characters, also those composed from pieces", () => {
    expect(m.items[0].title).toBe("《澄湖區政協2024年協商工作計劃》、《澄湖區政協2024年度重點提案遴選辦法》");
    expect(m.items[0].decisions).toContain("通過《澄湖區政協2024年度重點提案遴選辦法》");
    expect(m.attendance!.other).toEqual(["列席：區委統戰部副部長雷小青"]);
    expect(m.meeting).toMatchObject({ chair: "蘇立人", chairRole: "主席", kind: "主席會議", term: "十屆", session: 18 });
    expect(m.issuer).toBe("澄湖區政協");
  });
});

describe("where a year-less meeting date takes its year from", () => {
  const report = "3月12日上午，县长王立新主持召开县政府第十五次常务会议。\n\n会议审议通过了《栖云县农村公路养护管理办法》。";

  it("a page's 发布日期, then a dated document named in the text, then the file name, then the container's creation date; else none", () => {
    const at = (text: string, source: Partial<Parameters<typeof parseRecords>[1]>) => parseRecords(text, { path: "r.txt", ...source })[0].meeting;
    expect(at(report, { published: "2023-03-13" })).toMatchObject({ date: "2023-03-12", dateSource: "metadata" });
    expect(at(report.replace("《栖云县", "《栖云县2024年"), {})).toMatchObject({ date: "2024-03-12", dateSource: "document" });
    expect(at(report, { path: "reports/2021-03-13.txt" })).toMatchObject({ date: "2021-03-12", dateSource: "filename" });
    expect(at(report, { created: "2022-05-01" })).toMatchObject({ date: "2022-03-12", dateSource: "metadata" });
    // A month later than the publication date is the year before.
    expect(at(report.replace("3月12日", "12月28日"), { published: "2023-01-05" })).toMatchObject({ date: "2022-12-28" });
    expect(at(report, {})).toMatchObject({ date: null, dateSource: null, dateText: "3月12日上午" });
  });
});

describe("reports that give no date", () => {
  it("are read when their first sentence says who convened which meeting; the date stays unknown", () => {
    const [m] = parseRecords(
      "县长李强主持召开县政府常务会议，研究部署当前重点工作。\n\n会议审议通过了《关于加快推进乡村振兴的实施意见》。会议要求，各乡镇要抓好落实。",
      { path: "r.txt" },
    );
    expect(m.meeting).toMatchObject({ chair: "李强", chairRole: "县长", body: "县政府", kind: "常务会议", date: null, dateText: null });
    expect(m.items[0].documents).toEqual(["关于加快推进乡村振兴的实施意见"]);
  });

  it("name statements made before any matter after what the meeting was convened for", () => {
    const text =
      "近日，县长赵明主持召开县政府第八次常务会议，专题研究安全生产工作。\n\n会议指出，当前安全生产形势总体平稳。\n\n赵明要求，各乡镇要抓好安全生产各项工作。";
    const [m] = parseRecords(text, { path: "r.txt" });
    expect(m.items.map((i) => i.title)).toEqual(["安全生产工作"]);
    expect(m.items[0].sections.map((s) => `${s.speaker}/${s.kind}`)).toEqual(["会议/instruction", "赵明/instruction"]);
  });

  it("a headline alone is not an opening: the text is read as plain text", () => {
    const [m] = parseRecords("县长李强主持召开县政府常务会议\n\n各乡镇要抓好落实", { path: "h.txt" });
    expect(m).toMatchObject({ reading: "text", shape: "text", items: [], title: "县长李强主持召开县政府常务会议" });
    expect(m.readingWhy[0]).toMatch(/no sentence saying a meeting was held/);
  });
});

describe("a technical README that names meetings in passing", () => {
  it("is read as a document or text, never a meeting (this repository's README.md)", () => {
    const [m, ...more] = parseRecords(readFileSync(join(ROOT, "README.md"), "utf8"), { path: "README.md" });
    expect(more).toHaveLength(0);
    expect(m.reading).not.toBe("meeting");
    expect(m.items).toEqual([]);
  });
});
