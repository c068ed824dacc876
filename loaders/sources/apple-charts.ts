/**
 * Apple's top charts: the public JSON feed of Apple's RSS feed generator (marketing tools),
 * `{base}/api/v2/{country}/apps/{top-free|top-paid}/100/apps.json`. One scope per storefront and
 * chart; the rows are the whole chart in order, rank = 1-based position in `feed.results`.
 */
import { z } from "zod";
import { CHARTS, chartSnapshotRow, type ChartSnapshotRow } from "../schema.ts";
import { ShapeError, type ScopeTask, type Source, type SourceContext } from "./types.ts";
import { checkRows, describeIssues, joinUrl, toIsoUtc } from "./apple-shared.ts";

/** Apple serves at most 100 (some feeds 200) entries per chart; 100 is accepted by every feed. */
export const CHART_LIMIT = 100;

/** What we keep is checked strictly (id, name, artistName, updated); the rest may change freely. */
const feedEntry = z.looseObject({
  id: z.string().regex(/^[0-9]+$/, "must be a numeric app id"),
  name: z.string().min(1, "must not be empty"),
  artistName: z.string().optional(),
});

export const chartFeedResponse = z.looseObject({
  feed: z.looseObject({
    id: z.string().optional(),
    links: z.unknown().optional(),
    country: z.string(),
    updated: z.string().optional(),
    results: z.array(feedEntry),
  }),
});

export type ChartFeedResponse = z.infer<typeof chartFeedResponse>;

export function chartUrl(baseUrl: string, country: string, chart: (typeof CHARTS)[number], limit = CHART_LIMIT): string {
  return joinUrl(baseUrl, `api/v2/${country}/apps/${chart}/${limit}/apps.json`);
}

/** Turns one feed response into rows, or throws a ShapeError (one line, naming the URL) on anything unexpected. */
export function chartRows(
  body: unknown,
  request: { url: string; country: string; chart: (typeof CHARTS)[number]; retrievedAt: string },
): ChartSnapshotRow[] {
  const { url, country, chart, retrievedAt } = request;
  const fail = (detail: string) => new ShapeError(`GET ${url} returned an unexpected chart feed: ${detail}. The feed may have changed format or the URL may not be Apple's feed.`);
  const parsed = chartFeedResponse.safeParse(body);
  if (!parsed.success) throw fail(describeIssues(parsed.error));
  const { feed } = parsed.data;
  if (feed.country.toLowerCase() !== country) throw fail(`feed.country is "${feed.country}", expected "${country}"`);
  const identity = `${feed.id ?? ""} ${JSON.stringify(feed.links ?? "")}`;
  if (!identity.includes(chart)) throw fail(`neither feed.id nor feed.links mention "${chart}" (feed.id is ${JSON.stringify(feed.id ?? null)})`);
  if (feed.results.length === 0) throw fail("feed.results is empty (a chart always lists apps)");
  if (feed.results.length > CHART_LIMIT) throw fail(`feed.results has ${feed.results.length} entries, more than the ${CHART_LIMIT} asked for`);
  const seen = new Map<string, number>();
  feed.results.forEach((entry, i) => {
    const first = seen.get(entry.id);
    if (first !== undefined) throw fail(`app id ${entry.id} is listed twice (ranks ${first} and ${i + 1})`);
    seen.set(entry.id, i + 1);
  });
  let feedUpdated: string | undefined;
  if (feed.updated !== undefined) {
    feedUpdated = toIsoUtc(feed.updated);
    if (feedUpdated === undefined) throw fail(`feed.updated ${JSON.stringify(feed.updated)} is not a date`);
  }
  const rows: ChartSnapshotRow[] = feed.results.map((entry, i) => ({
    store: "app-store",
    country,
    chart,
    rank: i + 1,
    app_id: entry.id,
    name: entry.name,
    ...(entry.artistName !== undefined && entry.artistName !== "" ? { developer: entry.artistName } : {}),
    ...(feedUpdated !== undefined ? { feed_updated: feedUpdated } : {}),
    retrieved_at: retrievedAt,
  }));
  checkRows(chartSnapshotRow, rows, fail);
  return rows;
}

export const appleCharts: Source = {
  name: "apple-charts",
  description: "App Store top free and top paid apps per storefront (Apple's RSS feed generator, JSON)",
  defaultBaseUrl: "https://rss.marketingtools.apple.com",
  tasks(context: SourceContext): ScopeTask[] {
    return context.countries.flatMap((country) =>
      CHARTS.map((chart) => ({
        scope: `${country}-${chart}`,
        async run() {
          const url = chartUrl(context.baseUrl, country, chart);
          const response = await context.http.getJson(url);
          const rows = chartRows(response.body, { url, country, chart, retrievedAt: response.retrievedAt });
          return [
            {
              dataset: "chart_snapshots" as const,
              rows,
              sources: [{ title: `Apple App Store ${chart === "top-free" ? "Top Free" : "Top Paid"} Apps, ${country.toUpperCase()} (RSS feed generator, JSON)`, path: url }],
              retrievedAt: response.retrievedAt,
            },
          ];
        },
      })),
    );
  },
};
