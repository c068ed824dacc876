/** The story chart as an embed (see ../charts.ts). */
import { storyChart } from "../../components/story-chart.js";
import type { StoryData } from "../../components/story-types.js";
import { defineChart } from "../define.js";
import { storyForQuery } from "../narrow.js";

export const chart = defineChart<StoryData>({
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
});
