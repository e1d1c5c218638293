import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { listenError } from "../listen-error.js";

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
    const onError = (err: NodeJS.ErrnoException) => reject(listenError(err, opts, { host: "WEB_HOST", port: "WEB_PORT" }));
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
