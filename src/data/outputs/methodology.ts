// data/methodology.json: the Methodology page's conflicts and counts (src/data/derive/methodology.ts).
import { DATASETS, type DatasetName } from "../../../loaders/schema.ts";
import { resourcesToRead } from "../../../loaders/store/read.ts";
import { latestRetrieved } from "../derive/as-of.ts";
import { deriveMethodology } from "../derive/methodology.ts";
import { jsonFile } from "./site-file.ts";

export const methodology = jsonFile("data/methodology.json", async (store) => {
  const { resources } = await store.manifest();
  const measured = (Object.keys(DATASETS) as DatasetName[])
    .filter((name) => DATASETS[name].kind === "measured")
    .map((name) => ({ name, title: DATASETS[name].title, rows: resourcesToRead(resources, name).reduce((sum, r) => sum + r.rows, 0) }));
  return deriveMethodology({
    reported: await store.rows("reported"),
    events: await store.rows("events"),
    apps: await store.rows("tracked_apps"),
    measured,
    asOf: latestRetrieved(resources, ["reported", "events", "tracked_apps"]),
  });
});
