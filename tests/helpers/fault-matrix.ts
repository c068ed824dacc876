/**
 * Every fault class from a real local server, for every source (issue #7), shared by
 * tests/loaders/fault-matrix.test.ts (a subset: every fault class at least once) and
 * tests/deep/fault-matrix.test.ts (every source × every fault class).
 *
 * One server per source on 127.0.0.1 decides per request which fault to play from a key the
 * request carries (a storefront code, an article title, a hashtag): one `npm run refresh` process
 * then plays several faults at once, one per scope. Apple sources take any storefront code, so
 * one process covers all their faults; Wikipedia (6 articles) and TikTok (4 hashtags) have fixed
 * scopes, so their faults are run in batches of that size. Each source's data directory is seeded
 * once with earlier snapshots, through the same runRefresh core the CLI uses; every batch must
 * leave it byte-identical, exit 1 without a stack trace, and give each scope a one-line reason
 * naming the source, the URL (host:port and path) and what went wrong.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient } from "../../loaders/http.ts";
import { runRefresh } from "../../loaders/run-refresh.ts";
import { SOURCES } from "../../loaders/sources/index.ts";
import { QUERY_PATH, FIELDS, TOKEN_PATH, TRACKED_HASHTAGS } from "../../loaders/sources/tiktok-research.ts";
import { addDays, daysFrom, utcDay } from "../../loaders/sources/utc-days.ts";
import { encodeTitle, normalizeTitle, scopeFor, TRACKED_ARTICLES } from "../../loaders/sources/wikipedia-pageviews.ts";
import { writeSnapshot } from "../../loaders/store/write.ts";
import { chartFeed, lookupAnswer, TRACKED_APPS } from "./apple-fixtures.ts";
import { sendJson, startServer, type LocalServer, type RecordedRequest } from "./local-server.ts";
import { runTsx, type CliRun } from "./run-tsx.ts";

export const FAULTS = ["http-500", "429-retry-after", "429-too-long", "timeout", "reset", "truncated", "html", "shape", "empty", "oversized"] as const;
export type Fault = (typeof FAULTS)[number];

/** Per attempt: long enough for the healthy token endpoint on a loaded 2-core box, short enough for the timeout fault. */
const TIMEOUT_MS = 2500;
const MAX_BYTES = 65_536;
/** Short timeouts and waits for the subprocess; a small body cap so "oversized" is 100 KB, not 20 MB. */
const HTTP_ENV = {
  TRACKER_HTTP_RETRIES: "1",
  TRACKER_HTTP_BASE_DELAY_MS: "1",
  TRACKER_HTTP_TIMEOUT_MS: String(TIMEOUT_MS),
  TRACKER_HTTP_MAX_DELAY_MS: "3000",
  TRACKER_HTTP_MAX_BYTES: String(MAX_BYTES),
};
/** Canary credentials: the secret must never reach stdout or stderr. */
const TIKTOK_KEY = "canary-client-key";
const TIKTOK_SECRET = "CANARY-s3cret-7f3a9c41";
const TIKTOK_TOKEN = (JSON.parse(readFileSync(new URL("../fixtures/tiktok/token.json", import.meta.url), "utf8")) as { access_token: string }).access_token;

/** How each fault is served and what every source's one-line reason must say (sources may override). */
const REASONS: Record<Fault, RegExp> = {
  "http-500": /failed: HTTP 500 after 2 attempts\. The server is failing/,
  "429-retry-after": /failed: HTTP 429 \(rate limited\) after 2 attempts\. The server is rate-limiting us/,
  "429-too-long": /failed: HTTP 429 with Retry-After of 3600 s \(more than the 3 s this client waits\) after 1 attempt\. .*run the refresh again after \d{4}-\d\d-\d\dT/,
  timeout: new RegExp(`failed: no complete response within ${TIMEOUT_MS} ms after 2 attempts`),
  reset: /failed: network error \(.+\) after 2 attempts/,
  truncated: /failed: connection lost mid-body, response truncated \(HTTP 200, .+\) after 2 attempts/,
  html: /failed: HTTP 200 with HTML\/XML instead of JSON \(text\/html; charset=utf-8\) after 1 attempt/,
  shape: /unexpected/,
  empty: /empty/,
  oversized: new RegExp(`failed: response exceeds the ${MAX_BYTES}-byte cap \\(while streaming\\) after 1 attempt`),
};

