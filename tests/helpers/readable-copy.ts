import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./paths.js";

/** What running the CLI from sources needs: the sources, the packages (tsx among them), the lexicon. */
const RUNTIME = ["package.json", "tsconfig.json", "src", "node_modules", "data/lexicon", "prompts"];

/**
 * A copy of the checkout's runtime in a fresh folder every user can read, for
 * a child process run as another user (nobody): the clone itself may lie
 * under a folder only its owner can traverse (a `mktemp -d` folder, mode
 * 0700). Hard links where the file system allows (under a second), a copy
 * otherwise.
 */
export function readableCheckout(): { root: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), "minutes-qa-checkout-"));
  chmodSync(root, 0o755);
  mkdirSync(join(root, "data"));
  for (const part of RUNTIME) {
    const dest = join(root, part);
    const linked = spawnSync("cp", ["-al", join(ROOT, part), dest], { encoding: "utf8" });
    if (linked.status !== 0) {
      const copied = spawnSync("cp", ["-a", join(ROOT, part), dest], { encoding: "utf8" });
      if (copied.status !== 0) throw new Error(`cannot copy ${part} for the test: ${copied.stderr}`);
    }
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
