import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLexicon, type Lexicon } from "../../src/index/lexicon.js";
import { termPresence } from "../../src/retrieval/retriever.js";
import { ROOT } from "../helpers/paths.js";

let lexicon: Lexicon;
beforeAll(async () => {
  lexicon = await loadLexicon(join(ROOT, "data/lexicon"));
});

describe("how present a question word is in a text", () => {
  it("a two-character short form is in the four-character name it shortens («国企» in «国有企业», «医保» in «医疗保障»)", () => {
    expect(termPresence("国企", "会议原则同意区属国有企业整合重组方案", lexicon)).toBeGreaterThanOrEqual(0.7);
    expect(termPresence("医保", "县医疗保障局负责", lexicon)).toBeGreaterThanOrEqual(0.7);
  });

  it("but not in characters that only stand apart across words («路边» is not in «学府路周边建成»)", () => {
    expect(termPresence("路边", "在学府路周边建成临时停车场", lexicon)).toBe(0);
    expect(termPresence("国企", "国家支持企业", lexicon)).toBe(0);
  });
});

describe("the lexicon's colloquial words", () => {
  it("a word holding a colloquial key is present where the key's formal terms are («坐地铁» → 轨道交通 via «地铁»)", () => {
    const [key, formal] = [...lexicon.synonyms].find(([k, f]) => k.length === 2 && f.length > 0)!;
    expect(termPresence(`坐${key}`, `会议要求加快${formal[0]}建设`, lexicon)).toBeGreaterThanOrEqual(0.7);
    expect(termPresence(`坐${key}`, "会议要求做好防汛工作", lexicon)).toBe(0);
  });

  it("map how people talk about a topic, never how they ask: no key holds a question word, no formal term is a word every record writes", () => {
    const asking = /谁|哪|多少|几|啥|什么|怎么|多久|吗|能不能|会不会|要不要|咋/;
    const everywhere = new Set(["工作", "推进", "加强", "建设", "管理", "问题", "项目", "实施", "落实", "开展", "会议", "政府", "部门", "服务"]);
    const keys = [...lexicon.synonyms.keys()];
    expect(keys.filter((k) => asking.test(k))).toEqual([]);
    expect([...lexicon.synonyms].filter(([, f]) => f.some((t) => everywhere.has(t))).map(([k]) => k)).toEqual([]);
    expect(keys.length).toBeGreaterThan(500);
  });
});
