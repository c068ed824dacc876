import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../../loaders/http.ts";
import type { DatasetName, RowOf, TrackedAppRow } from "../../loaders/schema.ts";
import { appleLookup, expectedNames, isPlausibleName, lookupUrl } from "../../loaders/sources/apple-lookup.ts";
import type { ScopeSnapshot, SourceContext } from "../../loaders/sources/types.ts";
import { lookupAnswer, TRACKED_APPS, type LookupEntry } from "../helpers/apple-fixtures.ts";
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

function context(baseUrl: string, countries = ["us"], apps: TrackedAppRow[] = TRACKED_APPS) {
  const logs: string[] = [];
  let reads = 0;
  const ctx: SourceContext = {
    http,
    baseUrl,
    countries,
    env: {},
    readRows: <D extends DatasetName>(dataset: D) => {
      reads++;
      return (async function* () {
        if (dataset === "tracked_apps") yield* apps as unknown as RowOf<D>[];
      })();
    },
    now: () => new Date(),
    log: (m) => logs.push(m),
  };
  return { ctx, logs, reads: () => reads };
}

/** Answers /lookup from the fixture after `edit`, recording the query. */
function lookupHandler(edit: (answer: ReturnType<typeof lookupAnswer>, country: string) => unknown = (a) => a): Handler {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (!url.pathname.endsWith("/lookup")) return sendJson(res, {}, 404);
    sendJson(res, edit(lookupAnswer(), url.searchParams.get("country") ?? ""));
  };
}

async function run(baseUrl: string, country = "us", apps?: TrackedAppRow[]) {
  const { ctx, logs } = context(baseUrl, [country], apps);
  const [task] = appleLookup.tasks(ctx);
  return { snapshots: (await task!.run()) as ScopeSnapshot<"app_metrics">[], logs };
}

async function failure(baseUrl: string, apps?: TrackedAppRow[]): Promise<string> {
  const error = await run(baseUrl, "us", apps).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).not.toMatch(/\n/);
  return message;
}

const IDS = "741292507,1498607143,835599320,1500855883,6448311069";

