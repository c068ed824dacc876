import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../../loaders/http.ts";
import { appleCharts, chartRows, chartUrl, CHART_LIMIT } from "../../loaders/sources/apple-charts.ts";
import { toIsoUtc } from "../../loaders/sources/apple-shared.ts";
import { ShapeError, type ScopeSnapshot, type SourceContext } from "../../loaders/sources/types.ts";
import { chartFeed, expectedChartRows, HOSTILE_NAMES, type Feed } from "../helpers/apple-fixtures.ts";
import { sendJson, startServer, type Handler, type LocalServer } from "../helpers/local-server.ts";

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(handler: Handler): Promise<LocalServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

const http = createHttpClient({ userAgent: "RedNoteTracker/test (+https://example.org)", retries: 0, timeoutMs: 2_000 });

function context(baseUrl: string, countries = ["us"]): SourceContext & { logs: string[] } {
  const logs: string[] = [];
  return {
    http,
    baseUrl,
    countries,
    env: {},
    readRows: () => (async function* () {})(),
    now: () => new Date(),
    log: (m) => logs.push(m),
    logs,
  };
}

/** Serves /api/v2/<cc>/apps/<chart>/100/apps.json from the fixtures, after `edit`. */
function feedHandler(edit: (feed: Feed, country: string, chart: string) => unknown = (f) => f): Handler {
  return (req, res) => {
    const match = /\/api\/v2\/([a-z]{2})\/apps\/(top-free|top-paid)\/100\/apps\.json$/.exec(req.url ?? "");
    if (!match) return sendJson(res, { error: "not found" }, 404);
    const [, country, chart] = match as unknown as [string, string, "top-free" | "top-paid"];
    sendJson(res, edit(chartFeed(chart, country), country, chart));
  };
}

async function runScope(baseUrl: string, scope = "us-top-free", countries = ["us"]) {
  const task = appleCharts.tasks(context(baseUrl, countries)).find((t) => t.scope === scope);
  if (!task) throw new Error(`no scope ${scope}`);
  return (await task.run()) as ScopeSnapshot<"chart_snapshots">[];
}

async function failure(baseUrl: string, scope = "us-top-free"): Promise<string> {
  const error = await runScope(baseUrl, scope).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).not.toMatch(/\n/);
  expect(message).toContain(chartUrl(baseUrl, "us", scope.endsWith("free") ? "top-free" : "top-paid"));
  return message;
}

