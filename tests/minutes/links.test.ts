import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDocument } from "../../src/minutes/document.js";
import { type LinkableRecord, linkDocuments, normalizeTitle } from "../../src/minutes/links.js";
import { normalizeText } from "../../src/minutes/normalize.js";
import { parseMinutes } from "../../src/minutes/parse.js";
import { FIXTURES } from "../helpers/paths.js";

const DIR = join(FIXTURES, "documents");

/** A document record as ingest builds one: the normalized text and its structure, no agenda items. */
function documentRecord(id: string, raw: string): LinkableRecord {
  const n = normalizeText(raw);
  const document = readDocument(n.text, { published: n.page.published });
  expect(document, id).not.toBeNull();
  return { id, text: n.text, items: [], meeting: { date: null }, document };
}

const fixture = (name: string) => readFileSync(join(DIR, name), "utf8");
const meeting = (raw: string, path: string) => parseMinutes(raw, { path });

const bicycle = documentRecord("bicycle", fixture("shihu-bicycle-measures.txt"));
const standing = meeting(fixture("shihu-standing-2024-05.meeting.txt"), join(DIR, "shihu-standing-2024-05.meeting.txt"));

describe("normalizeTitle", () => {
  it("folds brackets, quotes, spaces, script and a draft's suffix", () => {
    expect(normalizeTitle("《石湖市公共自行车管理办法（草案）》")).toBe(normalizeTitle("石湖市公共自行车管理办法"));
    expect(normalizeTitle("石湖市公共自行車管理辦法（征求意見稿）")).toBe(normalizeTitle("石湖市公共自行车管理办法"));
    expect(normalizeTitle("南屏县“十四五” 数字经济发展规划〔2023－2027年〕")).toBe(normalizeTitle("南屏县十四五数字经济发展规划（2023—2027年）"));
    expect(normalizeTitle("石湖市公共自行车管理办法（修订草案）")).toBe(normalizeTitle("石湖市公共自行车管理办法"));
  });

  it("keeps different documents apart", () => {
    expect(normalizeTitle("石湖市共享单车管理办法")).not.toBe(normalizeTitle("石湖市公共自行车管理办法"));
    expect(normalizeTitle("石湖市公共自行车管理办法（试行）")).not.toBe(normalizeTitle("石湖市公共自行车管理办法"));
  });
});

describe("linkDocuments", () => {
  it("links the 办法 to the 常务会议 decision that passes its draft", () => {
    const links = linkDocuments([bicycle, standing]);
    expect(links).toHaveLength(1);
    const [l] = links;
    expect(l).toMatchObject({ documentId: "bicycle", minutesId: standing.id, itemOrdinal: 1, title: "石湖市公共自行车管理办法", meetingDate: "2024-05-20" });
    expect(l.decision).toContain("原则同意《石湖市公共自行车管理办法（草案）》");
    expect(standing.text.slice(l.start, l.end)).toBe(l.decision);
    // «会议审议了《…》。» names the draft but decides nothing.
    expect(l.decision).not.toContain("会议审议了");
  });

  it("links every meeting that names the document, in traditional characters and with 征求意见稿 too", () => {
    const raw =
      "石湖市人民政府召開專題會議\n\n6月3日下午，副市長周以寧主持召開專題會議，研究公共自行車運營工作。\n\n會議原則同意《石湖市公共自行車管理辦法（征求意見稿）》，由市交通運輸局會同市司法局抓緊完善。";
    const topic = meeting(raw, "/data/shihu-topic-2024-06.txt");
    expect(topic.items.length).toBeGreaterThan(0);
    const links = linkDocuments([standing, bicycle, topic]);
    expect(links.map((l) => l.minutesId).sort()).toEqual([standing.id, topic.id].sort());
    const trad = links.find((l) => l.minutesId === topic.id)!;
    expect(trad.decision).toContain("會議原則同意《石湖市公共自行車管理辦法（征求意見稿）》");
    expect(topic.text.slice(trad.start, trad.end)).toBe(trad.decision);
  });

  it("never links a similar but different title", () => {
    const raw =
      "石湖市人民政府召开第十九次常务会议\n\n6月10日上午，市长陆明远主持召开市政府第十九次常务会议。\n\n会议审议通过了《石湖市共享单车管理办法》，由市交通运输局印发实施。";
    const other = meeting(raw, "/data/shihu-standing-2024-06.txt");
    expect(other.items.length).toBeGreaterThan(0);
    expect(linkDocuments([bicycle, other])).toEqual([]);
  });

  it("links a decision to the document a 关于印发 notice prints", () => {
    const notice = documentRecord("renovation", fixture("tongjiang-renovation-notice.txt"));
    const raw =
      "桐江区人民政府召开第二十二次常务会议\n\n8月28日上午，区长沈清和主持召开区政府第二十二次常务会议。\n\n会议听取了区住房和城乡建设局关于老旧小区改造工作的汇报，原则同意《桐江区老旧小区改造实施方案（送审稿）》，由区政府印发实施。";
    const m = meeting(raw, "/data/tongjiang-standing-2023-08.txt");
    const links = linkDocuments([notice, m]);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ documentId: "renovation", title: "桐江区老旧小区改造实施方案" });
  });
});

describe("linkDocuments over stored records", () => {
  it("reads no meeting's structure or text when the archive holds no document (a stored record loads them on first use)", () => {
    const untouchable = (id: string): LinkableRecord =>
      Object.defineProperties({ id, meeting: { date: null }, reading: "meeting" as const } as LinkableRecord, {
        document: { get: () => expect.unreachable(`${id}.document was read`) },
        items: { get: () => expect.unreachable(`${id}.items was read`) },
        text: { get: () => expect.unreachable(`${id}.text was read`) },
      });
    expect(linkDocuments([untouchable("m1"), untouchable("m2")])).toEqual([]);
  });
});
