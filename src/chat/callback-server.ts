/** The HTTP endpoint a platform posts callbacks to, and the answers still being sent after their callbacks were acknowledged. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { listenError, type ListenVariables } from "../listen-error.js";

/** Answers started after acknowledging their callbacks; `idle()` waits for all of them. */
export class PendingAnswers {
  private readonly tasks = new Set<Promise<void>>();

  add(task: Promise<void>): void {
    const p = task.finally(() => this.tasks.delete(p));
    this.tasks.add(p);
  }

  async idle(): Promise<void> {
    while (this.tasks.size) await Promise.allSettled([...this.tasks]);
  }
}

/** Listens on host:port (a failure names the variable to change); returns the callback URL (`path` on it) and a close that also waits for pending answers. */
export async function listenCallback(
  server: Server,
  where: { host: string; port: number; path: string; variables: ListenVariables },
  pending: PendingAnswers,
): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err) => reject(listenError(err, where, where.variables)));
    server.listen(where.port, where.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = where.host.includes(":") ? `[${where.host}]` : where.host;
  return {
    url: `http://${host}:${port}${where.path}`,
    close: async () => {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await pending.idle();
    },
  };
}