/** Faults that take wall time (real waits): the last choice to fill a short batch. */
const SLOW = new Set<Fault>(["timeout", "429-retry-after"]);

interface SourceCase {
  /** A name in SOURCES. */
  name: string;
  /** The keys the server tells scopes apart by; "per-fault" = any key (storefront codes), one per fault. */
  keys: readonly string[] | "per-fault";
  /** Faults run by `npm test`; `npm run test:deep` runs them all. */
  quick: readonly Fault[];
  /** Which key a data request is for; undefined for other requests (answered by `other`). */
  keyOf(request: RecordedRequest): string | undefined;
  other?(res: ServerResponse, request: RecordedRequest): void;
  scopes(key: string): string[];
  /** The URL the scope's message must name, as a pattern (base is http://127.0.0.1:PORT). */
  url(base: string, key: string, scope: string): RegExp;
  args(keys: readonly string[]): string[];
  env?: NodeJS.ProcessEnv;
  seed(dir: string, base: string): Promise<void>;
  ok(key: string, request: RecordedRequest): object;
  /** Valid JSON of a changed shape. */
  shape(key: string, request: RecordedRequest): object;
  /** The empty answer that is a fault for this source (raw body), and what is not. */
  empty: { body(key: string, request: RecordedRequest): string; what: string; legit: string };
  reasons?: Partial<Record<Fault, RegExp>>;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const exact = (url: string) => new RegExp(`${escape(url)}(?= )`);
const http = () => createHttpClient({ userAgent: "RedNoteTracker/test (+https://example.org/contact)", retries: 0 });

/** Seeded runs pretend it is 3 days ago, so the fault run has days to fetch (TikTok fetches only new days). */
const seedNow = () => new Date(`${addDays(utcDay(new Date()), -3)}T12:00:00.000Z`);

const CODES: Record<Fault, string> = {
  "http-500": "fa",
  "429-retry-after": "ra",
  "429-too-long": "rl",
  timeout: "ti",
  reset: "re",
  truncated: "tr",
  html: "ht",
  shape: "sh",
  empty: "em",
  oversized: "ov",
};

const FEED_PATH = /\/api\/v2\/([a-z]{2})\/apps\/(top-free|top-paid)\/100\/apps\.json$/;
const chartOf = (request: RecordedRequest) => FEED_PATH.exec(request.url)![2] as "top-free" | "top-paid";
const LOOKUP_IDS = TRACKED_APPS.flatMap((a) => (a.app_store_id ? [a.app_store_id] : [])).join(",");
const WIKI_PATH = /^\/metrics\/pageviews\/per-article\/([^/]+)\/all-access\/user\/([^/]+)\/daily\/(\d{8})00\/(\d{8})00$/;
const day = (compact: string) => `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
const tagOf = (request: RecordedRequest) => (JSON.parse(request.body) as { query: { and: { field_values: string[] }[] } }).query.and[0]!.field_values[0]!;

function wikiItems(request: RecordedRequest, timestamp: (date: string) => string) {
  const [, project, encoded, start, end] = WIKI_PATH.exec(request.url)!;
  const article = decodeURIComponent(encoded!);
  return daysFrom(day(start!), day(end!)).map((date) => ({
    project,
    article,
    granularity: "daily",
    timestamp: timestamp(date),
    access: "all-access",
    agent: "user",
    views: 1000 + (createHash("sha1").update(`${article}|${date}`).digest().readUInt16BE(0) % 5000),
  }));
}

function tiktokPage(request: RecordedRequest, rename = false) {
  const start = (JSON.parse(request.body) as { start_date: string }).start_date;
  const videos = [{ id: "7460153447051906310", create_time: Date.parse(`${day(start)}T12:00:00Z`) / 1000, view_count: 10, hashtag_names: [tagOf(request)] }];
  const data = rename ? { videoList: videos, hasMore: false, searchId: "s1" } : { videos, cursor: 1, has_more: false, search_id: "s1" };
  return { data, error: { code: "ok", message: "", log_id: "202501150830" } };
}

/**
 * The table: per source, how a request names its scope, its answers (fine, changed shape, empty),
 * and which empty answer is a fault. The "empty" decisions, from each source's code:
 * - apple-charts: feed.results [] is a fault (a chart always lists apps).
 * - apple-lookup: resultCount 0 / results [] is data, not a fault: every tracked app is stored
 *   as "absent" with a WARNING (pinned by tests/loaders/apple-lookup.test.ts). The empty fault is
 *   an empty (0-byte) HTTP 200 body.
 * - wikipedia-pageviews: items [] is a fault: Wikimedia answers 404 when it has no data, and the
 *   range always holds days it gave views for before (or the whole back-fill).
 * - tiktok-research: data.videos [] is data (no videos those days, stored as zero counts); an
 *   "ok" answer without data at all is the fault.
 */
export const CASES: SourceCase[] = [
  {
    name: "apple-charts",
    keys: "per-fault",
    quick: ["429-too-long", "html"],
    keyOf: (r) => FEED_PATH.exec(r.url)?.[1],
    scopes: (cc) => [`${cc}-top-free`, `${cc}-top-paid`],
    url: (base, cc, scope) => exact(`${base}/api/v2/${cc}/apps/${scope.slice(3)}/100/apps.json`),
    args: (keys) => ["--country", keys.join(",")],
    async seed(dir, base) {
      const seeded = await runRefresh({ sources: pick("apple-charts"), countries: ["us"], dataDir: dir, http: http(), baseUrls: { "apple-charts": base }, log: () => {} });
      expect(seeded.ok, JSON.stringify(seeded.failed)).toBe(true);
    },
    ok: (cc, r) => chartFeed(chartOf(r), cc),
    shape(cc, r) {
      const { feed } = chartFeed(chartOf(r), cc);
      return { feed: { ...feed, results: undefined, entries: feed.results } };
    },
    empty: {
      body: (cc, r) => JSON.stringify({ feed: { ...chartFeed(chartOf(r), cc).feed, results: [] } }),
      what: "feed.results []",
      legit: "never: a chart always lists apps",
    },
    reasons: {
      shape: /returned an unexpected chart feed: feed\.results: Invalid input: expected array, received undefined/,
      empty: /returned an unexpected chart feed: feed\.results is empty/,
    },
  },
  {
    name: "apple-lookup",
    keys: "per-fault",
    quick: ["reset", "oversized"],
    keyOf: (r) => (r.url.startsWith("/lookup?") ? (new URL(r.url, "http://x").searchParams.get("country") ?? undefined) : undefined),
    scopes: (cc) => [cc],
    url: (base, cc) => exact(`${base}/lookup?id=${LOOKUP_IDS}&country=${cc}&entity=software`),
    args: (keys) => ["--country", keys.join(",")],
    async seed(dir, base) {
      await writeSnapshot(dir, { dataset: "tracked_apps", source: "editorial", scope: "apps", retrievedAt: "2025-01-01T00:00:00.000Z", rows: TRACKED_APPS, sources: [] }, { log: () => {} });
      const seeded = await runRefresh({ sources: pick("apple-lookup"), countries: ["us"], dataDir: dir, http: http(), baseUrls: { "apple-lookup": base }, log: () => {} });
      expect(seeded.ok, JSON.stringify(seeded.failed)).toBe(true);
    },
    ok: () => lookupAnswer(),
    shape(): object {
      const answer = lookupAnswer();
      return { ...answer, results: answer.results.map((e) => ({ ...e, trackId: String(e.trackId) })) };
    },
    empty: {
      body: () => "",
      what: "an empty (0-byte) HTTP 200 body",
      legit: "resultCount 0 / results []: every tracked app stored as absent, with a WARNING",
    },
    reasons: {
      shape: /returned an unexpected lookup answer: results\.0\.trackId: Invalid input: expected number, received string/,
      empty: /failed: HTTP 200 with a 0-byte body that is not valid JSON, possibly truncated \(Unexpected end of JSON input\) after 1 attempt/,
    },
  },
  {
    name: "wikipedia-pageviews",
    keys: TRACKED_ARTICLES.map((a) => normalizeTitle(a.title)),
    quick: ["empty", "shape", "http-500", "timeout"],
    keyOf: (r) => {
      const m = WIKI_PATH.exec(r.url);
      return m ? decodeURIComponent(m[2]!) : undefined;
    },
    scopes: (title) => [scopeFor(article(title))],
    url: (base, title) => {
      const a = article(title);
      return new RegExp(`${escape(`${base}/metrics/pageviews/per-article/${a.project}/all-access/user/${encodeTitle(a.title)}/daily/`)}\\d{10}/\\d{10}(?= )`);
    },
    args: () => [],
    async seed(dir, base) {
      const seeded = await runRefresh({ sources: pick("wikipedia-pageviews"), countries: [], dataDir: dir, http: http(), baseUrls: { "wikipedia-pageviews": base }, now: seedNow, log: () => {} });
      expect(seeded.ok, JSON.stringify(seeded.failed)).toBe(true);
    },
    ok: (_title, r) => ({ items: wikiItems(r, (date) => `${date.replaceAll("-", "")}00`) }),
    // The timestamps change format: Unix seconds, also 10 digits, instead of YYYYMMDDHH.
    shape: (_title, r) => ({ items: wikiItems(r, (date) => String(Date.parse(`${date}T00:00:00Z`) / 1000)) }),
    empty: { body: () => JSON.stringify({ items: [] }), what: "items []", legit: "never: no data is a 404 from Wikimedia" },
    reasons: {
      shape: /returned timestamp "\d{10}", which is not a YYYYMMDDHH day; the API may have changed/,
      empty: /returned no page views for \d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d \(empty items\)/,
    },
  },
  {
    name: "tiktok-research",
    keys: TRACKED_HASHTAGS,
    quick: ["html", "truncated", "empty", "429-retry-after"],
    keyOf: (r) => (r.url.startsWith(QUERY_PATH) ? tagOf(r) : undefined),
    other(res, r) {
      // The token endpoint works, so every fault hits the data request.
      if (r.method === "POST" && r.url === TOKEN_PATH) return sendJson(res, { access_token: TIKTOK_TOKEN, expires_in: 7200, token_type: "Bearer" });
      sendJson(res, { error: "no such endpoint" }, 404);
    },
    scopes: (tag) => [tag],
    url: (base) => exact(`${base}${QUERY_PATH}?fields=${FIELDS}`),
    args: () => [],
    env: { TIKTOK_CLIENT_KEY: TIKTOK_KEY, TIKTOK_CLIENT_SECRET: TIKTOK_SECRET },
    async seed(dir, base) {
      const seeded = await runRefresh({
        sources: pick("tiktok-research"),
        countries: [],
        dataDir: dir,
        http: http(),
        baseUrls: { "tiktok-research": base },
        env: { TIKTOK_CLIENT_KEY: TIKTOK_KEY, TIKTOK_CLIENT_SECRET: TIKTOK_SECRET },
        now: seedNow,
        log: () => {},
      });
      expect(seeded.ok, JSON.stringify(seeded.failed)).toBe(true);
    },
    ok: (_tag, r) => tiktokPage(r),
    // The API switches to camelCase keys.
    shape: (_tag, r) => tiktokPage(r, true),
    empty: {
      body: () => JSON.stringify({ error: { code: "ok", message: "", log_id: "202501150830" } }),
      what: 'error.code "ok" without data',
      legit: "data.videos []: no videos those days, stored as zero counts",
    },
    reasons: {
      html: /returned HTML instead of JSON; check the base URL/,
      shape: /returned an unexpected shape \(data\.has_more: Invalid input: expected boolean, received undefined\)/,
      empty: /answered "ok" without data/,
    },
  },
];

function pick(name: string) {
  const source = SOURCES.find((s) => s.name === name);
  if (!source) throw new Error(`no source ${name} in SOURCES`);
  return [source];
}

function article(title: string) {
  return TRACKED_ARTICLES.find((a) => normalizeTitle(a.title) === title)!;
}

/** Plays `fault` on the request, with `ok` as the body a healthy server would send. */
function play(fault: Fault, req: IncomingMessage, res: ServerResponse, ok: () => object, source: SourceCase, key: string, request: RecordedRequest): void {
  switch (fault) {
    case "http-500":
      return sendJson(res, { error: "internal" }, 500);
    case "429-retry-after":
      return sendJson(res, { error: "slow down" }, 429, { "retry-after": "1" });
    case "429-too-long":
      return sendJson(res, { error: "come back in an hour" }, 429, { "retry-after": "3600" });
    case "timeout":
      return; // never answers; the server's close() drops the connection
    case "reset":
      // A TCP RST before any byte of the response, as a crashed proxy or a firewall sends.
      req.socket.resetAndDestroy();
      return;
    case "truncated": {
      // Headers promise the whole body; half of it is sent, then the connection is closed.
      const body = Buffer.from(JSON.stringify(ok()));
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      res.write(body.subarray(0, body.length >> 1), () => res.destroy());
      return;
    }
    case "html":
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n");
      return;
    case "shape":
      return sendJson(res, source.shape(key, request));
    case "empty": {
      const body = source.empty.body(key, request);
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    case "oversized": {
      // Valid JSON, streamed without a Content-Length, past the cap.
      const body = Buffer.from(JSON.stringify({ ...ok(), padding: "x".repeat(MAX_BYTES + 50_000) }));
      res.writeHead(200, { "content-type": "application/json" });
      for (let i = 0; i < body.length; i += 16_384) res.write(body.subarray(i, i + 16_384));
      res.end();
      return;
    }
  }
}

/** Every file under `dir` with its sha256, and every folder but the store's scratch .tmp/ (see refresh.test.ts). */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = relative(dir, join(e.parentPath, e.name));
    if (e.isDirectory()) {
      if (path !== ".tmp") out[path] = "folder";
    } else out[path] = createHash("sha256").update(await readFile(join(dir, path))).digest("hex");
  }
  return out;
}

/** Splits faults into batches of at most `keys.length`, one key each; a short last batch is filled with fast faults again. */
function plan(source: SourceCase, faults: readonly Fault[]): Map<string, Fault>[] {
  if (source.keys === "per-fault") return [new Map(faults.map((f) => [CODES[f], f]))];
  const keys = source.keys;
  const batches: Map<string, Fault>[] = [];
  for (let i = 0; i < faults.length; i += keys.length) {
    const chunk = faults.slice(i, i + keys.length);
    const fillers = [...chunk.filter((f) => !SLOW.has(f)), ...chunk.filter((f) => SLOW.has(f))];
    for (let j = 0; chunk.length < keys.length; j++) chunk.push(fillers[j % fillers.length]!);
    batches.push(new Map(keys.map((k, j) => [k, chunk[j]!])));
  }
  return batches;
}

interface Batch {
  faults: Map<string, Fault>;
  run: CliRun;
  ms: number;
  before: Record<string, string>;
  after: Record<string, string>;
  /** Arrival times (performance.now()) of the faulted requests, by "key path?query". */
  arrivals: Map<string, number[]>;
}

interface SourceState {
  server: LocalServer;
  dir: string;
  /** The key → fault table of the batch running now; keys not in it are answered normally. */
  faults: Map<string, Fault>;
  arrivals: Map<string, number[]>;
  batches: Batch[];
}

/** Two refresh processes at a time: the machine has 2 cores. */
function limiter(width: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < width) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

const lastLine = (text: string) => text.trimEnd().split("\n").at(-1) ?? "";

export function faultMatrix({ subset, timeout }: { subset: "quick" | "all"; timeout: number }): void {
  const cells = CASES.map((source) => ({ source, faults: subset === "all" ? [...FAULTS] : [...source.quick] }));
  const states = new Map<string, SourceState>();
  let tmp = "";

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "fault-matrix-"));
    for (const { source } of cells) {
      const state: SourceState = { server: undefined as unknown as LocalServer, dir: join(tmp, source.name), faults: new Map(), arrivals: new Map(), batches: [] };
      state.server = await startServer((req, res, request) => {
        const key = source.keyOf(request);
        if (key === undefined) return source.other ? source.other(res, request) : sendJson(res, { error: "no such endpoint" }, 404);
        const fault = state.faults.get(key);
        const ok = () => source.ok(key, request);
        if (fault === undefined) return sendJson(res, ok());
        const at = `${key} ${request.url}`;
        state.arrivals.set(at, [...(state.arrivals.get(at) ?? []), request.time]);
        return play(fault, req, res, ok, source, key, request);
      });
      states.set(source.name, state);
      await source.seed(state.dir, state.server.url);
    }
    const slot = limiter(2);
    await Promise.all(
      cells.map(async ({ source, faults }) => {
        const state = states.get(source.name)!;
        for (const table of plan(source, faults)) {
          await slot(async () => {
            state.faults = table;
            state.arrivals = new Map();
            const before = await fingerprint(state.dir);
            const t0 = performance.now();
            const run = await runTsx(
              "bin/refresh.ts",
              ["--source", source.name, "--base-url", `${source.name}=${state.server.url}`, "--data-dir", state.dir, ...source.args([...table.keys()])],
              { ...HTTP_ENV, TRACKER_DATA_DIR: undefined, TIKTOK_CLIENT_KEY: undefined, TIKTOK_CLIENT_SECRET: undefined, TIKTOK_REQUEST_BUDGET: undefined, ...source.env },
            );
            const ms = performance.now() - t0;
            state.batches.push({ faults: table, run, ms, before, after: await fingerprint(state.dir), arrivals: state.arrivals });
          });
        }
      }),
    );
    if (process.env.FAULT_MATRIX_REPORT) {
      for (const [name, state] of states) {
        for (const b of state.batches) console.log(`${name}: ${[...new Set(b.faults.values())].join(", ")}: exit ${b.run.code} in ${(b.ms / 1000).toFixed(1)} s`);
      }
    }
  }, timeout);

  afterAll(async () => {
    for (const state of states.values()) await state.server.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("covers every source in SOURCES, and every fault class at least once", () => {
    expect(CASES.map((c) => c.name).sort()).toEqual(SOURCES.map((s) => s.name).sort());
    expect(new Set(cells.flatMap((c) => c.faults))).toEqual(new Set(FAULTS));
  });

  for (const { source, faults } of cells) {
    describe(source.name, () => {
      it("every run leaves the seeded data directory byte-identical, exits 1, prints no stack trace", () => {
        const state = states.get(source.name)!;
        expect(state.batches).toHaveLength(plan(source, faults).length);
        for (const batch of state.batches) {
          const output = batch.run.stdout + batch.run.stderr;
          expect(Object.keys(batch.before)).toContain("datapackage.json");
          expect(batch.after).toEqual(batch.before);
          expect(batch.run.code, output).toBe(1);
          expect(output).not.toMatch(/^\s+at /m);
          expect(output).not.toContain(TIKTOK_SECRET);
          expect(output).not.toContain(encodeURIComponent(TIKTOK_SECRET));
          expect(output).not.toContain(TIKTOK_TOKEN);
          const scopes = [...batch.faults.keys()].flatMap((k) => source.scopes(k)).length;
          expect(lastLine(batch.run.stderr)).toMatch(new RegExp(`^refresh: ${scopes} of ${scopes} scopes failed: ${escape(source.name)} `));
        }
      });

      it.each(faults)("%s: the scope fails with one line naming the source, the URL and the reason", (fault) => {
        const state = states.get(source.name)!;
        const reason = source.reasons?.[fault] ?? REASONS[fault];
        const base = state.server.url;
        let checked = 0;
        for (const batch of state.batches) {
          const final = lastLine(batch.run.stderr);
          for (const [key, played] of batch.faults) {
            if (played !== fault) continue;
            for (const scope of source.scopes(key)) {
              const line = batch.run.stdout.split("\n").find((l) => new RegExp(`^${escape(source.name)} +${escape(scope)} `).test(l));
              expect(line, `${scope} in\n${batch.run.stdout}`).toMatch(/ 0 +failed +\d+\.\d\d s +\S/);
              const error = line!.replace(/^.* failed +\d+\.\d\d s +/, "");
              expect(error).toMatch(source.url(base, key, scope));
              expect(error).toMatch(reason);
              expect(error).not.toMatch(/\n/);
              expect(final).toContain(`${source.name} ${scope} (${error})`);
              if (process.env.FAULT_MATRIX_REPORT) console.log(`${source.name} × ${fault}: ${error.replace(base, "BASE")}`);
              checked++;
            }
            if (fault === "429-retry-after") {
              // Retry-After: 1 was honoured between the two attempts at each URL.
              const urls = [...batch.arrivals].filter(([at]) => at.startsWith(`${key} `));
              expect(urls).toHaveLength(source.scopes(key).length);
              for (const [, times] of urls) {
                expect(times).toHaveLength(2);
                expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
              }
            }
          }
        }
        expect(checked).toBeGreaterThan(0);
      });
    });
  }
}
