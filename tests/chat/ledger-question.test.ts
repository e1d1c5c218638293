import { describe, expect, it } from "vitest";
import { ledgerQuestion } from "../../src/chat/ledger-question.js";

const TODAY = "2022-08-26";

describe("ledger question recogniser", () => {
  it("reads a unit's open tasks, this month's deadlines, overdue items and a subject's progress", () => {
    expect(ledgerQuestion("市住建局有哪些待办事项", TODAY)).toEqual({ filter: { unit: "市住建局", open: true }, scope: "open" });
    expect(ledgerQuestion("本月到期的督办事项", TODAY)).toEqual({ filter: { month: "2022-08", open: true }, scope: "month" });
    expect(ledgerQuestion("下个月到期的督办事项有哪些？", TODAY)).toEqual({ filter: { month: "2022-09", open: true }, scope: "month" });
    expect(ledgerQuestion("哪些事项逾期了", TODAY)).toEqual({ filter: { status: "逾期" }, scope: "overdue" });
    expect(ledgerQuestion("交通规划的落实情况", TODAY)).toEqual({ filter: { text: "交通规划" }, scope: "all" });
    expect(ledgerQuestion("市交运局的督办事项", TODAY)).toEqual({ filter: { unit: "市交运局" }, scope: "all" });
  });

  it("leaves questions without a ledger word to the answer path", () => {
    for (const q of ["交通规划强调了什么", "住房规划由谁修改完善", "这次会议是谁主持的？", "会议讨论了垃圾分类工作吗？", "市住建局负责什么"])
      expect(ledgerQuestion(q, TODAY), q).toBeNull();
  });
});
