import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./paths.js";

const LOCK = join(tmpdir(), `minutes-qa-build-${Buffer.from(ROOT).toString("hex").slice(-24)}.lock`);

/**
 * Runs `npm run build` (incremental: a no-op when dist/ is current), one test
 * process at a time, so tests of the compiled product never read a half-written dist/.
 */
export async function buildDist(): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() - t0 > 170_000) rmSync(LOCK, { recursive: true, force: true }); // a killed run's lock
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const r = spawnSync("npm", ["run", "-s", "build"], { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}${r.stderr}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
