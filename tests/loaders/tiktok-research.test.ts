import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../../loaders/http.ts";
import { runRefresh } from "../../loaders/run-refresh.ts";
import { readAll } from "../../loaders/store/read.ts";
import { verifyStore } from "../../loaders/store/verify.ts";
import { createTiktokResearch, FIELDS } from "../../loaders/sources/tiktok-research.ts";
import { addDays, daysFrom, utcDay } from "../../loaders/sources/utc-days.ts";
import { sendJson, startServer, type LocalServer } from "../helpers/local-server.ts";
import { runTsx } from "../helpers/run-tsx.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tiktok/${name}`, import.meta.url), "utf8");
const TOKEN = JSON.parse(fixture("token.json")) as Record<string, unknown>;
const TOKEN_ERROR = JSON.parse(fixture("token-error.json")) as Record<string, unknown>;
const TOKEN_INVALID = JSON.parse(fixture("error-token-invalid.json")) as Record<string, unknown>;
/** Kept as text: its ids are larger than a JSON number (a double) holds exactly. */
const QUERY_PAGE = fixture("query-page.json");

const KEY = "test-client-key";
const SECRET = "s3cr3t-Client-Secret-0123456789";
const CREDENTIALS = { TIKTOK_CLIENT_KEY: KEY, TIKTOK_CLIENT_SECRET: SECRET };
const DAY_S = 86_400;

interface QueryBody {
  query: { and: { operation: string; field_name: string; field_values: string[] }[] };
  start_date: string;
  end_date: string;
  max_count: number;
  cursor?: number;
  search_id?: string;
}

