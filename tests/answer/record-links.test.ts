import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MinutesEngine } from "../../src/answer/engine.js";
import { FULL_ACCESS, PUBLIC_ACCESS } from "../../src/answer/types.js";
import { type LinkedEngine, openLinkedEngine } from "../helpers/linked-corpus.js";

let linked: LinkedEngine;
let engine: MinutesEngine;
let ids: LinkedEngine["ids"];

beforeAll(async () => {
  linked = await openLinkedEngine();
  ({ engine, ids } = linked);
});
afterAll(() => linked?.close());

describe("engine.links", () => {
  it("links the 办法 and the 常务会议 that passed it, both ways", () => {
    const doc = engine.links(ids.document, PUBLIC_ACCESS);
    expect(doc.passed).toEqual([]);
    expect(doc.passedBy).toHaveLength(1);
    const [by] = doc.passedBy;
    expect(by).toMatchObject({
      minutesId: ids.standing,
      minutesTitle: "石湖市人民政府召开第十八次常务会议",
      meetingName: "市政府第十八次常务会议",
      meetingDate: "2024-05-20",
      itemOrdinal: 1,
      itemTitle: "《石湖市公共自行车管理办法（草案）》",
    });
    expect(by.decision).toContain("会议原则同意《石湖市公共自行车管理办法（草案）》");
    // The decision is the meeting's own text at its offsets.
    expect(engine.getMinutes(ids.standing)!.text.slice(by.start, by.end)).toBe(by.decision);

    const meeting = engine.links(ids.standing, PUBLIC_ACCESS);
    expect(meeting.passedBy).toEqual([]);
    expect(meeting.passed).toEqual([
      { documentId: ids.document, title: "石湖市公共自行车管理办法", itemOrdinal: 1, decision: by.decision, start: by.start, end: by.end },
    ]);
  });

  it("never names an internal meeting to an anonymous caller; an internal caller sees it", () => {
    expect(engine.links(ids.topic, PUBLIC_ACCESS)).toEqual({ passed: [], passedBy: [] });
    expect(engine.links(ids.document, PUBLIC_ACCESS).passedBy.map((l) => l.minutesId)).not.toContain(ids.topic);
    expect(JSON.stringify(engine.links(ids.document, PUBLIC_ACCESS))).not.toContain("专题会议");

    const full = engine.links(ids.document, FULL_ACCESS);
    expect(full.passedBy.map((l) => l.minutesId).sort()).toEqual([ids.standing, ids.topic].sort());
    expect(full.passedBy.find((l) => l.minutesId === ids.topic)).toMatchObject({ meetingDate: "2024-06-03", itemOrdinal: 1 });
    expect(engine.links(ids.topic, FULL_ACCESS).passed.map((l) => l.documentId)).toEqual([ids.document]);
  });

  it("gives a record without links, or an unknown id, empty lists", () => {
    expect(engine.links(ids.seed, FULL_ACCESS)).toEqual({ passed: [], passedBy: [] });
    expect(engine.links("no-such-record", FULL_ACCESS)).toEqual({ passed: [], passedBy: [] });
  });

  // Last: it changes the corpus.
  it("follows the served generation: a meeting removed and re-ingested no longer passes the document", async () => {
    expect(engine.links(ids.document, FULL_ACCESS).passedBy).toHaveLength(2);
    rmSync(join(linked.corpus.minutesDir, "public", "shihu-standing-2024-05.txt"));
    await engine.reload();
    expect(engine.links(ids.document, FULL_ACCESS).passedBy.map((l) => l.minutesId)).toEqual([ids.topic]);
    expect(engine.links(ids.standing, FULL_ACCESS)).toEqual({ passed: [], passedBy: [] });
  });
});
