/**
 * Start-up checks of the folders the configuration names, before anything
 * reads them: a missing lexicon or a minutes «folder» that is a file is
 * reported naming its variable, not found later as an empty index.
 */
import { statSync } from "node:fs";
import { type Config, variableError } from "./config.js";

/** What is at `path`: a folder, something else, or nothing. */
function kindOf(path: string): "folder" | "file" | "missing" {
  try {
    return statSync(path).isDirectory() ? "folder" : "file";
  } catch {
    return "missing";
  }
}

/**
 * Throws a ConfigError naming the variable when LEXICON_DIR is not a folder, or
 * MINUTES_DIR is there but not a folder (a missing MINUTES_DIR is the index's to
 * judge: a built index may be served without it).
 */
export function checkFolders(config: Pick<Config, "MINUTES_DIR" | "LEXICON_DIR">): void {
  const lexicon = kindOf(config.LEXICON_DIR);
  if (lexicon !== "folder")
    throw variableError(
      "LEXICON_DIR",
      `${config.LEXICON_DIR}: ${lexicon === "missing" ? "no such folder" : "not a folder"} — set LEXICON_DIR to the folder of synonyms.tsv, units.tsv and terms.txt (data/lexicon)`,
    );
  if (kindOf(config.MINUTES_DIR) === "file")
    throw variableError("MINUTES_DIR", `${config.MINUTES_DIR}: a file, not a folder — set MINUTES_DIR to the folder of minutes files`);
}
