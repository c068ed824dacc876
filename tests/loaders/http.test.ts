import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient, HttpError, type HttpClientOptions } from "../../loaders/http.ts";
import { sendJson, startServer, type Handler, type LocalServer } from "../helpers/local-server.ts";

const USER_AGENT = "RedNoteTracker/0.1 (+https://example.org/contact)";
const servers: LocalServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Handler): Promise<LocalServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

/** Short waits keep the file fast; every test that retries still retries for real. */
function client(options: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ userAgent: USER_AGENT, baseDelayMs: 10, maxDelayMs: 2_000, ...options });
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  const httpError = error as HttpError;
  expect(httpError.message).not.toMatch(/\n/);
  return httpError;
}

describe("http client", () => {
  it("gets JSON, sending our User-Agent and asking for JSON", async () => {
    const server = await serve((_req, res) => sendJson(res, { feed: { results: [1, 2] } }));
    const response = await client().getJson(`${server.url}/feed.json?x=1`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ feed: { results: [1, 2] } });
    expect(response.url).toBe(`${server.url}/feed.json?x=1`);
    expect(response.bytes).toBe(JSON.stringify({ feed: { results: [1, 2] } }).length);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(Date.parse(response.retrievedAt)).not.toBeNaN();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers["user-agent"]).toBe(USER_AGENT);
    expect(server.requests[0]?.headers["accept"]).toBe("application/json");
  });

  it("gets text", async () => {
    const server = await serve((_req, res) => res.end("héllo"));
    const response = await client().getText(server.url);
    expect(response.body).toBe("héllo");
    expect(response.bytes).toBe(6);
  });

  it("passes method, headers and a replayable body through, and keeps headers out of messages", async () => {
    const server = await serve((req, res) => (req.url === "/token" ? sendJson(res, { ok: true }) : sendJson(res, {}, 401)));
    const http = client();
    await http.getJson(`${server.url}/token`, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials" }) });
    expect(server.requests[0]).toMatchObject({ method: "POST", body: "grant_type=client_credentials" });
    expect(server.requests[0]?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);

    const error = await failure(
      http.getJson(`${server.url}/query`, {
        method: "POST",
        headers: { authorization: "Bearer s3cret", "content-type": "application/json" },
        body: JSON.stringify({ query: 1 }),
      }),
    );
    expect(server.requests[1]).toMatchObject({ method: "POST", body: '{"query":1}' });
    expect(server.requests[1]?.headers["authorization"]).toBe("Bearer s3cret");
    expect(error).toMatchObject({ reason: "http-401", status: 401, attempts: 1 });
    expect(error.message).toMatch(/^POST .*\/query failed: HTTP 401 after 1 attempt\. Check the credentials/);
    expect(error.message).not.toContain("s3cret");
  });

  it("retries a 500 and then succeeds", async () => {
    const server = await serve((_req, res) => (server.requests.length === 1 ? sendJson(res, {}, 500) : sendJson(res, { ok: 1 })));
    const response = await client().getJson(server.url);
    expect(response.body).toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(2);
  });

  it("gives up on a server that keeps failing, naming the URL, status and attempts", async () => {
    const server = await serve((_req, res) => sendJson(res, { error: "boom" }, 500));
    const error = await failure(client({ retries: 3 }).getJson(`${server.url}/v1/feed`));
    expect(error).toMatchObject({ reason: "http-500", status: 500, attempts: 4, url: `${server.url}/v1/feed` });
    expect(server.requests).toHaveLength(4);
    expect(error.message).toBe(`GET ${server.url}/v1/feed failed: HTTP 500 after 4 attempts. The server is failing; try again later.`);
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    const server = await serve((_req, res) =>
      server.requests.length === 1 ? sendJson(res, {}, 429, { "retry-after": "1" }) : sendJson(res, { ok: 1 }),
    );
    const response = await client().getJson(server.url);
    expect(response.body).toEqual({ ok: 1 });
    const [first, second] = server.requests;
    expect(second!.time - first!.time).toBeGreaterThanOrEqual(900);
  });

  it("fails at once when Retry-After is longer than maxDelayMs, in seconds or as an HTTP-date", async () => {
    const inTwoHours = new Date(Date.now() + 2 * 3600_000).toUTCString();
    const server = await serve((req, res) =>
      sendJson(res, {}, req.url === "/date" ? 503 : 429, { "retry-after": req.url === "/date" ? inTwoHours : "3600" }),
    );
    const started = performance.now();
    const seconds = await failure(client().getJson(`${server.url}/seconds`));
    expect(seconds).toMatchObject({ reason: "http-429", status: 429, attempts: 1 });
    expect(seconds.message).toMatch(/failed: HTTP 429 with Retry-After of 3600 s .*run the refresh again after \d{4}-/);

    const date = await failure(client().getJson(`${server.url}/date`));
    expect(date).toMatchObject({ reason: "http-503", status: 503, attempts: 1 });
    expect(date.message).toMatch(/Retry-After of 7\d{3} s/);
    expect(performance.now() - started).toBeLessThan(500);
    expect(server.requests).toHaveLength(2);
  });

  it("times out a server that never answers, per attempt", async () => {
    const server = await serve(() => {});
    const started = performance.now();
    const error = await failure(client({ timeoutMs: 200, retries: 1 }).getJson(server.url));
    expect(error).toMatchObject({ reason: "timeout", status: undefined, attempts: 2 });
    expect(error.message).toContain("no complete response within 200 ms");
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it("times out a body that stalls after the headers", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"a":');
    });
    const error = await failure(client({ timeoutMs: 200, retries: 0 }).getJson(server.url));
    expect(error).toMatchObject({ reason: "timeout", status: 200, attempts: 1 });
  });

  it("retries a reset connection", async () => {
    const server = await serve((req, res) => (server.requests.length === 1 ? req.socket.destroy() : sendJson(res, { ok: 1 })));
    expect((await client().getJson(server.url)).body).toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(2);
  });

  it("reports a connection that keeps being reset as a network error", async () => {
    const server = await serve((req) => req.socket.destroy());
    const error = await failure(client({ retries: 2 }).getJson(server.url));
    expect(error).toMatchObject({ reason: "network", status: undefined, attempts: 3 });
    expect(error.message).toMatch(/failed: network error \(.+\) after 3 attempts\. Check the network connection/);
    expect(server.requests).toHaveLength(3);
  });

  it("reports a refused connection as a network error", async () => {
    const server = await serve(() => {});
    const { url } = server;
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const error = await failure(client({ retries: 1 }).getJson(url));
    expect(error).toMatchObject({ reason: "network", attempts: 2 });
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("retries a body cut short before its Content-Length, then says it was truncated", async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"results":[1,');
      setTimeout(() => req.socket.destroy(), 10);
    });
    const error = await failure(client({ retries: 1 }).getJson(server.url));
    expect(error).toMatchObject({ reason: "network", status: 200, attempts: 2 });
    expect(error.message).toContain("truncated");
    expect(server.requests).toHaveLength(2);
  });

  it("rejects a complete but malformed JSON body without retrying", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"results":[1,');
    });
    const error = await failure(client().getJson(`${server.url}/feed`));
    expect(error).toMatchObject({ reason: "bad-json", status: 200, attempts: 1 });
    expect(error.message).toMatch(/^GET .*\/feed failed: HTTP 200 with a 14-byte body that is not valid JSON, possibly truncated/);
    expect(server.requests).toHaveLength(1);
  });

  it("rejects HTML where JSON was expected", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("\n<!doctype html><html><body>Moved</body></html>");
    });
    const error = await failure(client().getJson(server.url));
    expect(error).toMatchObject({ reason: "not-json", status: 200, attempts: 1 });
    expect(error.message).toContain("HTML/XML instead of JSON (text/html; charset=utf-8)");
  });

  it("refuses a body over maxBytes from its Content-Length", async () => {
    const server = await serve((_req, res) => sendJson(res, { data: "x".repeat(5_000) }));
    const error = await failure(client({ maxBytes: 1_000 }).getJson(server.url));
    expect(error).toMatchObject({ reason: "too-large", attempts: 1 });
    expect(error.message).toContain("exceeds the 1000-byte cap (Content-Length 5011)");
    expect(server.requests).toHaveLength(1);
  });

  it("stops reading a body without Content-Length once it passes maxBytes", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      // Chunked: the size is only known by counting, and the body would never end on its own.
      const timer = setInterval(() => res.write(`"${"x".repeat(500)}",`), 5);
      res.on("close", () => clearInterval(timer));
      res.write("[");
    });
    const error = await failure(client({ maxBytes: 2_000 }).getJson(server.url));
    expect(error).toMatchObject({ reason: "too-large", attempts: 1 });
    expect(error.message).toContain("while streaming");
  });

  it("does not retry a 404", async () => {
    const server = await serve((_req, res) => sendJson(res, { error: "not found" }, 404));
    const error = await failure(client().getJson(`${server.url}/missing`));
    expect(error).toMatchObject({ reason: "http-404", status: 404, attempts: 1 });
    expect(error.message).toMatch(/\/missing failed: HTTP 404 after 1 attempt\. Check the URL/);
    expect(server.requests).toHaveLength(1);
  });

  it("keeps at most perHostConcurrency requests in flight to one host", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const server = await serve(async (_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 50));
      inFlight--;
      sendJson(res, { ok: 1 });
    });
    const http = client({ perHostConcurrency: 2 });
    const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => http.getJson(`${server.url}/${i}`)));
    expect(responses.map((r) => r.body)).toEqual(Array(6).fill({ ok: 1 }));
    expect(server.requests).toHaveLength(6);
    expect(maxInFlight).toBe(2);
  });
});
