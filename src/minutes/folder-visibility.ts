/**
 * The operator's rule for records that carry no visibility mark of their own:
 * a folder named `public` (or `公开`) or `internal` (`内部`), or a file
 * `.visibility` holding the word `public` or `internal`, decides for every file
 * below it; the nearest folder wins. Without a rule a record is internal, so
 * reports copied from a portal are published with one move (put them under
 * `data/minutes/public/`) and nothing unmarked leaks by default.
 */
import { readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Visibility } from "./schema.js";

const NAMED: Record<string, Visibility> = { public: "public", 公开: "public", internal: "internal", 内部: "internal" };
/** Folders looked up once per process: ingest asks for every file of a folder. */
const cache = new Map<string, Promise<Visibility | undefined>>();

async function fileRule(dir: string): Promise<Visibility | undefined> {
  try {
    const word = (await readFile(join(dir, ".visibility"), "utf8")).replace(/#.*$/gm, "").trim().toLowerCase();
    return NAMED[word];
  } catch {
    return undefined;
  }
}

async function ruleOf(dir: string): Promise<Visibility | undefined> {
  const own = (await fileRule(dir)) ?? NAMED[basename(dir).toLowerCase()];
  if (own) return own;
  const parent = dirname(dir);
  return parent === dir ? undefined : folderRule(parent);
}

function folderRule(dir: string): Promise<Visibility | undefined> {
  let r = cache.get(dir);
  if (!r) {
    r = ruleOf(dir);
    cache.set(dir, r);
  }
  return r;
}

/** The visibility the operator set for the folder of `path`, or undefined when no rule covers it. */
export function folderVisibility(path: string): Promise<Visibility | undefined> {
  return folderRule(dirname(resolve(path)));
}

/** Forgets cached folder rules (a long-running server re-reads them on reload). */
export function forgetFolderRules(): void {
  cache.clear();
}
