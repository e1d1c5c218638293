import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pageFactAsked } from "../../src/answer/page-facts.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** A portal page's publication rows («发布时间：…　来源：…　浏览次数：…») are what a reader sees: asked of the page, they answer. */
const engine = useEngine({
  extra: [join(FIXTURES, "records/yuanxi-npc-standing-closing-2025-09.txt"), join(FIXTURES, "records/shiyan-county-office-2024-09.txt")],
});
const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });
const quotes = (a: { citations: { quote: string }[] }) => a.citations.map((c) => c.quote).join("\n");

describe("a page's publication facts", () => {
  it("when it was posted, from where and how often read are quoted from its row", async () => {
    const posted = await ask("沅溪人大常委会第九次会议这篇新闻是哪天发布的？");
    expect(posted.found).toBe(true);
    expect(quotes(posted)).toBe("发布日期：2025-09-27");
    const source = await ask("沅溪这篇人大闭幕报道的来源是哪里");
    expect(quotes(source)).toBe("来源：沅溪市人大常委会办公室");
    const views = await ask("石砚这篇办公会议的新闻浏览次数是多少？");
    expect(quotes(views)).toBe("浏览次数：1386");
    const time = await ask("石砚县政府办公会议的报道是几号几点挂到网上的");
    expect(quotes(time)).toBe("发布时间：2024-09-06 10:20");
  });

  it("a fact the page does not show is not answered from its other rows", async () => {
    const a = await ask("沅溪这篇新闻的责任编辑是谁？");
    expect(a.found).toBe(false);
  });

  it("is asked of the page only: «申请多久能审核完» asks the record, «这篇稿子谁审核的» the page", () => {
    expect(pageFactAsked("柘原应急使用维修资金的申请多久能审核完？")).toBeNull();
    expect(pageFactAsked("这篇稿子是谁审核的")?.fact).toBe("review");
    expect(pageFactAsked("责任编辑叫什么")?.fact).toBe("editor");
    expect(pageFactAsked("会议资金来源是哪里")).toBeNull();
    // A press conference («新闻发布会») is what was said, not a page's posting.
    expect(pageFactAsked("珂洲民生实事新闻发布会是谁主持的？")).toBeNull();
    expect(pageFactAsked("哪场新闻发布会说今年能新增学位8400个？")).toBeNull();
    expect(pageFactAsked("这篇报道发布了哪些政策")).toBeNull();
  });
});
