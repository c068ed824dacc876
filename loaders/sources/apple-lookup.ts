/**
 * App metrics from the iTunes lookup API: `{base}/lookup?id=<ids>&country=<cc>&entity=software`,
 * one request per storefront for every tracked app with an App Store id. Each tracked app gets a
 * row per storefront; an app the storefront does not list is a row with status "absent" and no
 * numbers (absent is not zero).
 */
import { z } from "zod";
import { appMetricRow, type AppMetricRow, type TrackedAppRow } from "../schema.ts";
import { ShapeError, type ScopeTask, type Source, type SourceContext } from "./types.ts";
import { checkRows, describeIssues, joinUrl, toIsoUtc } from "./apple-shared.ts";

/** Strict on what we keep, silent about the many other fields (screenshots, description, ...). */
const lookupEntry = z.looseObject({
  trackId: z.int().positive(),
  trackName: z.string().min(1, "must not be empty"),
  userRatingCount: z.int().min(0).optional(),
  averageUserRating: z.number().min(0).max(5).optional(),
  version: z.string().optional(),
  currentVersionReleaseDate: z.string().optional(),
});

export const lookupResponse = z.looseObject({
  resultCount: z.int().min(0),
  results: z.array(lookupEntry),
});

export function lookupUrl(baseUrl: string, ids: readonly string[], country: string): string {
  // Ids are digits and countries letters: nothing to escape, and the commas stay readable.
  return joinUrl(baseUrl, `lookup?id=${ids.join(",")}&country=${country}&entity=software`);
}

/** Normalized for comparison: case-folded, width-folded, letters and digits only ("Red Note" ~ "REDnote"). */
function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The names a store listing of `app` may plausibly carry: its English name and its parts, its key, its Chinese name. */
export function expectedNames(app: Pick<TrackedAppRow, "key" | "name_en" | "name_zh">): string[] {
  const parts = app.name_en.split(/[()[\]/,;:|–—]|\s-\s/);
  const names = [app.name_en, ...parts, app.key, app.name_zh ?? ""].map((s) => s.trim()).filter((s) => normalize(s) !== "");
  return [...new Set(names)];
}

export function isPlausibleName(app: Pick<TrackedAppRow, "key" | "name_en" | "name_zh">, trackName: string): boolean {
  const got = normalize(trackName);
  return expectedNames(app).some((name) => got.includes(normalize(name)));
}

export interface LookupRequest {
  url: string;
  country: string;
  apps: readonly TrackedAppRow[];
  retrievedAt: string;
  log(message: string): void;
}

/** Turns one lookup response into one row per tracked app, or throws a ShapeError naming the URL. */
export function lookupRows(body: unknown, request: LookupRequest): AppMetricRow[] {
  const { url, country, apps, retrievedAt, log } = request;
  const fail = (detail: string) => new ShapeError(`GET ${url} returned an unexpected lookup answer: ${detail}. The API may have changed format or the URL may not be the iTunes lookup API.`);
  const parsed = lookupResponse.safeParse(body);
  if (!parsed.success) throw fail(describeIssues(parsed.error));
  const { resultCount, results } = parsed.data;
  if (resultCount !== results.length) throw fail(`resultCount is ${resultCount} but results has ${results.length} entries`);
  const byId = new Map<string, (typeof results)[number]>();
  for (const entry of results) {
    const id = String(entry.trackId);
    if (byId.has(id)) throw fail(`trackId ${id} is listed twice`);
    byId.set(id, entry);
  }
  const asked = new Set(apps.map((app) => app.app_store_id));
  for (const id of byId.keys()) {
    if (!asked.has(id)) log(`WARNING apple-lookup ${country}: the answer lists trackId ${id}, which was not asked for; ignored (${url}).`);
  }
  const rows = apps.map((app): AppMetricRow => {
    const id = app.app_store_id!;
    const entry = byId.get(id);
    const base = { store: "app-store" as const, country, app_key: app.key, app_id: id };
    if (!entry) return { ...base, status: "absent", retrieved_at: retrievedAt };
    if (!isPlausibleName(app, entry.trackName)) {
      log(
        `WARNING apple-lookup ${country}: App Store id ${id} is ${JSON.stringify(entry.trackName)}, expected a name containing ` +
          `${expectedNames(app).map((n) => JSON.stringify(n)).join(" or ")} (tracked app "${app.key}"): check its app_store_id in tracked_apps.`,
      );
    }
    let released: string | undefined;
    if (entry.currentVersionReleaseDate !== undefined) {
      released = toIsoUtc(entry.currentVersionReleaseDate);
      if (released === undefined) throw fail(`currentVersionReleaseDate ${JSON.stringify(entry.currentVersionReleaseDate)} of trackId ${id} is not a date`);
    }
    return {
      ...base,
      status: "present",
      name: entry.trackName,
      ...(entry.userRatingCount !== undefined ? { user_rating_count: entry.userRatingCount } : {}),
      ...(entry.averageUserRating !== undefined ? { average_user_rating: entry.averageUserRating } : {}),
      ...(entry.version !== undefined && entry.version !== "" ? { version: entry.version } : {}),
      ...(released !== undefined ? { version_released_at: released } : {}),
      retrieved_at: retrievedAt,
    };
  });
  if (apps.length > 0 && rows.every((row) => row.status === "absent")) {
    log(`WARNING apple-lookup ${country}: none of the ${apps.length} tracked apps is listed in this storefront (${url}); check the ids and the storefront.`);
  }
  checkRows(appMetricRow, rows, fail);
  return rows;
}

/** The tracked apps that have an App Store id, newest tracked_apps file winning for a repeated key. */
export async function trackedAppStoreApps(context: Pick<SourceContext, "readRows">): Promise<TrackedAppRow[]> {
  const byKey = new Map<string, TrackedAppRow>();
  for await (const app of context.readRows("tracked_apps")) byKey.set(app.key, app);
  return [...byKey.values()].filter((app) => app.app_store_id !== undefined);
}

export const appleLookup: Source = {
  name: "apple-lookup",
  description: "Rating count, average rating and version of each tracked app per storefront (iTunes lookup API)",
  defaultBaseUrl: "https://itunes.apple.com",
  tasks(context: SourceContext): ScopeTask[] {
    let tracked: Promise<TrackedAppRow[]> | undefined;
    const apps = () => (tracked ??= trackedAppStoreApps(context));
    return context.countries.map((country) => ({
      scope: country,
      async run() {
        const list = await apps();
        if (list.length === 0) {
          throw new Error("no tracked app has an app_store_id: import data/tracked_apps first (npm run import -- --dataset tracked_apps --file ...).");
        }
        const ids = [...new Set(list.map((app) => app.app_store_id!))];
        const url = lookupUrl(context.baseUrl, ids, country);
        const response = await context.http.getJson(url);
        const rows = lookupRows(response.body, { url, country, apps: list, retrievedAt: response.retrievedAt, log: (m) => context.log(m) });
        return [
          {
            dataset: "app_metrics" as const,
            rows,
            sources: [{ title: `iTunes lookup API, ${country.toUpperCase()} storefront, ${ids.length} tracked apps`, path: url }],
            retrievedAt: response.retrievedAt,
          },
        ];
      },
    }));
  },
};
