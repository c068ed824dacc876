// data/rankings.json: the rankings page's data (src/data/derive/rankings.ts). Chart snapshots come
// folded month by month, each month kept between builds, so a new day reads only its own month:
// the manifest's index says which month changed, and only that month's segment is opened.
import type { DatasetName } from "../../../loaders/schema.ts";
import { latestRetrieved } from "../derive/as-of.ts";
import { deriveRankings } from "../derive/rankings.ts";
import { chartFold } from "../lib/chart-folds.ts";
import { jsonFile } from "./site-file.ts";

const EDITORIAL: DatasetName[] = ["reported", "events", "tracked_apps"];

export const rankings = jsonFile("data/rankings.json", async (store) => {
  const apps = await store.rows("tracked_apps");
  return deriveRankings({
    charts: await chartFold(store.dataDir, await store.segments("chart_snapshots"), apps, store.cacheDir),
    reported: await store.rows("reported"),
    events: await store.rows("events"),
    apps,
    asOf: latestRetrieved((await store.manifestOf(EDITORIAL)).resources, EDITORIAL, { confirmed: false }),
  });
});
