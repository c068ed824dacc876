// data/overview.json: the overview's headline figures (src/data/derive/overview.ts).
import { deriveOverview } from "../derive/overview.ts";
import { datasetStates } from "../lib/store-summaries.ts";
import { jsonFile } from "./site-file.ts";

export const overview = jsonFile("data/overview.json", async (store) =>
  deriveOverview({
    reported: await store.rows("reported"),
    pageviews: await store.rows("pageviews"),
    stored: Object.fromEntries(Object.entries(await datasetStates(store)).map(([dataset, state]) => [dataset, state.summary])),
  }),
);
