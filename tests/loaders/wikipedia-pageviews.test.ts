import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../../loaders/http.ts";
import { runRefresh } from "../../loaders/run-refresh.ts";
import type { PageviewRow } from "../../loaders/schema.ts";
import { readAll } from "../../loaders/store/read.ts";
import { verifyStore } from "../../loaders/store/verify.ts";
import { addDays, daysFrom, utcDay } from "../../loaders/sources/utc-days.ts";
import {
  BACKFILL_START,
  createWikipediaPageviews,
  latestPageviews,
  scopeFor,
  TRACKED_ARTICLES,
  type TrackedArticle,
} from "../../loaders/sources/wikipedia-pageviews.ts";
import { sendJson, startServer, type LocalServer } from "../helpers/local-server.ts";
import { runTsx } from "../helpers/run-tsx.ts";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/wikipedia/${name}`, import.meta.url), "utf8")) as Record<string, unknown>;
const TEMPLATE = (fixture("per-article.json").items as Record<string, unknown>[])[0]!;
const NOT_FOUND = fixture("not-found.json");
const PATH = /^\/metrics\/pageviews\/per-article\/([^/]+)\/all-access\/user\/([^/]+)\/daily\/(\d{8})00\/(\d{8})00$/;

/** A deterministic number of views for any article and day. */
function viewsOf(project: string, article: string, date: string): number {
  return createHash("sha1").update(`${project}|${article}|${date}`).digest().readUInt32BE(0) % 50_000;
}

interface WikiState {
  /** Titles (as on the wiki) the server answers 404 for. */
  missing: Set<string>;
  /** "article|date" -> views, replacing the generated number (a revision). */
  override: Map<string, number>;
  /** "article|date" the API leaves out (no views, or not processed yet). */
  omit: Set<string>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function wikiServer(): Promise<{ server: LocalServer; state: WikiState }> {
  const state: WikiState = { missing: new Set(), override: new Map(), omit: new Set() };
  const server = await startServer((_req, res, request) => {
    const m = PATH.exec(request.url);
    if (!m) return sendJson(res, { ...NOT_FOUND, detail: "bad path" }, 400);
    const [, project, encoded, start, end] = m as unknown as [string, string, string, string, string];
    const article = decodeURIComponent(encoded);
    if (state.missing.has(article)) return sendJson(res, NOT_FOUND, 404);
    const day = (c: string) => `${c.slice(0, 4)}-${c.slice(4, 6)}-${c.slice(6, 8)}`;
    const items = daysFrom(day(start), day(end))
      .filter((date) => !state.omit.has(`${article}|${date}`))
      .map((date) => ({
        ...TEMPLATE,
        project,
        article,
        timestamp: `${date.replaceAll("-", "")}00`,
        views: state.override.get(`${article}|${date}`) ?? viewsOf(project, article, date),
      }));
    sendJson(res, { items });
  });
  cleanups.push(() => server.close());
  return { server, state };
}

async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "wiki-test-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const http = createHttpClient({ userAgent: "RedNoteTracker/test (+https://example.org/contact)", retries: 0 });

async function refresh(server: LocalServer, dataDir: string, now: string, articles: readonly TrackedArticle[] = TRACKED_ARTICLES) {
  const notes: string[] = [];
  const summary = await runRefresh({
    sources: [createWikipediaPageviews({ articles })],
    countries: [],
    dataDir,
    http,
    baseUrls: { "wikipedia-pageviews": server.url },
    env: {},
    now: () => new Date(now),
    log: (message) => notes.push(message),
  });
  return { summary, notes };
}

/** The date range each request of `requests` asked for, by decoded title. */
function ranges(requests: LocalServer["requests"]): Map<string, string> {
  return new Map(
    requests.map((r) => {
      const m = PATH.exec(r.url)!;
      return [decodeURIComponent(m[2]!), `${m[3]}..${m[4]}`];
    }),
  );
}

function expectCompleteSeries(rows: PageviewRow[], articles: readonly TrackedArticle[], last: string) {
  const latest = latestPageviews(rows);
  const keys = latest.map((r) => `${r.project}|${r.article}|${r.date}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const a of articles) {
    const title = a.title.replaceAll(" ", "_");
    const series = latest.filter((r) => r.project === a.project && r.article === title);
    expect(series.map((r) => r.date)).toEqual(daysFrom(BACKFILL_START, last));
  }
  return latest;
}