describe("apple-charts source", () => {
  it("has a scope per storefront and chart", () => {
    const scopes = appleCharts.tasks(context("http://127.0.0.1:1", ["us", "gb", "jp"])).map((t) => t.scope);
    expect(scopes).toEqual(["us-top-free", "us-top-paid", "gb-top-free", "gb-top-paid", "jp-top-free", "jp-top-paid"]);
    expect(appleCharts.defaultBaseUrl).toBe("https://rss.marketingtools.apple.com");
  });

  it("asks for the chart at the base URL (with a path and a trailing slash) and keeps the whole chart in order", async () => {
    const server = await serve(feedHandler());
    const base = `${server.url}/mirror/`;
    const [snapshot, ...more] = await runScope(base);
    expect(more).toEqual([]);
    expect(server.requests.map((r) => r.url)).toEqual(["/mirror/api/v2/us/apps/top-free/100/apps.json"]);
    expect(server.requests[0]?.headers["user-agent"]).toMatch(/^RedNoteTracker\//);
    const url = `${server.url}/mirror/api/v2/us/apps/top-free/100/apps.json`;
    expect(snapshot!.dataset).toBe("chart_snapshots");
    expect(snapshot!.sources).toEqual([{ title: expect.stringContaining("Top Free"), path: url }]);
    const rows = snapshot!.rows;
    expect(rows).toEqual(expectedChartRows(chartFeed("top-free"), "top-free", snapshot!.retrievedAt));
    expect(rows).toHaveLength(CHART_LIMIT);
    expect(rows[0]).toMatchObject({ rank: 1, app_id: "741292507", name: "RedNote", feed_updated: "2025-01-14T12:00:00.000Z" });
    expect(rows[1]).toMatchObject({ rank: 2, app_id: "1498607143" });
    expect(rows[40]!.developer).toBeUndefined();
    for (const name of HOSTILE_NAMES) expect(rows.map((r) => r.name)).toContain(name);
    expect(Date.parse(snapshot!.retrievedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("accepts a shorter chart, extra fields, missing fields it does not keep, and an upper-case country", async () => {
    const server = await serve(
      feedHandler((feed) => {
        const results = feed.feed.results.slice(0, 3).map(({ artworkUrl100: _a, genres: _g, url: _u, ...rest }) => ({ ...rest, newField: { x: 1 } }));
        const { updated: _updated, ...rest } = feed.feed;
        return { feed: { ...rest, country: "US", results, somethingNew: true } };
      }),
    );
    const [snapshot] = await runScope(server.url);
    expect(snapshot!.rows.map((r) => [r.rank, r.app_id, r.feed_updated])).toEqual([
      [1, "741292507", undefined],
      [2, "1498607143", undefined],
      [3, "6739123001", undefined],
    ]);
  });

  it("also works for top-paid, named by the feed's links when its id says nothing", async () => {
    const server = await serve(feedHandler((feed) => ({ feed: { ...feed.feed, id: "urn:feed:1" } })));
    const [snapshot] = await runScope(server.url, "us-top-paid");
    expect(snapshot!.rows).toEqual(expectedChartRows(chartFeed("top-paid"), "top-paid", snapshot!.retrievedAt));
  });

  const broken: [string, (feed: Feed) => unknown, RegExp][] = [
    ["another storefront's feed", (f) => ({ feed: { ...f.feed, country: "gb" } }), /feed\.country is "gb", expected "us"/],
    ["another chart's feed", (f) => ({ feed: { ...f.feed, id: f.feed.id.replace("top-free", "top-paid"), links: [] } }), /mention "top-free"/],
    ["an empty results list", (f) => ({ feed: { ...f.feed, results: [] } }), /feed\.results is empty/],
    ["duplicate app ids", (f) => ({ feed: { ...f.feed, results: [...f.feed.results.slice(0, 5), f.feed.results[1]] } }), /app id 1498607143 is listed twice \(ranks 2 and 6\)/],
    ["results renamed", (f) => ({ feed: { ...f.feed, results: undefined, entries: f.feed.results } }), /feed\.results: Invalid input/],
    ["numeric ids", (f) => ({ feed: { ...f.feed, results: f.feed.results.map((e) => ({ ...e, id: Number(e.id) })) } }), /feed\.results\.0\.id: Invalid input: expected string/],
    ["an entry without a name", (f) => ({ feed: { ...f.feed, results: f.feed.results.map((e, i) => (i === 7 ? { ...e, name: undefined } : e)) } }), /feed\.results\.7\.name/],
    ["a non-text developer", (f) => ({ feed: { ...f.feed, results: f.feed.results.map((e, i) => (i === 3 ? { ...e, artistName: 42 } : e)) } }), /feed\.results\.3\.artistName/],
    ["an unreadable update time", (f) => ({ feed: { ...f.feed, updated: "yesterday" } }), /feed\.updated "yesterday" is not a date/],
    ["more entries than asked for", (f) => ({ feed: { ...f.feed, results: [...f.feed.results, { id: "1", name: "One more" }] } }), /101 entries, more than the 100/],
    ["a list instead of a feed", (f) => [f], /\(response\): Invalid input: expected object, received array/],
    ["a lone surrogate in a name", (f) => ({ feed: { ...f.feed, results: f.feed.results.map((e, i) => (i === 0 ? { ...e, name: "bad \ud800" } : e)) } }), /row 1 would be invalid: name: contains a lone surrogate/],
  ];
  for (const [what, edit, reason] of broken) {
    it(`refuses ${what} with a ShapeError naming the URL`, async () => {
      const server = await serve(feedHandler(edit));
      const message = await failure(server.url);
      expect(message).toMatch(reason);
      expect(message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/api\/v2\/us\/apps\/top-free\/100\/apps\.json returned an unexpected chart feed: /);
    });
  }

  it("reports HTML, truncated JSON and server errors as one line naming the URL", async () => {
    const html = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!DOCTYPE html><html><body>Maintenance</body></html>");
    });
    expect(await failure(html.url)).toMatch(/HTML\/XML instead of JSON/);
    const truncated = await serve((_req, res) => {
      const body = JSON.stringify(chartFeed("top-free")).slice(0, 5000);
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
    expect(await failure(truncated.url)).toMatch(/not valid JSON, possibly truncated/);
    const down = await serve((_req, res) => sendJson(res, {}, 503));
    expect(await failure(down.url)).toMatch(/HTTP 503/);
  });

  it("a ShapeError is what chartRows throws for a wrong shape", () => {
    expect(() => chartRows({}, { url: "http://x/feed", country: "us", chart: "top-free", retrievedAt: "2025-01-14T12:00:00.000Z" })).toThrow(ShapeError);
  });
});

describe("toIsoUtc", () => {
  it("converts RFC 2822 and zoned ISO 8601 times to UTC", () => {
    expect(toIsoUtc("Tue, 14 Jan 2025 12:00:00 +0000")).toBe("2025-01-14T12:00:00.000Z");
    expect(toIsoUtc("Tue, 14 Jan 2025 20:30:00 +0800")).toBe("2025-01-14T12:30:00.000Z");
    expect(toIsoUtc("14 Jan 2025 12:00:00 GMT")).toBe("2025-01-14T12:00:00.000Z");
    expect(toIsoUtc("2025-01-13T18:34:05Z")).toBe("2025-01-13T18:34:05.000Z");
    expect(toIsoUtc("2025-01-13T18:34:05-07:00")).toBe("2025-01-14T01:34:05.000Z");
  });
  it("refuses times without a zone and non-dates", () => {
    for (const bad of ["Tue, 14 Jan 2025 12:00:00", "2025-01-13T18:34:05", "2025-01-13", "yesterday", "", "Tue, 32 Jan 2025 12:00:00 +0000"]) {
      expect(toIsoUtc(bad), bad).toBeUndefined();
    }
  });
});
