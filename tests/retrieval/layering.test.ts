import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/paths.js";

/** Every .ts file below `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
}

describe("layers", () => {
  it("retrieval and the index never import from the answer layer above them", () => {
    const files = [...sources(join(ROOT, "src/retrieval")), ...sources(join(ROOT, "src/index"))];
    expect(files.length).toBeGreaterThan(10);
    const upward = files.flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .filter((l) => /\bfrom\s+["'][./]*answer\//.test(l) || /import\(["'][./]*answer\//.test(l))
        .map((l) => `${relative(ROOT, f)}: ${l.trim()}`),
    );
    expect(upward).toEqual([]);
  });
});