interface TikState {
  videosPerDay: number;
  /** Answer 401 to this query (n counts every query request, from 1). */
  reject: (token: string, n: number, tag: string) => boolean;
  /** Replace the whole query answer, e.g. with a recorded page. */
  page?: (body: QueryBody, n: number) => string | undefined;
  /** Make the token endpoint refuse, echoing what it was sent (as a careless server might). */
  refuseToken: boolean;
  tokens: number;
  queries: { body: QueryBody; token: string; url: string }[];
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const dayOf = (compact: string) => `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;

/** Videos for a window, in a stable order; ids are 19-digit numbers as TikTok's are. */
function videosFor(state: TikState, tag: string, start: string, end: string): string[] {
  const videos: string[] = [];
  for (const date of daysFrom(dayOf(start), dayOf(end))) {
    const t0 = Date.parse(`${date}T00:00:00Z`) / 1000;
    for (let k = 0; k < state.videosPerDay; k++) {
      const id = 7_460_000_000_000_000_000n + BigInt(t0) * 1000n + BigInt(k);
      videos.push(`{"id":${id},"create_time":${t0 + k * 3000},"view_count":${10 * (k + 1)},"hashtag_names":[${JSON.stringify(tag)}]}`);
    }
  }
  return videos;
}

async function tiktokServer(): Promise<{ server: LocalServer; state: TikState }> {
  const state: TikState = { videosPerDay: 7, reject: () => false, refuseToken: false, tokens: 0, queries: [] };
  const server = await startServer((req, res, request) => {
    if (request.method === "POST" && request.url === "/v2/oauth/token/") {
      const form = new URLSearchParams(request.body);
      if (state.refuseToken || form.get("client_key") !== KEY || form.get("client_secret") !== SECRET || form.get("grant_type") !== "client_credentials") {
        return sendJson(res, { ...TOKEN_ERROR, error_description: `bad credentials: ${request.body}` });
      }
      state.tokens++;
      return sendJson(res, { ...TOKEN, access_token: `clt.test-token-${state.tokens}` });
    }
    if (request.method === "POST" && request.url === `/v2/research/video/query/?fields=${FIELDS}`) {
      const token = String(req.headers.authorization ?? "").replace(/^Bearer /i, "");
      const body = JSON.parse(request.body) as QueryBody;
      state.queries.push({ body, token, url: request.url });
      const n = state.queries.length;
      const tag = body.query.and[0]!.field_values[0]!;
      if (state.reject(token, n, tag)) return sendJson(res, TOKEN_INVALID, 401);
      const recorded = state.page?.(body, n);
      if (recorded !== undefined) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(recorded);
      }
      const days = daysFrom(dayOf(body.start_date), dayOf(body.end_date)).length;
      if (days < 1 || days > 30) return sendJson(res, { error: { code: "invalid_params", message: "Invalid date range", log_id: "x" } }, 400);
      const searchId = `search-${tag}-${body.start_date}`;
      if (body.cursor !== undefined && body.search_id !== searchId) {
        return sendJson(res, { error: { code: "invalid_params", message: "search_id does not match the cursor", log_id: "x" } }, 400);
      }
      const all = videosFor(state, tag, body.start_date, body.end_date);
      const offset = body.cursor ?? 0;
      const videos = all.slice(offset, offset + body.max_count);
      const hasMore = offset + videos.length < all.length;
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(
        `{"data":{"videos":[${videos.join(",")}],"cursor":${offset + videos.length},"has_more":${hasMore},"search_id":"${searchId}"},"error":{"code":"ok","message":"","log_id":"202501150830"}}`,
      );
    }
    sendJson(res, { error: { code: "not_found", message: request.url } }, 404);
  });
  cleanups.push(() => server.close());
  return { server, state };
}

async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tiktok-test-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const http = createHttpClient({ userAgent: "RedNoteTracker/test (+https://example.org/contact)", retries: 0 });

async function refresh(server: LocalServer, dataDir: string, now: string, hashtags: string[], env: NodeJS.ProcessEnv = CREDENTIALS, concurrency = 2) {
  const notes: string[] = [];
  const summary = await runRefresh({
    sources: [createTiktokResearch({ hashtags })],
    countries: [],
    dataDir,
    http,
    baseUrls: { "tiktok-research": server.url },
    env,
    now: () => new Date(now),
    log: (message) => notes.push(message),
    concurrency,
  });
  return { summary, notes };
}

describe("tiktok-research", () => {
  it("paginates across 30-day windows and cursors, counts videos and views per day, then fetches only new days", async () => {
    const { server, state } = await tiktokServer();
    const dir = await tempDataDir();
    const { summary } = await refresh(server, dir, "2025-03-05T06:00:00.000Z", ["rednote"]);
    expect(summary.ok, JSON.stringify(summary.failed)).toBe(true);
    // 2025-01-01..2025-03-04 is 63 days: windows of 30, 30 and 3 days; 7 videos a day, 100 a page.
    expect(state.queries.map((q) => [q.body.start_date, q.body.end_date, q.body.cursor, q.body.search_id])).toEqual([
      ["20250101", "20250130", undefined, undefined],
      ["20250101", "20250130", 100, "search-rednote-20250101"],
      ["20250101", "20250130", 200, "search-rednote-20250101"],
      ["20250131", "20250301", undefined, undefined],
      ["20250131", "20250301", 100, "search-rednote-20250131"],
      ["20250131", "20250301", 200, "search-rednote-20250131"],
      ["20250302", "20250304", undefined, undefined],
    ]);
    expect(state.queries[0]!.body).toMatchObject({
      query: { and: [{ operation: "IN", field_name: "hashtag_name", field_values: ["rednote"] }] },
      max_count: 100,
    });
    expect(state.queries.every((q) => q.token === "clt.test-token-1")).toBe(true);
    const token = server.requests.find((r) => r.url === "/v2/oauth/token/")!;
    expect(token.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(new URLSearchParams(token.body).get("grant_type")).toBe("client_credentials");

    const rows = await readAll(dir, "hashtag_counts");
    expect(rows.map((r) => r.date)).toEqual(daysFrom("2025-01-01", "2025-03-04"));
    expect(rows.every((r) => r.platform === "tiktok" && r.hashtag === "rednote" && r.videos === 7 && r.views === 280)).toBe(true);
    expect(JSON.parse(rows[0]!.query)).toEqual({
      endpoint: "POST /v2/research/video/query/",
      fields: FIELDS,
      query: { and: [{ operation: "IN", field_name: "hashtag_name", field_values: ["rednote"] }] },
      start_date: "20250101",
      end_date: "20250130",
    });
    expect((await verifyStore(dir)).problems).toEqual([]);

    state.queries.length = 0;
    const again = await refresh(server, dir, "2025-03-07T06:00:00.000Z", ["rednote"]);
    expect(again.summary.results[0]).toMatchObject({ status: "new", rows: 2 });
    expect(state.queries.map((q) => [q.body.start_date, q.body.end_date])).toEqual([["20250305", "20250306"]]);
    expect(await readAll(dir, "hashtag_counts")).toHaveLength(65);
  });

  it("reads a recorded page: ids beyond 2^53 stay distinct, a repeated video is counted once", async () => {
    const { server, state } = await tiktokServer();
    const dir = await tempDataDir();
    const page = JSON.parse(QUERY_PAGE) as { data: { videos: unknown[] } };
    const first = QUERY_PAGE;
    // The second page repeats the first video (the API is known to repeat videos across pages).
    const second = QUERY_PAGE.replace('"has_more": true', '"has_more": false')
      .replace('"cursor": 100', '"cursor": 102')
      .replace(/"id": 7460153447051906311,\s*"create_time": 1736902800,\s*"view_count": 402,\s*"hashtag_names": \["tiktokrefugee"\]\s*\}/, '"id": 7460153447051906399, "create_time": 1736985600, "view_count": 5 }');
    expect(page.data.videos).toHaveLength(2);
    state.page = (_body, n) => (n === 1 ? first : second);
    const { summary, notes } = await refresh(server, dir, "2025-01-17T06:00:00.000Z", ["tiktokrefugee"]);
    expect(summary.ok, JSON.stringify(summary.failed)).toBe(true);
    expect(state.queries[1]!.body).toMatchObject({ cursor: 100, search_id: "7460153520390013995" });
    const rows = await readAll(dir, "hashtag_counts");
    expect(rows.map((r) => r.date)).toEqual(daysFrom("2025-01-01", "2025-01-16"));
    // 7460153447051906310 and ...311 are the same double; both count. ...310 again on page 2 does not.
    expect(rows.find((r) => r.date === "2025-01-15")).toMatchObject({ videos: 2, views: 15632 });
    expect(rows.find((r) => r.date === "2025-01-16")).toMatchObject({ videos: 1, views: 5 });
    expect(rows.filter((r) => r.videos > 0)).toHaveLength(2);
    expect(notes.join("\n")).toContain("1 duplicate video(s) ignored");
  });

  it("survives a 401 mid-run by renewing the token once and retrying", async () => {
    const { server, state } = await tiktokServer();
    const dir = await tempDataDir();
    state.reject = (token, n) => token === "clt.test-token-1" && n >= 3;
    const { summary, notes } = await refresh(server, dir, "2025-03-05T06:00:00.000Z", ["rednote"]);
    expect(summary.ok, JSON.stringify(summary.failed)).toBe(true);
    expect(state.tokens).toBe(2);
    expect(state.queries.map((q) => q.token)).toEqual([
      "clt.test-token-1",
      "clt.test-token-1",
      "clt.test-token-1",
      ...Array(5).fill("clt.test-token-2"),
    ]);
    // The rejected page was asked again with the new token, same cursor.
    expect(state.queries[3]!.body).toEqual(state.queries[2]!.body);
    expect(notes.filter((n) => n.includes("renewing it once"))).toHaveLength(1);
    expect((await readAll(dir, "hashtag_counts")).every((r) => r.videos === 7)).toBe(true);
  });

  it("fails the scope when a freshly renewed token is rejected too", async () => {
    const { server, state } = await tiktokServer();
    const dir = await tempDataDir();
    state.reject = () => true;
    const { summary } = await refresh(server, dir, "2025-03-05T06:00:00.000Z", ["rednote"]);
    expect(summary.ok).toBe(false);
    expect(summary.results[0]!.error).toMatch(/^TikTok rejected a freshly issued access token \(HTTP 401\) at POST .* for #rednote/);
    expect(summary.results[0]!.error).not.toMatch(/\n/);
    expect(state.tokens).toBe(2);
    expect(state.queries).toHaveLength(2);
    expect(await readdir(dir)).not.toContain("hashtag_counts");
  });

  it("stops cleanly at the request budget, keeping only whole windows", async () => {
    const { server, state } = await tiktokServer();
    const dir = await tempDataDir();
    const env = { ...CREDENTIALS, TIKTOK_REQUEST_BUDGET: "4" };
    const { summary, notes } = await refresh(server, dir, "2025-03-05T06:00:00.000Z", ["rednote", "xiaohongshu"], env, 1);
    expect(state.queries).toHaveLength(4);
    const [rednote, xiaohongshu] = summary.results;
    expect(rednote).toMatchObject({ status: "new", rows: 30 });
    expect(xiaohongshu!.status).toBe("failed");
    expect(xiaohongshu!.error).toBe("request budget of 4 reached (TIKTOK_REQUEST_BUDGET) before #xiaohongshu was fetched; run again tomorrow to continue from 2025-01-01.");
    expect(notes.find((n) => n.startsWith("WARNING"))).toMatch(/#rednote kept through 2025-01-30, the next run continues from 2025-01-31/);
    expect((await readAll(dir, "hashtag_counts")).map((r) => r.date)).toEqual(daysFrom("2025-01-01", "2025-01-30"));
  });

  it("is skipped without credentials: the refresh summary says so and exits 0", async () => {
    const dir = await tempDataDir();
    const run = await runTsx("bin/refresh.ts", ["--source", "tiktok-research", "--data-dir", dir], {
      TIKTOK_CLIENT_KEY: undefined,
      TIKTOK_CLIENT_SECRET: undefined,
      TRACKER_DATA_DIR: undefined,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^tiktok-research +\* +skipped +skipped: no credentials/m);
    expect(run.stdout).toMatch(/skipped: tiktok-research/);
    expect(await readdir(dir)).toEqual([]);
  });

  it("never prints, logs or stores the client secret, even when a server echoes it", async () => {
    const { server, state } = await tiktokServer();
    const dir = await tempDataDir();
    state.videosPerDay = 2;
    state.reject = (_token, _n, tag) => tag === "escapetiktok";
    const args = ["--source", "tiktok-research", "--base-url", `tiktok-research=${server.url}`, "--data-dir", dir];
    const env = { ...CREDENTIALS, TRACKER_HTTP_RETRIES: "0", TRACKER_DATA_DIR: undefined };
    const ok = await runTsx("bin/refresh.ts", args, env);
    expect(ok.code).toBe(1);
    expect(ok.stdout).toMatch(/^tiktok-research +rednote +\d+ +new/m);
    expect(ok.stderr).toMatch(/escapetiktok \(TikTok rejected a freshly issued access token/);
    expect(server.requests.some((r) => r.body.includes(SECRET))).toBe(true);

    state.refuseToken = true;
    const refused = await runTsx("bin/refresh.ts", [...args.slice(0, -1), await tempDataDir()], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("TikTok refused the client credentials (invalid_client: bad credentials: client_key=test-client-key&client_secret=[redacted]");

    const files = await readdir(dir, { recursive: true, withFileTypes: true });
    const contents = await Promise.all(files.filter((f) => f.isFile()).map((f) => readFile(join(f.parentPath, f.name), "utf8")));
    expect(contents.length).toBeGreaterThan(3);
    for (const text of [ok.stdout, ok.stderr, refused.stdout, refused.stderr, ...contents]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/clt\.test-token/);
    }
    const yesterday = addDays(utcDay(new Date()), -1);
    const rows = await readAll(dir, "hashtag_counts");
    expect(rows.filter((r) => r.hashtag === "rednote").map((r) => r.date)).toEqual(daysFrom("2025-01-01", yesterday));
  });
});
