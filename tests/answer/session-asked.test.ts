import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { missingRelativeYear } from "../../src/answer/select.js";
import { askingClauses } from "../../src/answer/preamble.js";
import { FULL_ACCESS } from "../../src/answer/types.js";
import { useEngine } from "../helpers/engine.js";

/** A 区长办公会议 议定事项 numbered under its title, as such lists are issued. */
const folder = mkdtempSync(join(tmpdir(), "session-asked-"));
const record = join(folder, "tingzhou-district-office-2025-14.txt");
afterAll(() => rmSync(folder, { recursive: true, force: true }));
writeFileSync(
  record,
  [
    "汀州区区长办公会议议定事项",
    "（2025年第14次）",
    "汀州区人民政府办公室　　　　2025年6月13日",
    "2025年6月12日，区长孟庆和主持召开区长办公会议。现将议定事项通知如下：",
    "（一）同意汀州区实验小学东校区扩建项目增加投资1160万元，项目总投资由6200万元调整为7360万元。",
    "牵头单位：区教育局",
    "（二）同意在全区设置户外劳动者“爱心驿站”30个，本年1至7月已建成12个。",
    "牵头单位：区总工会",
  ].join("\n\n"),
);

describe("the session a record numbers under its title", () => {
  const engine = useEngine({ extra: [record] });
  const ask = (q: string) => engine().ask(q, { access: FULL_ACCESS });

  it("«是今年第几次» is quoted from «（2025年第14次）»", async () => {
    const a = await ask("汀州区这次区长办公会议是今年第几次？");
    expect(a.found).toBe(true);
    expect(a.citations[0].quote).toContain("2025年第14次");
  });

  it("«去年建了多少个驿站» is not answered by this year's count", async () => {
    const a = await ask("汀州区去年一共建成了多少个爱心驿站？");
    expect(a.found).toBe(false);
  });
});

describe("years named relative to the record, and the clauses that ask", () => {
  it("«去年» asked, only «本年» written: another year's figure", () => {
    expect(missingRelativeYear("去年全年一共使用了多少人次", "本年1至7月累计使用约212万人次")).toBe("去年");
    expect(missingRelativeYear("今年一共使用了多少人次", "本年1至7月累计使用约212万人次")).toBeNull();
    expect(missingRelativeYear("去年全年一共使用了多少人次", "累计使用约212万人次")).toBeNull();
    expect(missingRelativeYear("石湖去年地区生产总值多少", "过去一年，全市地区生产总值达到512亿元。今年主要预期目标是…")).toBeNull();
    expect(missingRelativeYear("哪个协调会把开工时间从今年10月推迟到了明年春节后", "原定今年10月开工，调整至2026年春节后")).toBeNull();
  });

  it("the story of who asks is not what is asked («我爸82岁…»)", () => {
    expect(askingClauses("我爸82岁住在澧安县城，县里说要办老年食堂，今年下半年能新建几个助餐点？")).toBe("今年下半年能新建几个助餐点？");
  });
});
