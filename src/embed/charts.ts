/**
 * THE list of embeddable charts. One entry per chart drives everything embeds need: the chrome-less
 * page /embed/<id>, the exported module /embed/<id>.js, the static /embed/<id>.svg and .png drawn
 * at build time, the og:image of the chart's page, the Embed page (/embed) and the embed tests.
 *
 * To offer a new chart, write ./charts/<id>.ts exporting `chart = defineChart({id: "<id>", ...})`
 * and add it below. The chart function must be pure `(data, {width, document, ...}) => SVGSVGElement`
 * (as in src/components/) and draw its marks with class "mark"; `data` is the site path of a file
 * a Framework data loader in src/data/ writes. Embed pages and exported modules import
 * ./charts/<id>.js alone, so that a reader downloads one chart's code, not every chart's.
 *
 * Imported by the Embed page (browser), by observablehq.config.ts and by scripts/tests (Node, via
 * tsx): keep it free of Node and browser globals.
 */
import type { EmbedChart } from "./define.js";
import { chart as hashtagChart } from "./charts/hashtag-chart.js";
import { chart as pageviewsChart } from "./charts/pageviews-chart.js";
import { chart as rankChart } from "./charts/rank-chart.js";
import { chart as rankMultiples } from "./charts/rank-multiples.js";
import { chart as storyChart } from "./charts/story-chart.js";

export type { ChartOption, ChartQuery, DrawOptions, EmbedChart } from "./define.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry is checked by defineChart<D>.
export const CHARTS: readonly EmbedChart<any>[] = [storyChart, rankChart, rankMultiples, hashtagChart, pageviewsChart];

/**
 * The embed of any app's rank history, /embed/app?id=…&country=…: the app is chosen at run time
 * from /apps's data files, which it loads and shows with /apps's own code (./app-embed.ts), so it
 * is no EmbedChart: no data file of its own, and no static image drawn at build time.
 */
export const APP_EMBED = {
  id: "app",
  title: "An app's rank history",
  page: "/apps",
  source: "Apple's top-chart feeds, measured by the tracker",
} as const;

export function chartById(id: string): EmbedChart<unknown> | undefined {
  return CHARTS.find((c) => c.id === id);
}
