import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { type LinkedEngine, openLinkedEngine } from "../helpers/linked-corpus.js";
import { memoryLogger } from "./helpers.js";

const TOKEN = "test-links-token-4b1d";
const AUTH = { Authorization: `Bearer ${TOKEN}` };

let linked: LinkedEngine;
let ids: LinkedEngine["ids"];

beforeAll(async () => {
  linked = await openLinkedEngine();
  ids = linked.ids;
});
afterAll(() => linked?.close());

const app = () => createApp(linked.engine, linked.config({ WEB_API_TOKEN: TOKEN, WEB_RATE_LIMIT: "1000" }), { log: memoryLogger().log });
const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app().request(path, { headers });
  expect(res.status, path).toBe(200);
  return (await res.json()) as any;
};

describe("/api/minutes carries the links between documents and the meetings that passed them", () => {
  it("the list: a document with its passing meeting, the meeting with its document", async () => {
    const { minutes } = await get("/api/minutes");
    const doc = minutes.find((m: any) => m.id === ids.document);
    expect(doc.reading).toBe("document");
    expect(doc.links.passedBy).toHaveLength(1);
    expect(doc.links.passedBy[0]).toMatchObject({
      minutesId: ids.standing,
      itemOrdinal: 1,
      meetingDate: "2024-05-20",
      minutesTitle: "石湖市人民政府召开第十八次常务会议",
    });
    expect(doc.links.passedBy[0].decision).toContain("原则同意《石湖市公共自行车管理办法（草案）》");
    const meeting = minutes.find((m: any) => m.id === ids.standing);
    expect(meeting.links.passed).toEqual([expect.objectContaining({ documentId: ids.document, title: "石湖市公共自行车管理办法", itemOrdinal: 1 })]);
  });

  it("the detail and the item: a decision's offsets are the meeting's own text; the item lists the documents it passed", async () => {
    const doc = await get(`/api/minutes/${ids.document}`);
    const [by] = doc.links.passedBy;
    const meeting = await get(`/api/minutes/${ids.standing}`);
    expect(meeting.text.slice(by.start, by.end)).toBe(by.decision);
    expect(meeting.links.passed.map((l: any) => l.documentId)).toEqual([ids.document]);
    const one = await get(`/api/minutes/${ids.standing}/items/1`);
    expect(one.passed).toEqual([expect.objectContaining({ documentId: ids.document, decision: by.decision })]);
    expect((await get(`/api/minutes/${ids.standing}/items/2`)).passed).toEqual([]);
  });

  it("never names the internal meeting without the token; with it, both meetings", async () => {
    for (const body of [JSON.stringify(await get("/api/minutes")), JSON.stringify(await get(`/api/minutes/${ids.document}`))]) {
      expect(body).not.toContain(ids.topic);
      expect(body).not.toContain("专题会议");
    }
    expect((await app().request(`/api/minutes/${ids.topic}`)).status).toBe(404);

    const doc = await get(`/api/minutes/${ids.document}`, AUTH);
    expect(doc.links.passedBy.map((l: any) => l.minutesId).sort()).toEqual([ids.standing, ids.topic].sort());
    const topic = await get(`/api/minutes/${ids.topic}/items/1`, AUTH);
    expect(topic.passed.map((l: any) => l.documentId)).toEqual([ids.document]);
  });
});
