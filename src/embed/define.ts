/**
 * What an embeddable chart is: its entry's shape and `defineChart`. Kept apart from the list
 * (./charts.ts) so that each chart's module (./charts/<id>.ts) can be loaded on its own: an embed
 * page downloads only its chart's drawing code.
 */

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
  /** false: drawn for print (the embed page's HTML, the static images); see RankChartOptions. */
  interactive?: boolean;
}

export interface EmbedChart<D = unknown> {
  /** URL slug: /embed/<id>, /embed/<id>.js, /embed/<id>.svg, /embed/<id>.png; also the name of its module in ./charts/. Lower case, digits, "-". */
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
  /**
   * "narrowest": its page prints one drawing, not one per band of widths (src/render/figure.ts),
   * for a chart whose drawing grows large with the data (years of small multiples).
   */
  printBands?: "narrowest";
  /** Draws the chart for the query. Pure: the same data, width and query give the same SVG. */
  draw(data: D, options: DrawOptions): SVGSVGElement;
}

/** Keeps the data type of one entry checked against its chart function. */
export function defineChart<D>(chart: EmbedChart<D>): EmbedChart<D> {
  return chart;
}
