/**
 * Every file of the site's data but those that depend on what is stored: the downloads
 * (./downloads.ts) and the apps' chart-years (./apps.ts appsSnapshotFiles).
 * Each has a Framework data loader in src/data/ (so `npm run dev` runs them one by one);
 * `npm run build` writes them all in one process first (scripts/loader-cache.ts).
 */
import { appsCharts, appsHistoryShards, appsIdsFiles, appsIndex, appsSearchFiles } from "./apps.ts";
import { catalog } from "./catalog.ts";
import { datapackage } from "./downloads.ts";
import { events } from "./events.ts";
import { feed } from "./feed.ts";
import { hashtags } from "./hashtags.ts";
import { methodology } from "./methodology.ts";
import { overview } from "./overview.ts";
import { pageviews } from "./pageviews.ts";
import { rankings } from "./rankings.ts";
import type { SiteFile } from "./site-file.ts";
import { story } from "./story.ts";

export const SITE_FILES: readonly SiteFile[] = [story, rankings, hashtags, pageviews, events, overview, methodology, feed, appsIndex, ...appsSearchFiles, ...appsIdsFiles, appsCharts, ...appsHistoryShards, datapackage, catalog];
