import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SEED = join(ROOT, "data/minutes/taicang-2022-01.txt");
export const FIXTURES = join(ROOT, "tests/fixtures");
export const MINUTES_FIXTURES = join(FIXTURES, "minutes");
