import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { displayWidth } from "../../src/text/width.js";
import { ROOT } from "../helpers/paths.js";

async function cli(argv: string[], columns?: number) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s), env: {}, isTTY: false, columns });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("minutes --help and --version", () => {
  it("prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8"));
    for (const flag of ["--version", "-V"]) expect(await cli([flag])).toMatchObject({ code: 0, out: version });
  });

  it("explains every command in Chinese and English, with examples, wrapped to the terminal", async () => {
    for (const columns of [50, 80, 132]) {
      const r = await cli(["--help"], columns);
      expect(r.code).toBe(0);
      for (const line of r.out.split("\n")) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
      expect(r.out).toContain("命令 Commands:");
      expect(r.out).toContain("示例 Examples:");
      expect(r.out).toContain("回答一个问题");
      expect(r.out).toContain("answer a question");
      expect(r.out).toMatch(/minutes ask "交通规划强调了什么"/);
      expect(r.out).toContain("--version");
    }
  });

  it("gives a command's own help with its examples", async () => {
    const r = await cli(["feedback", "--help"], 80);
    expect(r.code).toBe(0);
    expect(r.out).toContain("用法 Usage: minutes feedback [--since DATE] [--format table|jsonl|eval]");
    expect(r.out).toContain("minutes feedback --format eval > cases.jsonl");
  });
});
