/** Every source `npm run refresh` knows, by name. */
import type { Source } from "./types.ts";
import { appleCharts } from "./apple-charts.ts";
import { appleLookup } from "./apple-lookup.ts";
import { tiktokResearch } from "./tiktok-research.ts";
import { wikipediaPageviews } from "./wikipedia-pageviews.ts";

export const SOURCES: Source[] = [
  appleCharts,
  appleLookup,
  wikipediaPageviews,
  tiktokResearch,
];
