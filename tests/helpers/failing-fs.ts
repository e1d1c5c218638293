import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import type { IngestOptions } from "../../src/index/ingest.js";
import type { ListFs } from "../../src/index/stale.js";

/** A full disk: the write of the new generation fails as the file system fails it. */
export function diskFull(): NonNullable<IngestOptions["hooks"]> {
  return {
    afterFilesWritten: () => {
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
    },
  };
}

/** A listing that refuses folder `name` as the file system refuses a folder it may not read (chmod 000 — ineffective as root, so injected). */
export function unreadableFolder(name: string): ListFs {
  return {
    readdir: async (dir: string): Promise<Dirent[]> => {
      if (dir.endsWith(`/${name}`)) throw Object.assign(new Error(`EACCES: permission denied, scandir '${dir}'`), { code: "EACCES", syscall: "scandir" });
      return readdir(dir, { withFileTypes: true });
    },
  };
}