describe("wikipedia-pageviews", () => {
  it("back-fills from 2024-01-01 to yesterday, then fetches only the missing days plus the last 2 stored", async () => {
    const { server } = await wikiServer();
    const dir = await tempDataDir();

    const first = await refresh(server, dir, "2025-01-20T06:00:00.000Z");
    expect(first.summary.ok, JSON.stringify(first.summary.failed)).toBe(true);
    expect(first.summary.results.map((r) => r.status)).toEqual(TRACKED_ARTICLES.map(() => "new"));
    expect([...ranges(server.requests).values()]).toEqual(TRACKED_ARTICLES.map(() => "20240101..20250119"));
    expect(server.requests[0]!.headers["user-agent"]).toMatch(/contact/);

    server.requests.length = 0;
    const second = await refresh(server, dir, "2025-01-25T06:00:00.000Z");
    expect(second.summary.ok).toBe(true);
    // Missing days 2025-01-20..24, plus the last two stored days 2025-01-18 and 19.
    expect([...ranges(server.requests).values()]).toEqual(TRACKED_ARTICLES.map(() => "20250118..20250124"));
    expect(second.summary.results.map((r) => r.rows)).toEqual(TRACKED_ARTICLES.map(() => 5));

    const rows = await readAll(dir, "pageviews");
    // Unchanged re-fetched days are not stored twice: the raw rows have no duplicates at all.
    const keys = rows.map((r) => `${r.project}|${r.article}|${r.date}`);
    expect(new Set(keys).size).toBe(keys.length);
    const latest = expectCompleteSeries(rows, TRACKED_ARTICLES, "2025-01-24");
    const jan14 = latest.find((r) => r.article === "Xiaohongshu" && r.date === "2025-01-14")!;
    expect(jan14.views).toBe(viewsOf("en.wikipedia", "Xiaohongshu", "2025-01-14"));
    expect((await verifyStore(dir)).problems).toEqual([]);

    // A third run the same day finds nothing new and stores no snapshot.
    server.requests.length = 0;
    const third = await refresh(server, dir, "2025-01-25T18:00:00.000Z");
    expect(third.summary.results.map((r) => [r.status, r.rows])).toEqual(TRACKED_ARTICLES.map(() => ["unchanged", 0]));
    expect([...ranges(server.requests).values()]).toEqual(TRACKED_ARTICLES.map(() => "20250123..20250124"));
    expect((await readAll(dir, "pageviews")).length).toBe(rows.length);
  });

  it("records a revised recent day as a revision and resolves it to the latest value", async () => {
    const { server, state } = await wikiServer();
    const dir = await tempDataDir();
    const articles = [{ project: "en.wikipedia", title: "Xiaohongshu" }];
    await refresh(server, dir, "2025-01-20T06:00:00.000Z", articles);
    const before = viewsOf("en.wikipedia", "Xiaohongshu", "2025-01-19");
    state.override.set("Xiaohongshu|2025-01-19", before + 1234);

    const { summary, notes } = await refresh(server, dir, "2025-01-21T06:00:00.000Z", articles);
    expect(summary.results[0]).toMatchObject({ status: "new", rows: 2 });
    expect(notes.join("\n")).toContain(`revised 2025-01-19 ${before}->${before + 1234}`);

    const rows = await readAll(dir, "pageviews");
    const jan19 = rows.filter((r) => r.date === "2025-01-19");
    expect(jan19.map((r) => r.views)).toEqual([before, before + 1234]);
    expect(jan19[1]!.retrieved_at > jan19[0]!.retrieved_at).toBe(true);
    const latest = expectCompleteSeries(rows, articles, "2025-01-20");
    expect(latest.find((r) => r.date === "2025-01-19")!.views).toBe(before + 1234);
  });

  it("latestPageviews keeps the newest retrieval per article and day, whatever the row order", () => {
    const row = (date: string, views: number, retrieved_at: string): PageviewRow => ({ project: "en.wikipedia", article: "TikTok", date, views, retrieved_at });
    const rows = [
      row("2025-01-02", 7, "2025-01-04T00:00:00.500Z"),
      row("2025-01-01", 1, "2025-01-02T00:00:00.000Z"),
      row("2025-01-02", 5, "2025-01-03T00:00:00.000Z"),
      row("2025-01-02", 6, "2025-01-04T00:00:00Z"),
    ];
    expect(latestPageviews(rows).map((r) => [r.date, r.views])).toEqual([
      ["2025-01-01", 1],
      ["2025-01-02", 7],
    ]);
  });

  it("encodes CJK, space and slash titles into one path segment and gives them stable scopes", async () => {
    const { server } = await wikiServer();
    const dir = await tempDataDir();
    const articles = [
      { project: "zh.wikipedia", title: "小红书" },
      { project: "en.wikipedia", title: "AC/DC live (1992 album)" },
    ];
    const { summary } = await refresh(server, dir, "2024-01-05T00:00:00.000Z", articles);
    expect(summary.ok).toBe(true);
    expect(server.requests.map((r) => r.url).sort()).toEqual([
      "/metrics/pageviews/per-article/en.wikipedia/all-access/user/AC%2FDC_live_(1992_album)/daily/2024010100/2024010400",
      "/metrics/pageviews/per-article/zh.wikipedia/all-access/user/%E5%B0%8F%E7%BA%A2%E4%B9%A6/daily/2024010100/2024010400",
    ]);
    const sha = createHash("sha1").update("小红书").digest("hex").slice(0, 8);
    expect(summary.results.map((r) => r.scope)).toEqual([`zh-${sha}`, "en-ac-dc-live-1992-album"]);
    expect(scopeFor({ project: "en.wikipedia", title: "Protecting_Americans_from_Foreign_Adversary_Controlled_Applications_Act" })).toBe(
      "en-protecting-americans-from-foreign-adversary-controlled-applications-act",
    );
    const stored = await readAll(dir, "pageviews");
    expect([...new Set(stored.map((r) => r.article))].sort()).toEqual(["AC/DC_live_(1992_album)", "小红书"]);
  });

  it("stores a day the API leaves out between returned days as 0, and leaves an unprocessed last day for the next run", async () => {
    const { server, state } = await wikiServer();
    const dir = await tempDataDir();
    const articles = [{ project: "en.wikipedia", title: "Lemon8" }];
    state.omit.add("Lemon8|2024-01-03");
    state.omit.add("Lemon8|2024-01-09");
    const first = await refresh(server, dir, "2024-01-10T03:00:00.000Z", articles);
    expect(first.summary.results[0]).toMatchObject({ status: "new", rows: 8 });
    let rows = await readAll(dir, "pageviews");
    expect(rows.find((r) => r.date === "2024-01-03")!.views).toBe(0);
    expect(rows.some((r) => r.date === "2024-01-09")).toBe(false);

    state.omit.clear();
    server.requests.length = 0;
    await refresh(server, dir, "2024-01-10T09:00:00.000Z", articles);
    expect([...ranges(server.requests).values()]).toEqual(["20240107..20240109"]);
    rows = await readAll(dir, "pageviews");
    expectCompleteSeries(rows, articles, "2024-01-09");
  });

  it("fails only the scope of a missing article, with a one-line message and a note", async () => {
    const { server, state } = await wikiServer();
    const dir = await tempDataDir();
    state.missing.add("No_such_article_here");
    const articles = [
      { project: "en.wikipedia", title: "No such article here" },
      { project: "en.wikipedia", title: "TikTok" },
    ];
    const { summary, notes } = await refresh(server, dir, "2025-01-20T06:00:00.000Z", articles);
    expect(summary.ok).toBe(false);
    const [missing, tiktok] = summary.results;
    expect(missing).toMatchObject({ scope: "en-no-such-article-here", status: "failed" });
    expect(missing!.error).toMatch(/^article not found: en\.wikipedia "No_such_article_here" .*HTTP 404/);
    expect(missing!.error).not.toMatch(/\n/);
    expect(tiktok).toMatchObject({ status: "new", rows: 385 });
    expect(notes.some((n) => n.includes("HTTP 404") && n.includes("TRACKED_ARTICLES"))).toBe(true);
  });

  it("runs through `npm run refresh` (bin/refresh.ts) twice: back-fill, then only the last 2 days again", async () => {
    const { server } = await wikiServer();
    const dir = await tempDataDir();
    const args = ["--source", "wikipedia-pageviews", "--base-url", `wikipedia-pageviews=${server.url}`, "--data-dir", dir];
    const env = { TRACKER_HTTP_RETRIES: "0", TRACKER_DATA_DIR: undefined };
    const yesterday = addDays(utcDay(new Date()), -1);

    const first = await runTsx("bin/refresh.ts", args, env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/refresh: 6 scopes ok \(6 new, 0 unchanged\)/);
    expect([...ranges(server.requests).values()]).toEqual(TRACKED_ARTICLES.map(() => `20240101..${yesterday.replaceAll("-", "")}`));

    server.requests.length = 0;
    const second = await runTsx("bin/refresh.ts", args, env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/refresh: 6 scopes ok \(0 new, 6 unchanged\)/);
    const c = (d: string) => d.replaceAll("-", "");
    expect([...ranges(server.requests).values()]).toEqual(TRACKED_ARTICLES.map(() => `${c(addDays(yesterday, -1))}..${c(yesterday)}`));

    expectCompleteSeries(await readAll(dir, "pageviews"), TRACKED_ARTICLES, yesterday);
    expect((await verifyStore(dir)).problems).toEqual([]);
  });
});
