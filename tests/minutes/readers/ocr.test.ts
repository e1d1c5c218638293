import { describe, expect, it } from "vitest";
import { repairOcrText } from "../../../src/minutes/readers/ocr.js";

describe("repairOcrText (another tool's OCR layer)", () => {
  it("drops the spaces OCR leaves between Chinese words and makes punctuation inside Chinese full-width", () => {
    expect(repairOcrText("太仓 市人民政府 常务 会议 纪要")).toBe("太仓市人民政府常务会议纪要");
    expect(repairOcrText("纪要 如下: 会议 (一) 要")).toBe("纪要如下：会议（一）要");
    expect(repairOcrText("2022 年 1 月")).toBe("2022年1月");
  });

  it("keeps spaces between Latin words and digits", () => {
    expect(repairOcrText("Page 2 of 9")).toBe("Page 2 of 9");
    expect(repairOcrText("GB/T 33190 标准")).toBe("GB/T 33190标准");
  });
});
