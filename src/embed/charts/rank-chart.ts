/** Top-chart ranks in one country as an embed (see ../charts.ts). */
import { rankChart } from "../../components/rank-chart.js";
import type { RankingsData } from "../../components/rank-types.js";
import { defineChart } from "../define.js";
import { defaultCountry, rankingsForApp } from "../narrow.js";

export const chart = defineChart<RankingsData>({
  id: "rank-chart",
  title: "Top-chart ranks in one country",
  page: "/rankings",
  data: "/data/rankings.json",
  source: "Apple's top-free charts (measured) and news outlets (reported), named on each mark",
  options: ["country", "app"],
  choices: (data) => ({ app: data.apps.map((a) => a.key), country: data.countries }),
  asOf: (data) => data.asOf,
  draw: (data, { width, document, query, interactive }) =>
    rankChart(rankingsForApp(data, query.app), { width, document, country: query.country ?? defaultCountry(data), interactive }),
});
