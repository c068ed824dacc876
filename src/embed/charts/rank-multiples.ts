/** App Store ranks, country by country, as an embed (see ../charts.ts). */
import { smallMultiples } from "../../components/rank-chart.js";
import type { RankingsData } from "../../components/rank-types.js";
import { defineChart } from "../define.js";
import { rankingsForApp } from "../narrow.js";

export const chart = defineChart<RankingsData>({
  id: "rank-multiples",
  title: "App Store ranks, country by country",
  page: "/rankings",
  data: "/data/rankings.json",
  source: "Apple's top-free charts (measured) and news outlets (reported), named on each mark",
  options: ["app"],
  choices: (data) => ({ app: data.apps.map((a) => a.key) }),
  asOf: (data) => data.asOf,
  printBands: "narrowest",
  draw: (data, { width, document, query, interactive }) => smallMultiples(rankingsForApp(data, query.app), { width, document, interactive }),
});
