import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";
import { FIXTURES } from "../helpers/paths.js";

/** A 人大常委会 session hearing three reports, two of them in one sentence. */
const engine = useEngine({ extra: [join(FIXTURES, "records/yuanxi-npc-standing-closing-2025-09.txt")] });

describe("the reports a meeting heard", () => {
  it("lists and counts each report, also two heard in one sentence, each cited where it is named", async () => {
    const a = await engine().ask("沅溪人大常委会第九次会议听取审议了哪些报告？", { access: FULL_ACCESS });
    expect(a.found).toBe(true);
    expect(a.answer).toContain("共 3 项");
    for (const r of ["城市供水保障工作情况的报告", "公益诉讼检察工作情况的报告", "实施情况的报告"]) expect(a.answer).toContain(r);
    expect(a.citations.map((c) => c.quote).join("")).toContain("公益诉讼检察工作情况的报告、市人大常委会执法检查组");
  });
});
