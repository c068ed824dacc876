// data/rankings.json: the rankings page's data (src/data/derive/rankings.ts). Chart snapshots come
// as per-file summaries, cached by sha256, so years of them are read once and a new day reads a day.
import { latestRetrieved } from "../derive/as-of.ts";
import { foldSnapshots } from "../derive/chart-fold.ts";
import { deriveRankings } from "../derive/rankings.ts";
import { chartSummaries } from "../lib/chart-summaries.ts";
import { jsonFile } from "./site-file.ts";

export const rankings = jsonFile("data/rankings.json", async (store) => {
  const manifest = await store.manifest();
  const apps = await store.rows("tracked_apps");
  return deriveRankings({
    charts: await foldSnapshots(chartSummaries(store.dataDir, manifest, apps, store.cacheDir)),
    reported: await store.rows("reported"),
    events: await store.rows("events"),
    apps,
    asOf: latestRetrieved(manifest.resources, ["reported", "events", "tracked_apps"], { confirmed: false }),
  });
});