describe("apple-lookup source", () => {
  it("asks once per storefront for every tracked app with an App Store id, reading tracked_apps once", async () => {
    const server = await serve(lookupHandler());
    const { ctx, reads } = context(`${server.url}/itunes/`, ["us", "gb"]);
    const tasks = appleLookup.tasks(ctx);
    expect(tasks.map((t) => t.scope)).toEqual(["us", "gb"]);
    for (const task of tasks) await task.run();
    expect(server.requests.map((r) => r.url)).toEqual([`/itunes/lookup?id=${IDS}&country=us&entity=software`, `/itunes/lookup?id=${IDS}&country=gb&entity=software`]);
    expect(reads()).toBe(1);
    expect(lookupUrl("https://itunes.apple.com", ["1", "2"], "jp")).toBe("https://itunes.apple.com/lookup?id=1,2&country=jp&entity=software");
    expect(appleLookup.defaultBaseUrl).toBe("https://itunes.apple.com");
  });

  it("makes a row per tracked app: numbers when listed, status absent (no numbers, not zero) when not", async () => {
    const server = await serve(lookupHandler());
    const { snapshots, logs } = await run(server.url);
    expect(logs).toEqual([]);
    const [snapshot] = snapshots;
    const at = snapshot!.retrievedAt;
    expect(snapshot!.dataset).toBe("app_metrics");
    expect(snapshot!.sources).toEqual([{ title: expect.stringContaining("iTunes lookup"), path: `${server.url}/lookup?id=${IDS}&country=us&entity=software` }]);
    const base = { store: "app-store", country: "us", retrieved_at: at };
    expect(snapshot!.rows).toEqual([
      { ...base, app_key: "xiaohongshu", app_id: "741292507", status: "present", name: "RedNote", user_rating_count: 138214, average_user_rating: 4.70122, version: "8.68.1", version_released_at: "2025-01-13T18:34:05.000Z" },
      { ...base, app_key: "lemon8", app_id: "1498607143", status: "present", name: "Lemon8 - Lifestyle Community", user_rating_count: 62790, average_user_rating: 4.6314, version: "6.3.0", version_released_at: "2025-01-10T07:02:11.000Z" },
      { ...base, app_key: "tiktok", app_id: "835599320", status: "absent" },
      { ...base, app_key: "capcut", app_id: "1500855883", status: "absent" },
      { ...base, app_key: "chatgpt", app_id: "6448311069", status: "present", name: "ChatGPT", user_rating_count: 1765432, average_user_rating: 4.89745, version: "1.2025.007", version_released_at: "2025-01-14T01:20:00.000Z" },
    ]);
  });

  it("says loudly when an id carries an unexpected name, and still keeps the row", async () => {
    const server = await serve(
      lookupHandler((answer) => ({ ...answer, results: answer.results.map((e) => (e.trackId === 1498607143 ? { ...e, trackName: "Totally Different Game" } : e)) })),
    );
    const { snapshots, logs } = await run(server.url);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^WARNING apple-lookup us: App Store id 1498607143 is "Totally Different Game", expected a name containing "Lemon8" or "lemon8" \(tracked app "lemon8"\)/);
    expect(snapshots[0]!.rows.find((r) => r.app_key === "lemon8")).toMatchObject({ status: "present", name: "Totally Different Game" });
  });

  it("accepts the names a store listing plausibly carries", () => {
    const rednote = TRACKED_APPS[0]!;
    expect(expectedNames(rednote)).toEqual(["RedNote (Xiaohongshu)", "RedNote", "Xiaohongshu", "xiaohongshu", "小红书"]);
    for (const name of ["RedNote", "REDnote", "Red Note - Lifestyle", "小红书 - 你的生活兴趣社区", "Xiaohongshu", "ＲｅｄＮｏｔｅ"]) expect(isPlausibleName(rednote, name), name).toBe(true);
    for (const name of ["Lemon8", "Red", "Notes", "小红"]) expect(isPlausibleName(rednote, name), name).toBe(false);
    expect(isPlausibleName(TRACKED_APPS[2]!, "TikTok - Videos, Shop & LIVE")).toBe(true);
    expect(isPlausibleName(TRACKED_APPS[3]!, "CapCut - Photo & Video Editor")).toBe(true);
  });

  it("warns about an answer for an id it did not ask for, and ignores it", async () => {
    const server = await serve(lookupHandler((answer) => ({ resultCount: 4, results: [...answer.results, { ...answer.results[0]!, trackId: 999, trackName: "Stranger" }] })));
    const { snapshots, logs } = await run(server.url);
    expect(logs).toEqual([expect.stringMatching(/^WARNING apple-lookup us: the answer lists trackId 999, which was not asked for/)]);
    expect(snapshots[0]!.rows).toHaveLength(5);
  });

  it("warns when no tracked app is listed at all", async () => {
    const server = await serve(lookupHandler(() => ({ resultCount: 0, results: [] })));
    const { snapshots, logs } = await run(server.url);
    expect(snapshots[0]!.rows.every((r) => r.status === "absent" && r.user_rating_count === undefined)).toBe(true);
    expect(logs).toEqual([expect.stringMatching(/^WARNING apple-lookup us: none of the 5 tracked apps is listed/)]);
  });

  const edit = (i: number, change: Partial<Record<keyof LookupEntry, unknown>>) => (answer: ReturnType<typeof lookupAnswer>) => ({
    ...answer,
    results: answer.results.map((e, j) => (j === i ? { ...e, ...change } : e)),
  });
  const broken: [string, (answer: ReturnType<typeof lookupAnswer>) => unknown, RegExp][] = [
    ["a resultCount that disagrees with results", (a) => ({ ...a, resultCount: 7 }), /resultCount is 7 but results has 3 entries/],
    ["a string trackId", edit(0, { trackId: "741292507" }), /results\.0\.trackId: Invalid input: expected number/],
    ["a missing trackName", edit(1, { trackName: undefined }), /results\.1\.trackName/],
    ["a rating above 5", edit(2, { averageUserRating: 7 }), /results\.2\.averageUserRating/],
    ["a negative rating count", edit(0, { userRatingCount: -1 }), /results\.0\.userRatingCount/],
    ["a fractional rating count", edit(0, { userRatingCount: 1.5 }), /results\.0\.userRatingCount/],
    ["an unreadable release date", edit(0, { currentVersionReleaseDate: "13/01/2025" }), /currentVersionReleaseDate "13\/01\/2025" of trackId 741292507 is not a date/],
    ["a repeated trackId", (a) => ({ resultCount: 4, results: [...a.results, a.results[0]] }), /trackId 741292507 is listed twice/],
    ["the search API's error shape", () => ({ errorMessage: "Invalid value(s) for key(s): [country]", queryParameters: {} }), /resultCount: Invalid input/],
  ];
  for (const [what, change, reason] of broken) {
    it(`refuses ${what} with one line naming the URL`, async () => {
      const server = await serve(lookupHandler(change));
      const message = await failure(server.url);
      expect(message).toContain(`GET ${server.url}/lookup?id=${IDS}&country=us&entity=software returned an unexpected lookup answer: `);
      expect(message).toMatch(reason);
    });
  }

  it("fails the scope, asking nothing, when no tracked app has an App Store id", async () => {
    const server = await serve(lookupHandler());
    expect(await failure(server.url, [TRACKED_APPS[5]!])).toMatch(/no tracked app has an app_store_id/);
    expect(server.requests).toHaveLength(0);
  });
});
