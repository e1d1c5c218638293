import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleQuestions, shortDocumentName } from "../../src/web/overview.js";
import { createApp } from "../../src/web/app.js";
import { memoryLogger, openTestEngine } from "./helpers.js";

const TOKEN = "overview-token-5b1e";
let t: Awaited<ReturnType<typeof openTestEngine>>;
beforeAll(async () => {
  t = await openTestEngine();
});
afterAll(async () => {
  await t?.cleanup();
});

const get = (headers: Record<string, string> = {}) =>
  createApp(t.engine, t.config({ WEB_RATE_LIMIT: "1000", WEB_API_TOKEN: TOKEN }), { log: memoryLogger().log }).request("/api/overview", { headers });

describe("GET /api/overview", () => {
  it("tells a public caller what the public archive holds, with examples from its own items that the engine answers", async () => {
    const o = await (await get()).json();
    expect(o).toMatchObject({ records: 1, documents: 1, from: "2022-01-21", to: "2022-01-21", bodies: ["太仓市人民政府"] });
    expect(o.examples.length).toBeGreaterThanOrEqual(3);
    expect(o.examples).toContain("第1号纪要是谁主持的？");
    const seed = t.engine.getMinutes(t.publicId)!;
    for (const q of o.examples) {
      const a = await t.engine.ask(q, { access: { internal: false } });
      expect(a.found, q).toBe(true);
      expect(a.citations.every((c) => c.minutesId === seed.id)).toBe(true);
    }
  });

  it("counts internal records only for the token holder", async () => {
    const o = await (await get({ Authorization: `Bearer ${TOKEN}` })).json();
    expect(o.records).toBe(2);
    expect(o.to > "2022-01-21").toBe(true);
    expect(o.bodies.length).toBe(2);
  });

  it("shortens a document's name to what people say", () => {
    expect(shortDocumentName("太仓市“十四五”交通运输发展规划", "太仓市")).toBe("交通运输发展规划");
    expect(shortDocumentName("太仓市级信息化项目管理办法", "太仓市")).toBe("信息化项目管理办法");
    expect(shortDocumentName("规划", null)).toBe("规划");
    expect(exampleQuestions([])).toEqual([]);
  });
});
