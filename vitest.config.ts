import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default is one worker per core less one: a single worker on 2 cores, every file in turn. Much of a test file's
    // time is spent waiting (child processes, sockets, polls), so at least three run side by side.
    maxWorkers: Math.max(3, availableParallelism()),
  },
});
