/**
 * THE list of embeddable charts. One entry per chart drives everything embeds need: the chrome-less
 * page /embed/<id>, the exported module /embed/<id>.js, the static /embed/<id>.svg and .png drawn
 * at build time, the og:image of the chart's page, the Embed page (/embed) and the embed tests.
 *
 * To offer a new chart, add one `defineChart({...})` entry below. The chart function must be pure
 * `(data, {width, document, ...}) => SVGSVGElement` (as in src/components/) and draw its marks
 * with class "mark"; `data` is the site path of a file a Framework data loader in src/data/ writes.
 *
 * Imported by pages (browser), by observablehq.config.ts and by scripts/tests (Node, via tsx):
 * keep it free of Node and browser globals.
 */
import type { HashtagData, PageviewsData } from "../components/attention-types.js";
import { hashtagChart } from "../components/hashtag-chart.js";
import { pageviewsChart } from "../components/pageviews-chart.js";
import { rankChart, smallMultiples } from "../components/rank-chart.js";
import type { RankingsData } from "../components/rank-types.js";
import { storyChart } from "../components/story-chart.js";
import type { StoryData } from "../components/story-types.js";

/** Query parameters a chart may understand, besides `theme` (every chart) and pym's own. */
export type ChartOption = "app" | "country" | "from" | "to";

/** Validated, normalised query: see ./params.ts. */
export interface ChartQuery {
  app?: string;
  country?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
}

export interface DrawOptions {
  width: number;
  document: Document;
  query: ChartQuery;
}

export interface EmbedChart<D = unknown> {
  /** URL slug: /embed/<id>, /embed/<id>.js, /embed/<id>.svg, /embed/<id>.png. Lower case, digits, "-". */
  id: string;
  /** The chart's title: iframe title, Embed page heading, image alt text. */
  title: string;
  /** Site path of the page that shows the chart (credit line link; og:image of that page). */
  page: string;
  /** Site path of the data file a Framework data loader writes, e.g. "/data/story.json". */
  data: string;
  /** "Source: …" in the credit line under an embed. */
  source: string;
  /** Which of app, country, from, to the chart understands; anything else is refused with a message. */
  options: readonly ChartOption[];
  /** Values `app` and `country` may take for this data (the message for a wrong one lists them). */
  choices(data: D): { app?: readonly string[]; country?: readonly string[] };
  /** Last update of the data behind the chart (UTC ISO), or null. */
  asOf(data: D): string | null;
  /** Draws the chart for the query. Pure: the same data, width and query give the same SVG. */
  draw(data: D, options: DrawOptions): SVGSVGElement;
}

/** Keeps the data type of one entry checked against its chart function. */
export function defineChart<D>(chart: EmbedChart<D>): EmbedChart<D> {
  return chart;
}

/** The story for a query: one app's ranks, a narrower window. */
export function storyForQuery(data: StoryData, query: ChartQuery): StoryData {
  const start = query.from ?? data.window.start;
  const end = query.to ?? data.window.end;
  const overlaps = (p: { date: string; dateEnd?: string }) => p.date <= end && (p.dateEnd ?? p.date) >= start;
  // The views panel is RedNote's (drawn in its colour), so RedNote stays in the legend.
  const apps = query.app ? data.apps.filter((a) => a.key === query.app || a.key === "xiaohongshu") : data.apps;
  return {
    ...data,
    window: { start, end: end < start ? start : end },
    apps,
    ranks: data.ranks.filter((r) => (!query.app || r.app === query.app) && overlaps(r)),
    views: data.views.filter(overlaps),
    events: data.events.filter(overlaps),
  };
}

/** The rankings of one app (its measured ranks, reported ranks and store absences). */
export function rankingsForApp(data: RankingsData, app: string | undefined): RankingsData {
  if (!app) return data;
  return {
    ...data,
    apps: data.apps.filter((a) => a.key === app),
    measured: data.measured.map((m) => ({ ...m, ranks: Object.fromEntries(Object.entries(m.ranks).filter(([key]) => key === app)) })),
    reported: data.reported.filter((r) => r.app === app),
    absences: data.absences.filter((a) => a.apps.includes(app)).map((a) => ({ ...a, apps: [app] })),
  };
}

/** The country a rankings embed shows without `country`: the US when it has ranks. */
const defaultCountry = (data: RankingsData) => (data.countries.includes("us") ? "us" : (data.countries[0] ?? "us"));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry is checked by defineChart<D>.
export const CHARTS: readonly EmbedChart<any>[] = [
  defineChart<StoryData>({
    id: "story-chart",
    title: "How American TikTok users reached RedNote",
    page: "/",
    data: "/data/story.json",
    source: "news outlets and data firms, named on each mark",
    options: ["app", "country", "from", "to"],
    // The story's ranks are those of the US App Store.
    choices: (data) => ({ app: data.apps.map((a) => a.key), country: ["us"] }),
    asOf: (data) => data.asOf,
    draw: (data, { width, document, query }) => storyChart(storyForQuery(data, query), { width, document }),
  }),
  defineChart<RankingsData>({
    id: "rank-chart",
    title: "Top-chart ranks in one country",
    page: "/rankings",
    data: "/data/rankings.json",
    source: "Apple's top-free charts (measured) and news outlets (reported), named on each mark",
    options: ["country", "app"],
    choices: (data) => ({ app: data.apps.map((a) => a.key), country: data.countries }),
    asOf: (data) => data.asOf,
    draw: (data, { width, document, query }) =>
      rankChart(rankingsForApp(data, query.app), { width, document, country: query.country ?? defaultCountry(data) }),
  }),
  defineChart<RankingsData>({
    id: "rank-multiples",
    title: "App Store ranks, country by country",
    page: "/rankings",
    data: "/data/rankings.json",
    source: "Apple's top-free charts (measured) and news outlets (reported), named on each mark",
    options: ["app"],
    choices: (data) => ({ app: data.apps.map((a) => a.key) }),
    asOf: (data) => data.asOf,
    draw: (data, { width, document, query }) => smallMultiples(rankingsForApp(data, query.app), { width, document }),
  }),
  defineChart<HashtagData>({
    id: "hashtag-chart",
    title: "Counting the #tiktokrefugee tag",
    page: "/attention",
    data: "/data/hashtags.json",
    source: "news outlets (reported) and the TikTok Research API (measured), named on each mark",
    options: [],
    choices: () => ({}),
    asOf: (data) => data.asOf,
    draw: (data, { width, document }) => hashtagChart(data, { width, document }),
  }),
  defineChart<PageviewsData>({
    id: "pageviews-chart",
    title: "Who looked it up on Wikipedia",
    page: "/attention",
    data: "/data/pageviews.json",
    source: "Wikimedia pageviews API, daily views by people",
    options: [],
    choices: () => ({}),
    asOf: (data) => data.asOf,
    draw: (data, { width, document }) => pageviewsChart(data, { width, document }),
  }),
];

export function chartById(id: string): EmbedChart<unknown> | undefined {
  return CHARTS.find((c) => c.id === id);
}
