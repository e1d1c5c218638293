/** The HTTP skeleton of the platform fakes: each request read whole, answered with JSON. */
import { createServer, type IncomingMessage, type Server } from "node:http";

/** What a fake's route handler gets: the request, its URL and body, and how to answer. */
export interface JsonRequest {
  req: IncomingMessage;
  url: URL;
  body: string;
  send(status: number, data: unknown): void;
}

/** A server calling `handle` once each request's body has arrived. */
export function jsonServer(handle: (r: JsonRequest) => void): Server {
  return createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const send = (status: number, data: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(data));
      };
      handle({ req, url: new URL(req.url ?? "/", "http://x"), body, send });
    });
  });
}
