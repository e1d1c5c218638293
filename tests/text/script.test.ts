import { describe, expect, it } from "vitest";
import { toSimplified, unfold } from "../../src/text/script.js";

describe("toSimplified", () => {
  it("folds traditional characters one for one", () => {
    const t = "縣長主持召開縣政府第十五次常務會議，會議強調要加快軟體園區建設。";
    const s = toSimplified(t);
    expect(s).toBe("县长主持召开县政府第十五次常务会议，会议强调要加快软体园区建设。");
    expect(s.length).toBe(t.length);
  });

  it("leaves simplified and ASCII text unchanged", () => {
    const s = "交通规划强调了什么 5+1 (2022)";
    expect(toSimplified(s)).toBe(s);
    expect(toSimplified("會議")).toBe("会议");
  });

  it("reads Taiwan's 計畫 and 規畫 as 计划 and 规划, and leaves a 画 of painting alone", () => {
    expect(toSimplified("「鷺汀市騎樓整平計畫」第二期")).toBe("「鹭汀市骑楼整平计划」第二期");
    expect(toSimplified("都市規畫")).toBe("都市规划");
    expect(toSimplified("畫展與計算")).toBe("画展与计算");
  });

  it("maps a string found in the folded text back to the original characters", () => {
    const t = "會議審議通過了《關於加強養老服務的實施方案》。";
    const f = toSimplified(t);
    expect(unfold("关于加强养老服务的实施方案", f, t)).toBe("關於加強養老服務的實施方案");
    expect(unfold("不在这里", f, t)).toBe("不在这里");
  });
});
