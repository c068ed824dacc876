/** In the browser, on the attention page the build printed (src/pages/attention.ts): both charts at the reader's width, with tooltips. */
import type { HashtagData, PageviewsData } from "../components/attention-types.js";
import { hashtagChart } from "../components/hashtag-chart.js";
import { hydrateChart } from "../components/hydrate.js";
import { pageviewsChart } from "../components/pageviews-chart.js";

export function hydrateHashtags(hashtags: HashtagData): void {
  hydrateChart(document.getElementById("hashtags")!, (width) => hashtagChart(hashtags, { width, document }));
}

export function hydratePageviews(pageviews: PageviewsData): void {
  hydrateChart(document.getElementById("pageviews")!, (width) => pageviewsChart(pageviews, { width, document }));
}
