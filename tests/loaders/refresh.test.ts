/**
 * `npm run refresh` end to end: the CLI as a real subprocess against a real HTTP server on
 * 127.0.0.1 serving Apple's shapes, writing to a temporary data directory read back through the
 * store. Short HTTP timeouts and waits come from TRACKER_HTTP_* so the failure cases stay fast.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient } from "../../loaders/http.ts";
import { finalLine, formatMarkdown, formatTable, runRefresh } from "../../loaders/run-refresh.ts";
import { appleCharts } from "../../loaders/sources/apple-charts.ts";
import type { Source } from "../../loaders/sources/types.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { readAll, readDatasetFiles } from "../../loaders/store/read.ts";
import { verifyStore } from "../../loaders/store/verify.ts";
import { HELP, parseRefreshArgs } from "../../loaders/refresh-args.ts";
import { UsageError } from "../../loaders/cli.ts";
import { SOURCES } from "../../loaders/sources/index.ts";
import { writeSnapshot } from "../../loaders/store/write.ts";
import { chartFeed, expectedChartRows, HOSTILE_NAMES, lookupAnswer, TRACKED_APPS } from "../helpers/apple-fixtures.ts";
import { sendJson, startServer, type LocalServer } from "../helpers/local-server.ts";

const ROOT = resolve(import.meta.dirname, "../..");

const HTTP_ENV = { TRACKER_HTTP_RETRIES: "1", TRACKER_HTTP_BASE_DELAY_MS: "1", TRACKER_HTTP_TIMEOUT_MS: "2000", TRACKER_HTTP_MAX_DELAY_MS: "3000" };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** At most this many CLI processes at once: each one is a Node start-up, and CI has 2 cores. */
const PARALLEL = 3;
let running = 0;
const queue: (() => void)[] = [];
async function slot<T>(task: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((r) => queue.push(r));
  else running++;
  try {
    return await task();
  } finally {
    const next = queue.shift();
    if (next) next();
    else running--;
  }
}

/**
 * Runs a command from the project root: `node --import tsx <script>`, what `npm run refresh`
 * and `npm run data:verify` run.
 */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return slot(() => spawnRun(command, args, env));
}
function spawnRun(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  const { TRACKER_DATA_DIR: _ignored, ...inherited } = process.env;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...inherited, ...HTTP_ENV, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}
const refresh = (args: string[], env?: Record<string, string>) => run(process.execPath, ["--import", "tsx", "bin/refresh.ts", ...args], env);

/** data:verify's check, in process (the CLI itself is run once, in the first test). */
async function expectVerified(dir: string): Promise<void> {
  const report = await verifyStore(dir);
  expect(report.problems).toEqual([]);
}

/**
 * Every file under `dir` with the sha256 of its bytes, and every folder: equal maps mean nothing
 * changed. Opening the store clears its empty scratch folder .tmp/ (temp files of killed writers),
 * which is not data, so that folder alone is left out.
 */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const out: Record<string, string> = {};
  for (const e of entries) {
    const path = relative(dir, join(e.parentPath, e.name));
    if (e.isDirectory()) {
      if (path !== ".tmp") out[path] = "folder";
    } else out[path] = createHash("sha256").update(await readFile(join(dir, path))).digest("hex");
  }
  return out;
}

const lastLine = (text: string) => text.trimEnd().split("\n").at(-1) ?? "";

