import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseMinutes } from "../../src/minutes/parse.js";
import { MinutesSchema } from "../../src/minutes/schema.js";
import { MINUTES_FIXTURES } from "../helpers/paths.js";

interface Expected {
  title: string;
  kind: string;
  number: number | null;
  issuedOn: string | null;
  meeting: { date: string | null; period: string | null; chair: string | null; chairRole: string | null; session: number | null };
  visibility: "public" | "internal";
  itemCount: number;
  items: {
    ordinal: number;
    label: string;
    title: string;
    reportingUnit: string | null;
    decisionContains: string | null;
    emphasisPoints: number;
    documents: string[];
  }[];
  attendance: null | { presentCount: number; attending: { unit: string; name: string }[]; other: string[] };
}

const files = readdirSync(MINUTES_FIXTURES).filter((f) => f.endsWith(".txt") && f !== "news-article.txt");

describe.each(files)("fixture %s", (file) => {
  const path = join(MINUTES_FIXTURES, file);
  const expected = JSON.parse(readFileSync(path.replace(/\.txt$/, ".expected.json"), "utf8")) as Expected;
  const m = parseMinutes(readFileSync(path, "utf8"), { path });

  it("reads header, meeting and visibility", () => {
    expect(m.title).toBe(expected.title);
    expect(m.kind).toBe(expected.kind);
    expect(m.number).toBe(expected.number);
    expect(m.issuedOn).toBe(expected.issuedOn);
    const { name: _name, ...meeting } = expected.meeting as Expected["meeting"] & { name?: string };
    expect(m.meeting).toMatchObject(meeting);
    expect(m.visibility).toBe(expected.visibility);
  });

  it("finds every agenda item with unit, decision, documents and emphasis points", () => {
    expect(m.items).toHaveLength(expected.itemCount);
    for (const e of expected.items) {
      const it = m.items[e.ordinal - 1];
      expect(it.label, `item ${e.ordinal}`).toBe(e.label.replace(/、$/, ""));
      expect(it.title, `item ${e.ordinal}`).toBe(e.title);
      expect(it.reportingUnit, `item ${e.ordinal} reportingUnit`).toBe(e.reportingUnit);
      // The fixture's phrase may fall in the decision («原则同意该方案») or its follow-up («由…印发实施»).
      if (e.decisionContains) expect([it.decision, it.followUp].join("，"), `item ${e.ordinal} decision`).toContain(e.decisionContains);
      else expect(it.decision, `item ${e.ordinal} decision`).toBeNull();
      const points = it.sections.filter((s) => s.kind === "emphasis").reduce((n, s) => n + s.points.length, 0);
      expect(points, `item ${e.ordinal} emphasis points`).toBe(e.emphasisPoints);
      expect(it.documents, `item ${e.ordinal} documents`).toEqual(e.documents);
    }
  });

  it("reads attendance, or none", () => {
    if (!expected.attendance) {
      expect(m.attendance).toBeNull();
      return;
    }
    expect(m.attendance!.present).toHaveLength(expected.attendance.presentCount);
    for (const a of expected.attendance.attending) expect(m.attendance!.attending).toContainEqual(a);
    for (const o of expected.attendance.other) expect(m.attendance!.other.join("\n")).toContain(o.replace(/。$/, ""));
  });

  it("builds a record MinutesSchema accepts as it is", () => {
    expect(MinutesSchema.parse(m)).toEqual(m);
  });

  it("keeps offsets exact", () => {
    for (const it of m.items) for (const s of it.sections) expect(m.text.slice(s.start, s.end)).toBe(s.text);
  });
});
