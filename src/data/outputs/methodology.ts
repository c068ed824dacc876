// data/methodology.json: the Methodology page's conflicts and counts (src/data/derive/methodology.ts).
import { DATASETS, type DatasetName } from "../../../loaders/schema.ts";
import { latestRetrieved } from "../derive/as-of.ts";
import { deriveMethodology } from "../derive/methodology.ts";
import { datasetStates } from "../lib/store-summaries.ts";
import { jsonFile } from "./site-file.ts";

export const methodology = jsonFile("data/methodology.json", async (store) => {
  const states = await datasetStates(store);
  const measured = (Object.keys(DATASETS) as DatasetName[])
    .filter((name) => DATASETS[name].kind === "measured")
    .map((name) => {
      const { summary, current } = states[name];
      return { name, title: DATASETS[name].title, rows: current ? current.reduce((sum, r) => sum + r.rows, 0) : summary.rows };
    });
  const { resources } = await store.manifestOf(["reported", "events", "tracked_apps"]);
  return deriveMethodology({
    reported: await store.rows("reported"),
    events: await store.rows("events"),
    apps: await store.rows("tracked_apps"),
    measured,
    asOf: latestRetrieved(resources, ["reported", "events", "tracked_apps"]),
  });
});