/** Storefront code -> how its feeds fail, and what the one-line reason must say. */
const FAILURES: [string, string, RegExp][] = [
  ["fa", "500", /failed: HTTP 500 after 2 attempts\. The server is failing/],
  ["ra", "429", /failed: HTTP 429 \(rate limited\) after 2 attempts\. The server is rate-limiting us/],
  ["ti", "timeout", /failed: no complete response within 2000 ms after 2 attempts/],
  ["re", "reset", /failed: network error \(.+\) after 2 attempts/],
  ["cu", "cut", /failed: (?:connection lost mid-body, response truncated \(HTTP 200, .+\)|no complete response within 2000 ms) after 2 attempts/],
  ["tr", "truncated", /failed: HTTP 200 with a 4096-byte body that is not valid JSON, possibly truncated/],
  ["ht", "html", /failed: HTTP 200 with HTML\/XML instead of JSON \(text\/html; charset=utf-8\)/],
  ["sh", "shape", /returned an unexpected chart feed: feed\.results: Invalid input: expected array, received undefined/],
  ["em", "empty", /returned an unexpected chart feed: feed\.results is empty/],
  ["du", "dupes", /returned an unexpected chart feed: app id \d+ is listed twice \(ranks 1 and (?:100|20)\)/],
];

let server: LocalServer;
let tmp: string;
const feedPath = /\/api\/v2\/([a-z]{2})\/apps\/(top-free|top-paid)\/100\/apps\.json$/;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "refresh-test-"));
  // The first path segment says how to behave, so one server serves every case.
  server = await startServer((req, res) => {
    const url = req.url ?? "/";
    const mode = url.split("/")[1] ?? "";
    if (mode === "lookup") {
      const country = new URL(url, "http://x").searchParams.get("country");
      const answer = lookupAnswer();
      if (country === "gb") {
        answer.results = answer.results.filter((e) => e.trackName !== "ChatGPT").map((e) => (e.trackId === 1498607143 ? { ...e, trackName: "Some Other App" } : e));
        answer.resultCount = answer.results.length;
      }
      return sendJson(res, answer);
    }
    const match = feedPath.exec(url);
    if (!match) return sendJson(res, { error: "no such feed" }, 404);
    const [, country, chart] = match as unknown as [string, string, "top-free" | "top-paid"];
    // Under /failures/ each storefront code stands for one way of failing.
    const behaviour = mode === "failures" ? (FAILURES.find(([code]) => code === country)?.[1] ?? "ok") : mode;
    const feed = chartFeed(chart, country);
    switch (behaviour) {
      case "ok":
        return sendJson(res, feed);
      case "gb500":
        return country === "gb" ? sendJson(res, { error: "internal" }, 500) : sendJson(res, feed);
      case "500":
        return sendJson(res, { error: "internal" }, 500);
      case "429":
        return sendJson(res, { error: "slow down" }, 429, { "retry-after": "1" });
      case "timeout":
        return; // never answers
      case "reset":
        return req.socket.destroy();
      case "cut": {
        // Headers promise the whole body; the connection drops halfway through it.
        const body = Buffer.from(JSON.stringify(feed));
        res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
        res.write(body.subarray(0, body.length >> 1));
        return setTimeout(() => res.destroy(), 20);
      }
      case "truncated": {
        // A complete HTTP response whose JSON stops early.
        const body = Buffer.from(JSON.stringify(feed)).subarray(0, 4096);
        res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
        return res.end(body);
      }
      case "html":
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end("<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head><body>Try later</body></html>");
      case "shape":
        return sendJson(res, { feed: { ...feed.feed, results: undefined, entries: feed.feed.results } });
      case "empty":
        return sendJson(res, { feed: { ...feed.feed, results: [] } });
      case "dupes":
        return sendJson(res, { feed: { ...feed.feed, results: [...feed.feed.results.slice(0, -1), feed.feed.results[0]] } });
      default:
        return sendJson(res, { error: "unknown mode" }, 404);
    }
  });
});

