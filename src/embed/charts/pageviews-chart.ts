/** Wikipedia pageviews as an embed (see ../charts.ts). */
import type { PageviewsData } from "../../components/attention-types.js";
import { pageviewsChart } from "../../components/pageviews-chart.js";
import { defineChart } from "../define.js";

export const chart = defineChart<PageviewsData>({
  id: "pageviews-chart",
  title: "Who looked it up on Wikipedia",
  page: "/attention",
  data: "/data/pageviews.json",
  source: "Wikimedia pageviews API, daily views by people",
  options: [],
  choices: () => ({}),
  asOf: (data) => data.asOf,
  draw: (data, { width, document }) => pageviewsChart(data, { width, document }),
});
