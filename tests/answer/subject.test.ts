import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { missingIn, missingPhrase, namedDocument, subjectOf, withoutFrame } from "../../src/answer/subject.js";
import { addUserWords } from "../../src/index/tokenize.js";
import { loadLexicon, type Lexicon } from "../../src/index/lexicon.js";
import { analyzeQuery } from "../../src/retrieval/query.js";
import { ROOT } from "../helpers/paths.js";

let lexicon: Lexicon;
beforeAll(async () => {
  lexicon = await loadLexicon(join(ROOT, "data/lexicon"));
  // As the engine does: the lexicon's domain terms segment whole («一网统管»).
  addUserWords(lexicon.terms);
});

const subject = (q: string) => subjectOf(analyzeQuery(withoutFrame(q), lexicon));

describe("the subject of a question", () => {
  it("leaves the frame out: 审议通过了吗, 是哪次会议批的, 在哪个议题, 政府打算怎么解决, 分几个阶段", () => {
    expect(subject("一网统管在哪个议题？").words).toEqual(["一网统管"]);
    expect(subject("智慧城市建设分几个阶段？").words).not.toContain("阶段");
    expect(subject("看病贵的问题政府打算怎么解决？").words).toEqual(["看病贵"]);
    expect(subject("机场建设规划是哪次会议批的？").words).toContain("机场");
    expect(subject("机场建设规划是哪次会议批的？").words).not.toContain("哪次");
  });

  it("keeps a verb that carries the topic («供暖», «摸清»), drops the frame's («组织实施»)", () => {
    const s = subject("城区供暖管网改造由哪个部门负责组织实施");
    expect(s.words).toContain("供暖");
    expect(s.words).not.toContain("实施");
  });

  it("is found through the lexicon only where the text has the formal term", () => {
    const s = subject("小孩读书的事会上怎么说的");
    expect(missingIn(s, "五、审议《太仓市“十四五”教育事业发展规划》", lexicon)).toEqual([]);
    expect(missingIn(s, "七、审议《太仓市“十四五”交通运输发展规划》", lexicon).length).toBeGreaterThan(0);
  });

  it("a quoted term is found verbatim or not at all", () => {
    const s = subjectOf(analyzeQuery("“一网统管”", lexicon));
    expect(missingIn(s, "推动“一网通用”“一网通办”“一网统管”协同发展", lexicon)).toEqual([]);
    expect(missingIn(s, "推动一网通办", lexicon)).toEqual(["一网统管"]);
  });

  it("traditional characters match simplified text", () => {
    expect(missingIn(subject("交通規劃強調了什麼"), "审议《太仓市“十四五”交通运输发展规划》", lexicon)).toEqual([]);
  });

  it("names the missing phrase whole, up to the document kind", () => {
    const q = "共享单车管理办法审议通过了吗？";
    const s = subject(q);
    expect(missingPhrase(q, missingIn(s, "审议《太仓市级信息化项目管理办法》数据共享", lexicon), s)).toBe("共享单车");
  });

  it("the name of a document the question asks about", () => {
    const q = "会议对地铁建设规划作出了什么决定";
    expect(namedDocument(q, subject(q))).toEqual(expect.arrayContaining(["地铁"]));
  });

  it("计划 as a verb names no document, as a noun it does", () => {
    for (const q of ["学府路到高铁站的公交专线计划什么时候开通？", "新馆计划于年底建成吗"]) expect(namedDocument(q, subject(q))).toEqual([]);
    for (const q of ["地铁建设计划通过了吗", "地铁建设计划什么时候印发的"]) expect(namedDocument(q, subject(q))).toEqual(expect.arrayContaining(["地铁"]));
  });

  it("a unit named after a kind of document («自然资源和规划局») names no document", () => {
    const q = "主任会议提请任命谁当市自然资源和规划局局长？";
    expect(namedDocument(q, subject(q))).toEqual([]);
  });
});