afterAll(async () => {
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const chartsUrl = (mode: string) => `apple-charts=${server.url}/${mode}`;

/** Generous: these start Node processes, which on a loaded 2-core CI box can take seconds each. */
const SLOW = 180_000;

describe.concurrent("refresh CLI (subprocess)", { timeout: SLOW }, () => {
  it("writes the charts as snapshots equal to the feeds, which data:verify accepts; a second run stores nothing new", async () => {
    const dir = join(tmp, "main");
    const first = await run(process.execPath, ["--import", "tsx", "bin/refresh.ts", "--source", "apple-charts", "--country", "us", "--base-url", `apple-charts=${server.url}/ok`, "--data-dir", dir]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^source\s+scope\s+rows\s+status\s+time\s+error$/m);
    expect(first.stdout).toMatch(/^apple-charts\s+us-top-free\s+100\s+new\s+\d+\.\d\d s$/m);
    expect(first.stdout).toMatch(/^apple-charts\s+us-top-paid\s+20\s+new\s+\d+\.\d\d s$/m);
    expect(lastLine(first.stdout)).toBe("refresh: 2 scopes ok (2 new, 0 unchanged)");

    const files = [];
    for await (const file of readDatasetFiles(dir, "chart_snapshots")) files.push(file);
    expect(files.map((f) => f.resource.scope)).toEqual(["us-top-free", "us-top-paid"]);
    for (const { resource, rows } of files) {
      const chart = resource.scope === "us-top-free" ? "top-free" : "top-paid";
      expect(resource.source).toBe("apple-charts");
      expect(resource.sources.map((s) => s.path)).toEqual([`${server.url}/ok/api/v2/us/apps/${chart}/100/apps.json`]);
      expect(resource.path).toMatch(new RegExp(`^chart_snapshots/apple-charts/us-${chart}/\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d\\.\\d{3}Z\\.csv$`));
      expect(rows).toEqual(expectedChartRows(chartFeed(chart), chart, resource.retrieved));
    }
    // Hostile names come back exactly, and sit at the ranks the feed gave them.
    const free = files[0]!.rows;
    for (const name of HOSTILE_NAMES) {
      expect(free.find((r) => r.name === name)?.rank).toBe(chartFeed("top-free").feed.results.findIndex((e) => e.name === name) + 1);
    }
    expect(free.slice(0, 2).map((r) => [r.rank, r.app_id])).toEqual([[1, "741292507"], [2, "1498607143"]]);
    expect(free[40]!.developer).toBeUndefined();
    const csv = await readFile(join(dir, files[0]!.resource.path), "utf8");
    expect(csv).toContain('"Line one\nLine two"');

    const checked = await run(process.execPath, ["--import", "tsx", "bin/verify.ts", "--data-dir", dir]);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/is consistent: 2 files, 120 rows/);

    const before = await fingerprint(dir);
    const second = await refresh(["--source", "apple-charts", "--country", "us", "--base-url", chartsUrl("ok"), "--data-dir", dir]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^apple-charts\s+us-top-free\s+100\s+unchanged\s/m);
    expect(lastLine(second.stdout)).toBe("refresh: 2 scopes ok (0 new, 2 unchanged)");
    const after = await fingerprint(dir);
    // Only the manifest changed: it records that the same charts were seen again, in this month's
    // chart segment (replaced under its new content's name) and the index naming it.
    const changed = (tree: Record<string, string>, other: Record<string, string>) => Object.keys(tree).filter((k) => tree[k] !== other[k]).sort();
    expect(changed(after, before)).toEqual(["datapackage.json", expect.stringMatching(/^manifest\/chart_snapshots\/\d{4}-\d\d\.[0-9a-f]{12}\.json$/)]);
    expect(changed(before, after)).toEqual(["datapackage.json", expect.stringMatching(/^manifest\/chart_snapshots\//)]);
    const manifest = await readManifest(dir);
    for (const resource of manifest.resources) {
      expect(resource.confirmed).toHaveLength(1);
      expect(resource.confirmed![0]! > resource.retrieved).toBe(true);
    }
    await expectVerified(dir);
  });

  describe("every way a fetch fails leaves the data directory byte-identical, exits 1 and names the URL", () => {
    // One CLI run in which each storefront's feeds fail in a different way (a process start is
    // the slow part of these tests); each failure is then checked on its own lines.
    let result: Run;
    let before: Record<string, string>;
    let after: Record<string, string>;
    beforeAll(async () => {
      const dir = join(tmp, "failures");
      // A store that already holds a chart, written in-process (fast) through the same core.
      const seeded = await runRefresh({
        sources: [appleCharts],
        countries: ["us"],
        dataDir: dir,
        http: createHttpClient({ userAgent: "test" }),
        baseUrls: { "apple-charts": `${server.url}/ok` },
      });
      expect(seeded.ok).toBe(true);
      before = await fingerprint(dir);
      result = await refresh(["--source", "apple-charts", "--country", FAILURES.map(([code]) => code).join(","), "--base-url", chartsUrl("failures"), "--data-dir", dir]);
      after = await fingerprint(dir);
    }, SLOW);

    it("writes nothing, exits 1, no stack trace", () => {
      expect(after).toEqual(before);
      expect(Object.keys(before)).toContain("datapackage.json");
      expect(result.code).toBe(1);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(lastLine(result.stderr)).toMatch(new RegExp(`^refresh: ${FAILURES.length * 2} of ${FAILURES.length * 2} scopes failed: apple-charts fa-top-free \\(GET `));
    });

    it.each(FAILURES)("%s: %s", (code, mode, reason) => {
      const final = lastLine(result.stderr);
      for (const chart of ["top-free", "top-paid"]) {
        const url = `${server.url}/failures/api/v2/${code}/apps/${chart}/100/apps.json`;
        expect(final).toContain(`apple-charts ${code}-${chart} (GET ${url} `);
        // The table gives the same one-line reason on the scope's own line.
        const line = result.stdout.split("\n").find((l) => l.startsWith(`apple-charts  ${code}-${chart} `));
        expect(line).toMatch(/^apple-charts +[a-z]{2}-top-(?:free|paid) +0 +failed +\d+\.\d\d s +GET /);
        const reasonText = line!.slice(line!.indexOf("GET "));
        expect(reasonText.startsWith(`GET ${url} `)).toBe(true);
        expect(reasonText).toMatch(reason);
        expect(final).toContain(`(${reasonText})`);
      }
      if (mode === "429") {
        // Retry-After: 1 was honoured between the two attempts at each URL.
        const times = server.requests.filter((r) => r.url === `/failures/api/v2/${code}/apps/top-free/100/apps.json`).map((r) => r.time);
        expect(times).toHaveLength(2);
        expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
      }
    });
  });

  it("partial failure: what succeeded is written, the failures are named, exit 1; --summary-md writes Markdown", async () => {
    const dir = join(tmp, "partial");
    const md = join(tmp, "summary.md");
    const result = await refresh(["--source", "apple-charts", "--country", "us,GB", "--base-url", chartsUrl("gb500"), "--data-dir", dir, "--summary-md", md]);
    expect(result.code).toBe(1);
    const final = lastLine(result.stderr);
    expect(final).toMatch(
      new RegExp(
        `^refresh: 2 of 4 scopes failed: apple-charts gb-top-free \\(GET ${server.url}/gb500/api/v2/gb/apps/top-free/100/apps\\.json failed: HTTP 500 after 2 attempts\\..*\\), apple-charts gb-top-paid \\(GET .*/gb/apps/top-paid/.*HTTP 500`,
      ),
    );
    const rows = await readAll(dir, "chart_snapshots");
    expect(new Set(rows.map((r) => `${r.country}-${r.chart}`))).toEqual(new Set(["us-top-free", "us-top-paid"]));
    expect(rows).toHaveLength(120);
    await expectVerified(dir);
    const markdown = await readFile(md, "utf8");
    expect(markdown).toMatch(/^## Refresh failed$/m);
    expect(markdown).toMatch(/^\| apple-charts \| gb-top-free \| 0 \| failed \| \d+\.\d\d s \| GET http:\/\/127\.0\.0\.1:\d+\/gb500\/.*HTTP 500/m);
    expect(markdown).toMatch(/^\| apple-charts \| us-top-free \| 100 \| new \|/m);
  });

  it("--dry-run fetches and validates but writes nothing, not even the data directory", async () => {
    const dir = join(tmp, "dry", "data");
    const result = await refresh(["--source", "apple-charts", "--country", "us,du", "--dry-run", "--base-url", chartsUrl("failures"), "--data-dir", dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^apple-charts\s+us-top-free\s+100\s+dry-run\s/m);
    expect(result.stdout).toMatch(/^apple-charts\s+us-top-paid\s+20\s+dry-run\s/m);
    expect(lastLine(result.stderr)).toMatch(/^refresh: 2 of 4 scopes failed: apple-charts du-top-free \(.*listed twice/);
    await expect(readdir(join(tmp, "dry"))).rejects.toThrow(/ENOENT/);
  });

  it("apple-lookup: tracked apps from the store, absent rows without numbers, a loud warning for an unexpected name", async () => {
    const dir = join(tmp, "lookup");
    await writeSnapshot(dir, { dataset: "tracked_apps", source: "editorial", scope: "apps", retrievedAt: "2025-01-01T00:00:00.000Z", rows: TRACKED_APPS, sources: [] }, { log: () => {} });
    const result = await refresh(["--source", "apple-lookup", "--country", "us", "--country", "gb", "--base-url", `apple-lookup=${server.url}/lookup`, "--data-dir", dir]);
    expect(result.code, result.stderr).toBe(0);
    const warning = /WARNING apple-lookup gb: App Store id 1498607143 is "Some Other App", expected a name containing "Lemon8" or "lemon8" \(tracked app "lemon8"\)/;
    expect(result.stderr).toMatch(warning);
    expect(result.stdout).toMatch(warning);
    const rows = await readAll(dir, "app_metrics");
    expect(rows.map((r) => `${r.country} ${r.app_key} ${r.status}`).sort()).toEqual([
      "gb capcut absent",
      "gb chatgpt absent",
      "gb lemon8 present",
      "gb tiktok absent",
      "gb xiaohongshu present",
      "us capcut absent",
      "us chatgpt present",
      "us lemon8 present",
      "us tiktok absent",
      "us xiaohongshu present",
    ]);
    for (const row of rows.filter((r) => r.status === "absent")) {
      expect([row.name, row.user_rating_count, row.average_user_rating, row.version, row.version_released_at]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    }
    const csv = await readFile(join(dir, (await readManifest(dir)).resources.find((r) => r.scope === "us" && r.dataset === "app_metrics")!.path), "utf8");
    expect(csv).toMatch(/^app-store,us,tiktok,835599320,absent,,,,,,\d{4}-/m);
    await expectVerified(dir);
  });

  it("refuses a bad flag or value with one line and exit 2, touching nothing", async () => {
    const dir = join(tmp, "usage");
    // Every other usage error is checked in process below ("refresh arguments"); they share this path.
    const results = [await refresh(["--source", "apple-charts,nope", "--data-dir", dir])];
    const messages = [/^unknown source "nope": known sources are apple-charts, apple-lookup/];
    results.forEach((result, i) => {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(messages[i]!), "Run with --help for usage."]);
    });
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
  });

});

describe("runRefresh (in process)", () => {
  const fake = (name: string, extra: Partial<Source>): Source => ({ name, description: name, defaultBaseUrl: "http://127.0.0.1:1", tasks: () => [], ...extra });

  it("reports skipped sources, sources that cannot plan, scopes that fail, and writes only the good ones", async () => {
    const dir = join(tmp, "core");
    const seen: string[] = [];
    const summary = await runRefresh({
      sources: [
        fake("needs-keys", { skipReason: (c) => (c.env.SECRET ? undefined : "SECRET is not set") }),
        fake("broken-plan", {
          tasks: () => {
            throw new Error("cannot\nplan");
          },
        }),
        fake("mixed", {
          tasks: (c) => [
            {
              scope: "good",
              run: async () => [
                { dataset: "chart_snapshots", retrievedAt: c.now().toISOString(), sources: [{ title: "t", path: `${c.baseUrl}/good` }], rows: expectedChartRows(chartFeed("top-paid"), "top-paid", "2025-01-14T12:00:00.000Z") },
              ],
            },
            { scope: "bad-rows", run: async () => [{ dataset: "chart_snapshots", retrievedAt: c.now().toISOString(), sources: [{ title: "t", path: `${c.baseUrl}/bad` }], rows: [{ rank: 0 } as never] }] },
            { scope: "empty", run: async () => [{ dataset: "chart_snapshots", retrievedAt: c.now().toISOString(), sources: [{ title: "t", path: `${c.baseUrl}/empty` }], rows: [] }] },
            {
              scope: "nothing-new",
              run: async () => {
                c.log("WARNING mixed: a note");
                return [];
              },
            },
          ],
        }),
      ],
      countries: ["us"],
      dataDir: dir,
      http: createHttpClient({ userAgent: "test" }),
      baseUrls: { mixed: "http://mirror.invalid" },
      env: {},
      log: () => {},
      onScope: (r, done, total) => seen.push(`${done}/${total} ${r.scope}`),
    });
    expect(summary.results.map((r) => [r.source, r.scope, r.status])).toEqual([
      ["needs-keys", "*", "skipped"],
      ["broken-plan", "*", "failed"],
      ["mixed", "good", "new"],
      ["mixed", "bad-rows", "failed"],
      ["mixed", "empty", "failed"],
      ["mixed", "nothing-new", "unchanged"],
    ]);
    expect(summary.results[1]!.error).toBe("broken-plan could not plan its requests: cannot plan");
    expect(summary.results[3]!.error).toMatch(/^http:\/\/mirror\.invalid\/bad: row 1 of chart_snapshots is invalid/);
    expect(summary.results[4]!.error).toMatch(/^http:\/\/mirror\.invalid\/empty gave no rows/);
    expect(summary.ok).toBe(false);
    expect(summary.notes).toEqual([{ source: "mixed", message: "WARNING mixed: a note" }]);
    expect(seen.map((s) => s.split(" ")[0])).toEqual(["1/4", "2/4", "3/4", "4/4"]);
    expect(seen.map((s) => s.split(" ")[1]).sort()).toEqual(["bad-rows", "empty", "good", "nothing-new"]);
    expect((await readManifest(dir)).resources.map((r) => r.scope)).toEqual(["good"]);
    expect(finalLine(summary)).toMatch(/^refresh: 3 of 5 scopes failed: broken-plan \* \(broken-plan could not plan/);
    expect(formatTable(summary).split("\n")[1]).toMatch(/^needs-keys +\* +skipped +SECRET is not set$/);
    expect(formatMarkdown(summary)).toMatch(/### Warnings\n\n- WARNING mixed: a note\n$/);
  });
});

describe("refresh arguments", () => {
  const parse = (...argv: string[]) => parseRefreshArgs(argv, {});
  const usage = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
    try {
      parseRefreshArgs(argv, env);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).not.toMatch(/\n/);
      return (error as Error).message;
    }
    throw new Error(`accepted ${argv.join(" ")}`);
  };

  it("defaults to every source and the configured storefronts", () => {
    const args = parse("--data-dir", "some/dir");
    expect(args.sources).toEqual(SOURCES);
    expect(args.sources.map((s) => s.name)).toEqual(expect.arrayContaining(["apple-charts", "apple-lookup"]));
    expect(args.countries).toEqual(["us", "gb", "ca", "au", "ie", "it", "fr", "de", "jp", "tw"]);
    expect(args.dataDir).toBe(resolve("some/dir"));
    expect(args).toMatchObject({ help: false, dryRun: false, baseUrls: {}, http: {} });
  });

  it("takes repeated and comma-separated values, normalizes countries, strips a trailing slash", () => {
    const args = parse("--source", "apple-lookup", "--country", "US,gb", "--country", "jp", "--country", "us", "--base-url", "apple-charts=https://rss.applemarketingtools.com/", "--dry-run", "--summary-md", "s.md");
    expect(args.sources.map((s) => s.name)).toEqual(["apple-lookup"]);
    expect(args.countries).toEqual(["us", "gb", "jp"]);
    expect(args.baseUrls).toEqual({ "apple-charts": "https://rss.applemarketingtools.com" });
    expect(args).toMatchObject({ dryRun: true, summaryMd: "s.md" });
  });

  it("--help is asked for, and its text lists the sources", () => {
    expect(parse("--help").help).toBe(true);
    expect(HELP).toMatch(/sources: apple-charts, apple-lookup/);
  });

  it("reads HTTP settings from TRACKER_HTTP_*", () => {
    const env = { TRACKER_HTTP_RETRIES: "0", TRACKER_HTTP_TIMEOUT_MS: "2500", TRACKER_HTTP_BASE_DELAY_MS: "10", TRACKER_HTTP_MAX_DELAY_MS: "1000" };
    expect(parseRefreshArgs([], env).http).toEqual({ retries: 0, timeoutMs: 2500, baseDelayMs: 10, maxDelayMs: 1000 });
  });

  const bad: [string, string[], RegExp, NodeJS.ProcessEnv?][] = [
    ["an unknown source", ["--source", "apple-charts,nope"], /^unknown source "nope": known sources are apple-charts, apple-lookup\b.*\.$/],
    ["an unknown flag", ["--verbose"], /^Unknown option '--verbose'/],
    ["a three-letter country", ["--country", "us,usa"], /^--country "usa": a storefront is a two-letter ISO 3166 code/],
    ["a country with a digit", ["--country", "u1"], /^--country "u1"/],
    ["an empty country", ["--country", ","], /^--country needs a two-letter code/],
    ["a missing value", ["--country"], /^Option '--country <value>' argument missing$/],
    ["a value that looks like a flag", ["--country", "--dry-run"], /^Option '--country' argument is ambiguous\./],
    ["a base URL for an unknown source", ["--base-url", "nope=http://127.0.0.1:1"], /^--base-url: unknown source "nope"/],
    ["a base URL that is not http(s)", ["--base-url", "apple-charts=ftp://example.org"], /^--base-url apple-charts: "ftp:\/\/example\.org" must be an http or https URL\.$/],
    ["a base URL that is not a URL", ["--base-url", "apple-charts=not a url"], /^--base-url apple-charts: "not a url" is not a URL\.$/],
    ["a base URL with a query", ["--base-url", "apple-charts=http://x.org/?a=1"], /must not carry a query/],
    ["a base URL without a name", ["--base-url", "http://127.0.0.1:1"], /^--base-url "http:\/\/127\.0\.0\.1:1" must be NAME=URL/],
    ["a positional argument", ["apple-charts"], /^Unexpected argument 'apple-charts'/],
    ["a non-numeric retry count", [], /^TRACKER_HTTP_RETRIES="many" must be a whole number of at least 0\.$/, { TRACKER_HTTP_RETRIES: "many" }],
    ["a zero timeout", [], /^TRACKER_HTTP_TIMEOUT_MS="0" must be a whole number of at least 1\.$/, { TRACKER_HTTP_TIMEOUT_MS: "0" }],
  ];
  for (const [what, argv, message, env] of bad) {
    it(`refuses ${what}`, () => {
      expect(usage(argv, env)).toMatch(message);
    });
  }
});
