import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { variableError } from "../config.js";

/** Why a listen failed, by error code, and which variable to change. */
const LISTEN_PROBLEMS: Record<string, { variable: "WEB_HOST" | "WEB_PORT"; why: string }> = {
  EADDRINUSE: { variable: "WEB_PORT", why: "it is already in use" },
  EACCES: { variable: "WEB_PORT", why: "it needs more privileges" },
  EADDRNOTAVAIL: { variable: "WEB_HOST", why: "it is not an address of this machine" },
  ENOTFOUND: { variable: "WEB_HOST", why: "the host name does not resolve" },
  EAI_AGAIN: { variable: "WEB_HOST", why: "the host name could not be resolved" },
  EAI_FAIL: { variable: "WEB_HOST", why: "the host name could not be resolved" },
  EINVAL: { variable: "WEB_HOST", why: "it is not a valid address" },
};

/** Anything with a fetch handler: a Hono app. */
export interface FetchApp {
  // biome-ignore lint/suspicious/noExplicitAny: Hono's fetch takes whatever env the app was typed with
  fetch: (request: Request, env: any) => Response | Promise<Response>;
}

export interface WebServer {
  /** The address to open in a browser, e.g. http://127.0.0.1:3000/ */
  url: string;
  port: number;
  /** Stops accepting connections; open requests get `graceMs` (default 2 s) to finish. */
  close(graceMs?: number): Promise<void>;
}

function urlFor(host: string, port: number): string {
  const h = host === "0.0.0.0" || host === "" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host;
  return `http://${h}:${port}/`;
}

/** Listens on host:port (port 0 picks a free port) and resolves once the server accepts connections. */
export function startWebServer(app: FetchApp, opts: { host: string; port: number }): Promise<WebServer> {
  return new Promise((resolve, reject) => {
    let server: Server;
    const onError = (err: NodeJS.ErrnoException) => {
      const where = `${opts.host}:${opts.port}`;
      const problem = LISTEN_PROBLEMS[err.code ?? ""];
      if (problem) reject(variableError(problem.variable, `cannot listen on ${where}: ${problem.why}`, err));
      else reject(err);
    };
    server = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, (info: AddressInfo) => {
      server.off("error", onError);
      resolve({
        url: urlFor(opts.host, info.port),
        port: info.port,
        close: (graceMs = 2000) =>
          new Promise<void>((done, fail) => {
            const timer = setTimeout(() => server.closeAllConnections(), graceMs);
            timer.unref();
            server.close((err) => {
              clearTimeout(timer);
              if (err && (err as NodeJS.ErrnoException).code !== "ERR_SERVER_NOT_RUNNING") fail(err);
              else done();
            });
            server.closeIdleConnections();
          }),
      });
    }) as Server;
    server.once("error", onError);
  });
}
