/**
 * A real HTTP server on 127.0.0.1 (random port) for loader tests: no mocked fetch, so timeouts,
 * resets and partial bodies behave as they do on the network. Every request is recorded.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path and query, as the server saw them. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request arrived: compare two of them to measure waits. */
  time: number;
}

/** Gets the request with its body already read; may be async, never answer, or destroy the socket. */
export type Handler = (req: IncomingMessage, res: ServerResponse, request: RecordedRequest) => unknown;

export interface LocalServer {
  /** Base URL without a trailing slash, e.g. "http://127.0.0.1:54321". */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const time = performance.now();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        time,
      };
      requests.push(request);
      Promise.resolve()
        .then(() => handler(req, res, request))
        .catch((error: unknown) => {
          // A broken handler shows up as a 500 the test can see, not as a crashed test run.
          if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
          res.end(`handler threw: ${String(error)}`);
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Drop kept-alive and deliberately unanswered connections, or close() would wait for them.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Answers with a JSON body and a correct Content-Length. */
export function sendJson(res: ServerResponse, value: unknown, status = 200, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}
