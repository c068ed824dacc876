/** The #tiktokrefugee counts as an embed (see ../charts.ts). */
import type { HashtagData } from "../../components/attention-types.js";
import { hashtagChart } from "../../components/hashtag-chart.js";
import { defineChart } from "../define.js";

export const chart = defineChart<HashtagData>({
  id: "hashtag-chart",
  title: "Counting the #tiktokrefugee tag",
  page: "/attention",
  data: "/data/hashtags.json",
  source: "news outlets (reported) and the TikTok Research API (measured), named on each mark",
  options: [],
  choices: () => ({}),
  asOf: (data) => data.asOf,
  draw: (data, { width, document }) => hashtagChart(data, { width, document }),
});
