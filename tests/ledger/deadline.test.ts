import { describe, expect, it } from "vitest";
import { addWorkingDays, deadlineDate, deadlinesIn } from "../../src/ledger/deadline.js";

describe("deadlines", () => {
  it("dates a deadline by the meeting's year", () => {
    expect(deadlineDate("8月底前", "2023-07-14")).toBe("2023-08-31");
    expect(deadlineDate("2月底前", "2023-12-18")).toBe("2024-02-29");
    expect(deadlineDate("4月15日前", "2023-02-15")).toBe("2023-04-15");
    expect(deadlineDate("年内", "2021-04-13")).toBe("2021-12-31");
    expect(deadlineDate("年底前", "2019-10-15")).toBe("2019-12-31");
    expect(deadlineDate("2024年6月30日前", "2023-02-15")).toBe("2024-06-30");
    expect(deadlineDate("9月中旬前", "2023-07-14")).toBe("2023-09-20");
    expect(deadlineDate("本月内", "2023-07-14")).toBe("2023-07-31");
  });

  it("counts working days on weekdays and leaves days it cannot know null", () => {
    // 2022-06-17 is a Friday: Monday, Tuesday, Wednesday.
    expect(deadlineDate("3个工作日内", "2022-06-17")).toBe("2022-06-22");
    expect(addWorkingDays(new Date("2022-06-17T00:00:00Z"), 5).toISOString().slice(0, 10)).toBe("2022-06-24");
    expect(deadlineDate("10日内", "2022-06-17")).toBe("2022-06-27");
    expect(deadlineDate("汛期前", "2023-02-15")).toBeNull();
    expect(deadlineDate("8月底前", null)).toBeNull();
  });

  it("finds deadlines in the order written", () => {
    expect(deadlinesIn("确保9月底前完成联通，年底前普及率达到99%").map((d) => d.text)).toEqual(["9月底前", "年底前"]);
    expect(deadlinesIn("要在3个工作日内完成检查").map((d) => d.text)).toEqual(["3个工作日内"]);
  });
});
