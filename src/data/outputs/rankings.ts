// data/rankings.json: the rankings page's data (src/data/derive/rankings.ts). Chart snapshots come
// folded month by month, each month kept between builds, so a new day reads only its own month.
import { latestRetrieved } from "../derive/as-of.ts";
import { deriveRankings } from "../derive/rankings.ts";
import { chartFold, chartMonths } from "../lib/chart-folds.ts";
import { jsonFile } from "./site-file.ts";

export const rankings = jsonFile("data/rankings.json", async (store) => {
  const manifest = await store.manifest();
  const apps = await store.rows("tracked_apps");
  return deriveRankings({
    charts: await chartFold(store.dataDir, chartMonths(manifest.resources), apps, store.cacheDir),
    reported: await store.rows("reported"),
    events: await store.rows("events"),
    apps,
    asOf: latestRetrieved(manifest.resources, ["reported", "events", "tracked_apps"], { confirmed: false }),
  });
});
